import actionsJson from '../../examples/lscsb-actions.json';
import committeeJson from '../../examples/lscsb-committee.json';
import meetingJson from '../../examples/lscsb-meeting-2023-09-29.json';
import { ActionSchema } from '../domain/action';
import { withImportedHistory } from '../domain/actionLog';
import { CommitteeSchema } from '../domain/committee';
import { upcomingQuarterlyFridays } from '../domain/demoCalendar';
import { londonInstant } from '../domain/londonTime';
import { MeetingSchema, type AgendaItem, type Meeting } from '../domain/meeting';
import type { Store } from '../store/store';

/** The standing items of an upcoming meeting, worded as the 2023 agendas word them. */
const UPCOMING_AGENDA: AgendaItem[] = [
  { number: 1, title: 'Introductions', standing: 'introductions', kind: 'oral' },
  { number: 2, title: 'Minutes of previous meeting.', standing: 'minutes', kind: 'written' },
  { number: 3, title: 'Matters arising', standing: 'matters-arising', kind: 'oral' },
  { number: 4, title: 'LSCSB Action Log.', standing: 'action-log', kind: 'written' },
  { number: 5, title: 'Declarations of interest', standing: 'declarations', kind: 'oral' },
  {
    number: 6,
    title: 'Safer Communities Performance.',
    presenter: 'Rik Basra, Community Safety Coordinator, Leicestershire County Council will present this report.',
    kind: 'written',
  },
  { number: 7, title: 'Other business', standing: 'other-business', kind: 'oral' },
  { number: 8, title: 'Date of the next meeting', standing: 'next-meeting', kind: 'oral' },
];

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
      agenda: UPCOMING_AGENDA,
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
