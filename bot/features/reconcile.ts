import type { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { attachment, renderCard, type CardJson } from '../../cards/render';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime } from '../domain/londonTime';
import { byStart, type Meeting } from '../domain/meeting';
import { attendanceDifferences, type AttendanceDifference } from '../domain/reconcile';
import { liveApologies, type AttendanceMark } from '../domain/responses';
import { seatedMark, seatTaken } from '../domain/roster';
import type { GraphApi } from '../graph/graphClient';
import type { Store } from '../store/store';
import { AttendanceAcceptPayloadSchema, MeetingIdPayloadSchema } from '../teams/cardPayloads';
import { clerkshipsOf, clerkActing, type Speaker } from './identify';
import { isRefusal, type Refusal } from './record';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';

export interface ReconcileDeps {
  store: Store;
  graph?: GraphApi;
  now: () => Date;
}

/** The differences between the roll call and the Teams attendance report, or why they cannot be had. */
export async function reconcileAttendance(
  deps: ReconcileDeps,
  committee: Committee,
  meeting: Meeting,
): Promise<AttendanceDifference[] | Refusal> {
  if (!deps.graph)
    return {
      refused: true,
      status: 409,
      why: 'Microsoft Graph is not configured, so the Teams attendance report cannot be read.',
    };
  const organizerId = meeting.teams?.organizerId;
  const onlineMeetingId = meeting.teams?.onlineMeetingId;
  if (!organizerId || !onlineMeetingId)
    return {
      refused: true,
      status: 409,
      why: 'This meeting is not linked to a Teams online meeting, so there is no attendance report to compare with.',
    };
  const report = await deps.graph.attendanceRecords(organizerId, onlineMeetingId);
  if (!report)
    return {
      refused: true,
      status: 409,
      why: 'Teams has no attendance report for this meeting yet; reports appear shortly after the meeting ends.',
    };
  const marks = (await deps.store.responses.forMeeting(committee.id, meeting.id)).filter(
    (r): r is AttendanceMark => r.kind === 'attendance',
  );
  return attendanceDifferences(committee, marks, report);
}

/** The clerk accepts a difference: the roll call is corrected, by the clerk, and the history keeps both. */
export async function acceptDifference(
  deps: ReconcileDeps,
  committee: Committee,
  meeting: Meeting,
  personId: string,
  status: 'present' | 'absent',
  by: string,
): Promise<true | Refusal> {
  if (!committee.clerks.includes(by))
    return { refused: true, status: 403, why: 'Only a clerk of the committee can correct the attendance.' };
  if (!committee.people.some((p) => p.id === personId))
    return { refused: true, status: 400, why: 'That person is not on the committee.' };
  const responses = await deps.store.responses.forMeeting(committee.id, meeting.id);
  const marks = responses.filter((r): r is AttendanceMark => r.kind === 'attendance');
  // Present, a substitute named in an apology is in the seat they fill, as on the roll call.
  const seated = status === 'present' ? seatedMark(committee, liveApologies(responses), personId) : undefined;
  const taken = seated?.seat && seatTaken(committee, marks, seated.seat, personId);
  if (taken) return { refused: true, status: 409, why: `${taken} Nothing was changed.` };
  await deps.store.responses.append({
    id: randomUUID(),
    kind: 'attendance',
    committeeId: committee.id,
    meetingId: meeting.id,
    personId,
    recordedBy: by,
    recordedAt: deps.now().toISOString(),
    withdrawn: false,
    status: seated?.status ?? status,
    ...(seated?.seat ? { seatId: seated.seat.id } : {}),
    remote: status === 'present',
  });
  return true;
}

function describe(d: AttendanceDifference): string {
  switch (d.kind) {
    case 'attended-not-marked':
      return `**${d.name}** was in the Teams meeting for ${d.minutes} minutes but is not marked present.`;
    case 'marked-not-attended':
      return `**${d.name}** is marked present but Teams did not see them (they may have been in the room).`;
    case 'unknown-attendee':
      return `**${d.name}** attended through Teams for ${d.minutes} minutes but is not on the committee. Add them as also in attendance if they should be minuted.`;
  }
}

async function reconcileCard(deps: ReconcileDeps, committee: Committee, meeting: Meeting): Promise<CardJson | string> {
  const differences = await reconcileAttendance(deps, committee, meeting);
  if (isRefusal(differences)) return differences.why;
  return renderCard('reconcile', {
    title: `Attendance check: ${committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
    summary: differences.length
      ? 'The roll call and the Teams attendance report differ here. Accept to correct the roll call, or keep it as it is.'
      : 'The roll call agrees with the Teams attendance report.',
    rows: differences.map((d) => ({
      text: describe(d),
      acceptLabel: d.kind === 'attended-not-marked' ? 'Mark present' : 'Mark absent',
      accept:
        d.kind === 'unknown-attendee'
          ? null
          : {
              meetingId: meeting.id,
              personId: d.personId,
              status: d.kind === 'attended-not-marked' ? 'present' : 'absent',
            },
      keep: { meetingId: meeting.id },
    })),
  });
}

/** `attendance check`: for the clerk, the last meeting held, compared with Teams. */
export async function sendAttendanceCheck(context: TurnContext, deps: ReconcileDeps, speaker: Speaker): Promise<void> {
  const clerked = await clerkshipsOf(context, speaker, 'Only the clerk checks the attendance against Teams.');
  for (const m of clerked) {
    const held = (await deps.store.meetings.forCommittee(m.committee.id))
      .filter((x) => Date.parse(x.startsAt) <= deps.now().getTime())
      .sort(byStart);
    const meeting = held[held.length - 1];
    if (!meeting) continue;
    const card = await reconcileCard(deps, m.committee, meeting);
    await context.sendActivity(typeof card === 'string' ? card : { attachments: [attachment(card)] });
  }
}

const clerkOf = (context: TurnContext, deps: ReconcileDeps, meetingId: string) =>
  clerkActing(deps.store, context, meetingId, 'correct the attendance');

export async function onAttendanceAccept(
  context: TurnContext,
  deps: ReconcileDeps,
  d: z.infer<typeof AttendanceAcceptPayloadSchema>,
): Promise<CardJson | string> {
  const c = await clerkOf(context, deps, d.meetingId);
  if ('error' in c) return c.error as string;
  const done = await acceptDifference(deps, c.committee, c.meeting, d.personId, d.status, c.clerk.id);
  if (isRefusal(done)) return done.why;
  return reconcileCard(deps, c.committee, c.meeting);
}

export async function onAttendanceKeep(
  context: TurnContext,
  deps: ReconcileDeps,
  d: z.infer<typeof MeetingIdPayloadSchema>,
): Promise<CardJson | string> {
  const c = await clerkOf(context, deps, d.meetingId);
  if ('error' in c) return c.error as string;
  return 'The roll call is kept as it is. Nothing has changed.';
}

const verb = verbsAnswering("Sorry, I couldn't read that, so nothing has changed.");

export const RECONCILE_VERBS: VerbTable<ReconcileDeps> = {
  'attendance.accept': verb({ payload: AttendanceAcceptPayloadSchema, handle: onAttendanceAccept }),
  'attendance.keep': verb({ payload: MeetingIdPayloadSchema, handle: onAttendanceKeep }),
};

/** attendance check: the roll against Teams' attendance report. */
export function register(routes: BotRoutes, deps: ReconcileDeps): void {
  routes.command(/^\s*(attendance check|check attendance)\s*[.!?]?\s*$/i, (c, s) => sendAttendanceCheck(c, deps, s));
  routes.verbs(RECONCILE_VERBS, deps);
}
