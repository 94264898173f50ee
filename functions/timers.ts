import { runChasers } from '../bot/features/chasers';
import { publishDue } from '../bot/features/circulation';
import { log } from '../bot/log';
import type { Services } from './services';

export interface Timer {
  name: string;
  /** NCRONTAB (Azure Functions): second minute hour day month weekday, in UTC. */
  schedule: string;
  /** How often the local host runs it (production follows `schedule`). */
  localEveryMs: number;
  run: (services: Services) => Promise<void>;
}

/**
 * The one list of scheduled jobs, registered as Azure Functions timers in production and run by the
 * local host on start and every hour. Every job is idempotent (claims in the outbox), so running it
 * more often than scheduled sends nothing twice.
 */
export const TIMERS: Timer[] = [
  {
    // Agendas set for later go out on time, and anything the outbox still holds (a retry, a send
    // cut short by a restart) is picked up again.
    name: 'circulation',
    schedule: '0 * * * * *',
    localEveryMs: 60_000,
    run: async (s) => {
      const published = await publishDue(s);
      if (published) log.info('scheduled-agendas-published', { published });
      await s.bot.sender.kick();
    },
  },
  {
    name: 'chasers',
    schedule: '0 0 7 * * 1-5',
    localEveryMs: 3600_000,
    run: async (s) => {
      const runs = await runChasers(s.bot.chasers, s.now());
      for (const r of runs)
        log.info('chasers-sent', {
          committee: r.committeeId,
          meeting: r.meetingId,
          round: r.round,
          officers: r.chased.length,
        });
    },
  },
];
