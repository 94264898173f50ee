import actionsJson from '../../examples/lscsb-actions.json';
import committeeJson from '../../examples/lscsb-committee.json';
import meetingJson from '../../examples/lscsb-meeting-2023-09-29.json';
import { ActionSchema } from '../domain/action';
import { withImportedHistory } from '../domain/actionLog';
import { CommitteeSchema } from '../domain/committee';
import { upcomingQuarterlyFridays } from '../domain/demoCalendar';
import { londonInstant } from '../domain/londonTime';
import { MeetingSchema, type Meeting } from '../domain/meeting';
import { draftAgenda } from '../domain/agenda';
import type { Store } from '../store/store';

/** The Leicestershire Safer Communities Strategy Board of 2023, plus meetings from `today` on. */
export function demoData(today: Date) {
  const committee = CommitteeSchema.parse(committeeJson);
  const past = MeetingSchema.parse(meetingJson);
  const upcoming: Meeting[] = upcomingQuarterlyFridays(today, 4).map((date) =>
    MeetingSchema.parse({
      id: `${committee.id}-${date}`,
      committeeId: committee.id,
      startsAt: londonInstant(date, '10:00'),
      venue: { kind: 'teams', name: 'Microsoft Teams' },
      status: 'scheduled',
      agenda: draftAgenda(`${committee.id}-${date}`, committee.forwardPlan, [], committee.shortName),
    }),
  );
  const actions = actionsJson.map((a) => withImportedHistory(ActionSchema.parse(a)));
  return { committee, meetings: [past, ...upcoming], actions };
}

/** Loads the demo into an empty store. Returns false (and writes nothing) if any committee exists. */
export async function loadDemoIfEmpty(store: Store, today: Date): Promise<boolean> {
  if ((await store.committees.list()).length > 0) return false;
  const { committee, meetings, actions } = demoData(today);
  await store.committees.put(committee);
  for (const m of meetings) await store.meetings.put(m);
  for (const a of actions) await store.actions.put(a);
  return true;
}
