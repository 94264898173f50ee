import { runChasers } from '../bot/features/chasers';
import { log } from '../bot/log';
import type { Services } from './services';

export interface Timer {
  name: string;
  /** NCRONTAB (Azure Functions): second minute hour day month weekday, in UTC. */
  schedule: string;
  run: (services: Services) => Promise<void>;
}

/**
 * The one list of scheduled jobs, registered as Azure Functions timers in production and run by the
 * local host on start and every hour. Every job is idempotent (claims in the outbox), so running it
 * more often than scheduled sends nothing twice.
 */
export const TIMERS: Timer[] = [
  {
    name: 'chasers',
    schedule: '0 0 7 * * 1-5',
    run: async (s) => {
      const runs = await runChasers(
        { store: s.store, adapter: s.bot.adapter, botAppId: s.config.bot.appId, tenantId: s.config.tenantId },
        s.now(),
      );
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
