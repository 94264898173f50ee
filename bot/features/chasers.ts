import type { TeamsAdapter } from '@microsoft/teams-ai';
import type Bottleneck from 'bottleneck';
import { format } from 'date-fns';
import { attachment, renderCard } from '../../cards/render';
import type { Action } from '../domain/action';
import { isOpen, updatedSince } from '../domain/actionLog';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime, inLondon } from '../domain/londonTime';
import { byStart, hasFinished, type Meeting } from '../domain/meeting';
import type { Person } from '../domain/person';
import { personById } from '../domain/roles';
import { addWorkingDays } from '../domain/workingDays';
import type { SentMarker } from '../store/outbox';
import type { Store } from '../store/store';
import { sendToPerson } from './notify';

export interface ChaserDeps {
  store: Store;
  adapter: TeamsAdapter;
  botAppId: string;
  tenantId: string;
  pace?: Bottleneck;
}

export interface ChaserRun {
  committeeId: string;
  meetingId: string;
  round: 1 | 2;
  /** One entry per officer chased in this run; officers already chased this round are not repeated. */
  chased: { personId: string; actions: number[]; delivery: SentMarker['delivery'] }[];
}

const londonDay = (d: Date | string) => format(inLondon(d), 'yyyy-MM-dd');

/** Which reminder round, if any, falls on `today` before this meeting. */
export function chaserRoundOn(committee: Committee, meeting: Meeting, today: Date): 1 | 2 | undefined {
  const day = londonDay(meeting.startsAt);
  const rule = { ...committee.notice };
  if (londonDay(today) === addWorkingDays(day, -committee.chasers.firstReminderWorkingDays, rule)) return 1;
  if (londonDay(today) === addWorkingDays(day, -committee.chasers.secondReminderWorkingDays, rule)) return 2;
  return undefined;
}

/** Open actions nobody has updated since the last meeting, by responsible officer. */
export function staleActionsByOfficer(actions: readonly Action[], since: string): Map<string, Action[]> {
  const byOfficer = new Map<string, Action[]>();
  for (const a of actions.filter((x) => isOpen(x) && !updatedSince(x, since)))
    for (const personId of new Set(a.responsiblePersonIds))
      byOfficer.set(personId, [...(byOfficer.get(personId) ?? []), a]);
  return byOfficer;
}

async function chaseCommittee(
  deps: ChaserDeps,
  committee: Committee,
  meeting: Meeting,
  previous: Meeting | undefined,
  round: 1 | 2,
  now: Date,
): Promise<ChaserRun> {
  const since = previous?.startsAt ?? '1970-01-01T00:00:00Z';
  const stale = staleActionsByOfficer(await deps.store.actions.forCommittee(committee.id), since);
  const when = formatMeetingDateTime(meeting.startsAt);
  const run: ChaserRun = { committeeId: committee.id, meetingId: meeting.id, round, chased: [] };

  for (const [personId, actions] of stale) {
    const person = personById(committee, personId);
    if (!person) continue;
    const marker: SentMarker = {
      id: `chaser-${meeting.id}-${round}-${personId}`,
      committeeId: committee.id,
      kind: 'chaser',
      meetingId: meeting.id,
      personId,
      createdAt: now.toISOString(),
      delivery: 'pending',
    };
    if (!(await deps.store.outbox.claim(marker))) continue;
    const card = renderCard('actionList', {
      title:
        round === 1
          ? `Action log updates for the ${committee.shortName}`
          : `Reminder: action log updates for the ${committee.shortName}`,
      lines: [
        `The ${committee.name} meets on ${when}. These actions of yours have not been updated since the last meeting:`,
      ],
      actions: actions.map((a) => ({ number: a.number, text: a.text, detail: `Currently ${a.status}` })),
      showOpen: true,
      open: {},
    });
    const delivery = await sendToPerson(deps, deps.tenantId, person, { attachments: [attachment(card)] });
    await deps.store.outbox.settle(marker, delivery);
    run.chased.push({ personId, actions: actions.map((a) => a.number), delivery });
  }

  const summary: SentMarker = {
    id: `chaser-summary-${meeting.id}-${round}`,
    committeeId: committee.id,
    kind: 'chaser-summary',
    meetingId: meeting.id,
    createdAt: now.toISOString(),
    delivery: 'pending',
  };
  if (await deps.store.outbox.claim(summary)) {
    const nameOf = (id: string) => personById(committee, id)?.name ?? id;
    const lines = stale.size
      ? [...stale].map(([id, actions]) => {
          const sent = run.chased.find((c) => c.personId === id)?.delivery;
          const how = sent === 'sent' ? 'chased' : sent ? 'could not be reached in Teams' : 'already chased';
          return `${nameOf(id)}: action${actions.length === 1 ? '' : 's'} ${actions.map((a) => a.number).join(', ')} (${how})`;
        })
      : ['Every open action has been updated since the last meeting.'];
    const card = renderCard('notice', {
      title: `Action log before the ${committee.shortName} on ${when}: not yet updated`,
      color: 'Default',
      lines,
    });
    let delivered: SentMarker['delivery'] = 'unreachable';
    for (const clerkId of committee.clerks) {
      const clerk = personById(committee, clerkId) as Person;
      const d = await sendToPerson(deps, deps.tenantId, clerk, { attachments: [attachment(card)] });
      if (d === 'sent') delivered = 'sent';
    }
    await deps.store.outbox.settle(summary, delivered);
  }
  return run;
}

/**
 * The daily chaser run (a timer function): for each committee whose next meeting is the configured
 * number of working days away, each responsible officer with stale open actions gets one card, and the
 * clerk a summary. Claims in the outbox make a second run on the same day send nothing.
 * `force` runs a given round now, for the clerk's "send chasers now".
 */
export async function runChasers(
  deps: ChaserDeps,
  now: Date,
  force?: { committeeId: string; round: 1 | 2 },
): Promise<ChaserRun[]> {
  const runs: ChaserRun[] = [];
  for (const committee of await deps.store.committees.list()) {
    if (force && force.committeeId !== committee.id) continue;
    const meetings = (await deps.store.meetings.forCommittee(committee.id))
      .filter((m) => m.status !== 'cancelled')
      .sort(byStart);
    const next = meetings.find((m) => !hasFinished(m, now));
    if (!next) continue;
    const previous = meetings
      .filter((m) => hasFinished(m, now) && Date.parse(m.startsAt) < Date.parse(next.startsAt))
      .pop();
    const round = force?.round ?? chaserRoundOn(committee, next, now);
    if (!round) continue;
    runs.push(await chaseCommittee(deps, committee, next, previous, round, now));
  }
  return runs;
}
