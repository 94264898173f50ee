import type { TurnContext } from 'botbuilder';
import { cardAttachment, type CardData } from '../../cards/render';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime } from '../domain/londonTime';
import { byStart, hasFinished, type Meeting } from '../domain/meeting';
import type { Store } from '../store/store';
import type { Speaker } from './identify';
import type { BotRoutes } from '../teams/botRoutes';

function summarise(committee: Committee, m: Meeting): CardData['meetings']['meetings'][number] {
  return {
    id: m.id,
    committee: committee.name,
    when: formatMeetingDateTime(m.startsAt),
    venue: m.venue.name,
    agenda: m.agenda.length ? `${m.agenda.length} items` : 'not yet drafted',
  };
}

async function upcoming(store: Store, committees: Committee[], now: Date) {
  const lists = await Promise.all(
    committees.map(async (c) =>
      (await store.meetings.forCommittee(c.id))
        .filter((m) => !hasFinished(m, now) && m.status !== 'cancelled')
        .map((m) => ({ committee: c, meeting: m })),
    ),
  );
  return lists.flat().sort((a, b) => byStart(a.meeting, b.meeting));
}

/** The soonest meeting of each of the speaker's committees. */
export async function sendNextMeeting(context: TurnContext, store: Store, speaker: Speaker, now: Date): Promise<void> {
  const all = await upcoming(
    store,
    speaker.memberships.map((m) => m.committee),
    now,
  );
  const firstPerCommittee = all.filter((x, i) => all.findIndex((y) => y.committee.id === x.committee.id) === i);
  await context.sendActivity({
    attachments: [
      cardAttachment('meetings', {
        title: firstPerCommittee.length === 1 ? 'Your next meeting' : 'Your next meetings',
        emptyText: 'There are no meetings scheduled for your committees yet.',
        meetings: firstPerCommittee.map((x) => summarise(x.committee, x.meeting)),
      }),
    ],
  });
}

/** For clerks: every upcoming meeting of the committees they clerk. */
export async function sendClerkMeetings(
  context: TurnContext,
  store: Store,
  speaker: Speaker,
  now: Date,
): Promise<void> {
  const clerked = speaker.memberships.filter((m) => m.roles.includes('clerk')).map((m) => m.committee);
  if (!clerked.length) {
    await context.sendActivity('Only the clerk of a committee can list all its meetings. Try **next meeting**.');
    return;
  }
  const all = await upcoming(store, clerked, now);
  await context.sendActivity({
    attachments: [
      cardAttachment('meetings', {
        title: 'Upcoming meetings',
        emptyText:
          'There are no upcoming meetings. Add them through the API (PUT /api/committees/{id}/meetings/{meetingId}).',
        meetings: all.slice(0, 12).map((x) => summarise(x.committee, x.meeting)),
      }),
    ],
  });
}

/** next meeting, meetings. */
export function register(routes: BotRoutes, deps: { store: Store; now: () => Date }): void {
  routes.command(/^\s*(next meeting|when is the next meeting)\s*[.!?]?\s*$/i, (c, s) =>
    sendNextMeeting(c, deps.store, s, deps.now()),
  );
  routes.command(/^\s*(meetings|upcoming meetings)\s*$/i, (c, s) => sendClerkMeetings(c, deps.store, s, deps.now()));
}
