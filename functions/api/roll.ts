import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../bot/domain/common';
import { hasFinished } from '../../bot/domain/meeting';
import { quorumStatus } from '../../bot/domain/quorum';
import { liveApologies, type AttendanceMark } from '../../bot/domain/responses';
import { buildRoster, STATUS_WORDS } from '../../bot/domain/roster';
import { markMyself, markSomeone, type RollCallDeps } from '../../bot/features/rollCall';
import { isRefusal } from '../../bot/features/record';
import { meetingFor, type Who } from '../access';
import { json, parseBody, problems } from '../http';
import type { Services } from '../services';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/**
 * The roll call for the meeting side panel (and the workspace): everyone by seat with their status,
 * the quorum in words, and what the caller may do. The panel polls it; an unchanged roll answers
 * 304 to the ETag the panel sends back, so a poll costs no drawing and no download.
 */
const rollDeps = (s: Services): RollCallDeps => ({
  store: s.store,
  adapter: s.bot.adapter,
  botAppId: s.config.bot.appId,
  tenantId: s.config.tenantId,
  publicUrl: s.config.publicUrl,
  now: s.now,
});

const canChair = (who: Who) => who.roles.some((r) => r === 'chair' || r === 'vice-chair' || r === 'clerk');

/** GET /api/meetings/{id}/roll */
export const getRoll: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const { committee, meeting } = found;
  const responses = await s.store.responses.forMeeting(committee.id, meeting.id);
  const marks = responses.filter((r): r is AttendanceMark => r.kind === 'attendance');
  const roster = buildRoster(committee, marks, liveApologies(responses));
  const body = {
    meeting: {
      id: meeting.id,
      title: `Roll call: ${committee.shortName}`,
      startsAt: meeting.startsAt,
      open: !hasFinished(meeting, s.now()),
      currentItem: meeting.currentItem ?? null,
    },
    quorum: quorumStatus(committee, marks),
    roster: roster.map((r) => ({ ...r, statusWords: STATUS_WORDS[r.status] })),
    seats: committee.seats.filter((x) => x.kind === 'member').map((x) => ({ id: x.id, represents: x.represents })),
    you: { personId: who.person?.id ?? null, canChair: canChair(who) },
  };
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`;
  const headers: Record<string, string> = { etag, 'cache-control': 'no-cache' };
  if (req.headers.get('if-none-match') === etag) return { status: 304, headers };
  return { status: 200, jsonBody: body, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } };
};

const HereSchema = z.object({ submissionId: z.string().uuid() }).strict();
const MarkSchema = z
  .object({
    personId: IdSchema,
    status: z.enum(['present', 'apologies', 'absent', 'left', 'substitute'], {
      errorMap: () => ({ message: 'choose present, apologies, absent, left or substitute' }),
    }),
    seatId: IdSchema.optional(),
    submissionId: z.string().uuid(),
  })
  .strict();

/** POST /api/meetings/{id}/roll/here: the caller marks themselves present. */
export const postHere: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  if (!who.person) return problems(403, 'Only someone on the committee can mark themselves present.');
  if (hasFinished(found.meeting, s.now())) return problems(409, 'That meeting has finished; the roll call is closed.');
  const body = await parseBody(req, HereSchema);
  if (!body.ok) return body.response;
  const done = await markMyself(rollDeps(s), found.committee, found.meeting, who.person, body.value.submissionId);
  return done.ok ? json(200, { message: done.message }) : problems(409, done.why);
};

/** POST /api/meetings/{id}/roll/marks: the chair (or clerk) marks someone. */
export const postMark: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  if (!who.person || !canChair(who))
    return problems(403, 'Only the Chairman (or the clerk) can mark other people; use “I’m here” for yourself.');
  if (hasFinished(found.meeting, s.now())) return problems(409, 'That meeting has finished; the roll call is closed.');
  const body = await parseBody(req, MarkSchema);
  if (!body.ok) return body.response;
  const { submissionId, ...mark } = body.value;
  const done = await markSomeone(rollDeps(s), found.committee, found.meeting, who.person, mark, submissionId);
  return done.ok ? json(200, { message: done.message }) : problems(409, done.why);
};

/**
 * GET /api/me/meeting-for-chat?chatId=: the meeting a Teams meeting's side panel is for, found by the
 * meeting chat Quorum stored when it booked or joined it; only for someone on that committee. Of a
 * recurring chat's meetings, the one today (or the next).
 */
export const getMeetingForChat: Handler = async (req, s, who) => {
  const chatId = req.query.get('chatId') ?? '';
  if (!chatId || chatId.length > 300) return problems(400, 'Say which meeting chat: ?chatId=…');
  if (who.caller.kind !== 'person') return problems(401, 'Sign in to see your meetings.');
  const mine = await s.store.committees.forAadObjectId(who.caller.aadObjectId);
  const meetings = (await s.store.meetings.byChatId(chatId)).filter((m) => mine.some((c) => c.id === m.committeeId));
  const today = s.now().toISOString().slice(0, 10);
  const chosen = meetings.find((m) => m.startsAt.slice(0, 10) >= today) ?? meetings.at(-1);
  if (!chosen)
    return problems(
      404,
      'Quorum does not know this meeting yet. The clerk books meetings in Quorum, or says “roll call” in the meeting chat.',
    );
  return json(200, { meetingId: chosen.id, committeeId: chosen.committeeId });
};
