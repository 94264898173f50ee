import type { HttpResponseInit } from '@azure/functions';
import { createHash } from 'node:crypto';
import type { Committee } from '../../bot/domain/committee';
import type { Meeting } from '../../bot/domain/meeting';
import type { Person } from '../../bot/domain/person';
import { z } from 'zod';
import { IdSchema } from '../../bot/domain/common';
import { hasFinished } from '../../bot/domain/meeting';
import { quorumStatus } from '../../bot/domain/quorum';
import { rollApologies, rollMarks } from '../../bot/domain/rollState';
import { CATEGORY_NAMES, categoriesFor, declarationSentence } from '../../bot/domain/declarations';
import { mayChair, personById } from '../../bot/domain/roles';
import { goToItem, itemNotice, liveDeclarations } from '../../bot/features/declarations';
import { buildRoster, STATUS_WORDS } from '../../bot/domain/roster';
import {
  addGuest,
  closeMeeting,
  markMyself,
  markSomeone,
  tellMeeting,
  type RollCallDeps,
} from '../../bot/features/rollCall';
import { isRefusal } from '../../bot/features/record';
import { meetingFor, type Who } from '../access';
import { json, parseBody, problems } from '../http';
import type { Services } from '../services';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/**
 * The roll call for the meeting side panel (and the workspace): everyone by seat with their status,
 * the quorum in words, and what the caller may do. The panel polls it; the ETag is decided from the
 * meeting's roll document (rollState.ts), the meeting and the committee as they were read to check the
 * caller, so an unchanged roll answers 304 after one small read, with no drawing and no download.
 */
const rollDeps = (s: Services): RollCallDeps => s.bot.rollCall;

const canChair = (who: Who) => mayChair(who.roles);

/** GET /api/meetings/{id}/roll */
export const getRoll: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const { committee, meeting } = found;
  const roll = await s.store.responses.roll(committee.id, meeting.id);
  const open = !hasFinished(meeting, s.now());
  const etag = `"${createHash('sha256')
    .update(JSON.stringify([roll.etag, meeting, committee, who.person?.id, canChair(who), open]))
    .digest('base64url')
    .slice(0, 22)}"`;
  const headers: Record<string, string> = { etag, 'cache-control': 'no-cache' };
  if (req.headers.get('if-none-match') === etag) return { status: 304, headers };
  const marks = rollMarks(roll.value);
  const roster = buildRoster(committee, marks, rollApologies(roll.value));
  const item = meeting.agenda.find((i) => i.number === meeting.currentItem);
  // The item in progress, with the declarations made for it: who must leave, who may not vote.
  const declarations = item
    ? (await liveDeclarations(s.store, committee.id, meeting.id)).filter(
        (d) => d.wholeAgenda || d.agendaItems.includes(item.number),
      )
    : [];
  const body = {
    meeting: {
      id: meeting.id,
      title: `Roll call: ${committee.shortName}`,
      startsAt: meeting.startsAt,
      open,
      currentItem: meeting.currentItem ?? null,
      items: meeting.agenda.map((i) => ({ number: i.number, title: i.title })),
    },
    current: item
      ? {
          number: item.number,
          title: item.title,
          exempt: Boolean(item.exempt),
          declarations: declarations.map((d) => {
            const person = personById(committee, d.personId);
            return {
              personId: d.personId,
              sentence: declarationSentence(d, person ?? { name: d.personId }, meeting.agenda),
              participation: d.participation,
            };
          }),
        }
      : null,
    quorum: quorumStatus(committee, marks),
    roster: roster.map((r) => ({
      ...r,
      statusWords: r.status === 'unmarked' ? 'Not yet marked' : STATUS_WORDS[r.status],
    })),
    seats: committee.seats.filter((x) => x.kind === 'member').map((x) => ({ id: x.id, represents: x.represents })),
    you: { personId: who.person?.id ?? null, canChair: canChair(who) },
    interestCategories: categoriesFor(committee.interestCategories).map((value) => ({
      value,
      label: CATEGORY_NAMES[value],
    })),
  };
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

/**
 * The open meeting the address names and the person acting on its roll: anyone on the committee, or
 * (with `chairOnly`) the chair or clerk; otherwise the answer saying why not.
 */
async function openRoll(
  req: Parameters<Handler>[0],
  s: Services,
  who: Who,
  refusal: string,
  chairOnly: boolean,
): Promise<
  { ok: false; response: HttpResponseInit } | { ok: true; committee: Committee; meeting: Meeting; person: Person }
> {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return { ok: false, response: badId('meetingId') };
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return { ok: false, response: problems(found.status, found.why) };
  if (!who.person || (chairOnly && !canChair(who))) return { ok: false, response: problems(403, refusal) };
  if (hasFinished(found.meeting, s.now()))
    return { ok: false, response: problems(409, 'That meeting has finished; the roll call is closed.') };
  return { ok: true, committee: found.committee, meeting: found.meeting, person: who.person };
}

const CHAIR_ONLY = 'Only the Chairman (or the clerk) can do this.';

/** POST /api/meetings/{id}/roll/here: the caller marks themselves present. */
export const postHere: Handler = async (req, s, who) => {
  const c = await openRoll(req, s, who, 'Only someone on the committee can mark themselves present.', false);
  if (!c.ok) return c.response;
  const body = await parseBody(req, HereSchema);
  if (!body.ok) return body.response;
  const done = await markMyself(rollDeps(s), c.committee, c.meeting, c.person, body.value.submissionId);
  return done.ok ? json(200, { message: done.message }) : problems(409, done.why);
};

/** POST /api/meetings/{id}/roll/marks: the chair (or clerk) marks someone. */
export const postMark: Handler = async (req, s, who) => {
  const c = await openRoll(
    req,
    s,
    who,
    'Only the Chairman (or the clerk) can mark other people; use “I’m here” for yourself.',
    true,
  );
  if (!c.ok) return c.response;
  const body = await parseBody(req, MarkSchema);
  if (!body.ok) return body.response;
  const { submissionId, ...mark } = body.value;
  const done = await markSomeone(rollDeps(s), c.committee, c.meeting, c.person, mark, submissionId);
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

const ItemSchema = z
  .object({ to: z.union([z.literal('next'), z.number().int().min(1).max(200)]), submissionId: z.string().uuid() })
  .strict();
const GuestSchema = z
  .object({
    guestName: z.string().trim().min(1, 'type the name of the person to add').max(120),
    submissionId: z.string().uuid(),
  })
  .strict();

/** POST /api/meetings/{id}/roll/item: "next item" or "item N"; the meeting chat is told who must leave. */
export const postItem: Handler = async (req, s, who) => {
  const c = await openRoll(req, s, who, CHAIR_ONLY, true);
  if (!c.ok) return c.response;
  const body = await parseBody(req, ItemSchema);
  if (!body.ok) return body.response;
  const moved = await goToItem({ store: s.store, now: s.now }, c.committee, c.meeting, c.person, body.value.to);
  if (!moved.ok) return problems(422, moved.why);
  await tellMeeting(rollDeps(s), c.meeting, itemNotice(moved)).catch(() => undefined);
  return json(200, { message: `Item ${moved.number}. ${moved.title}`, lines: moved.lines });
};

/** POST /api/meetings/{id}/roll/guests: someone not on the list, as also in attendance. */
export const postGuest: Handler = async (req, s, who) => {
  const c = await openRoll(req, s, who, CHAIR_ONLY, true);
  if (!c.ok) return c.response;
  const body = await parseBody(req, GuestSchema);
  if (!body.ok) return body.response;
  const done = await addGuest(
    rollDeps(s),
    c.committee,
    c.meeting,
    c.person,
    body.value.guestName,
    body.value.submissionId,
  );
  return done.ok ? json(200, { message: done.message }) : problems(409, done.why);
};

/** POST /api/meetings/{id}/roll/close: the chair closes the meeting (its end time, the roll frozen, the final attendance posted). */
export const postClose: Handler = async (req, s, who) => {
  const c = await openRoll(req, s, who, CHAIR_ONLY, true);
  if (!c.ok) return c.response;
  const done = await closeMeeting(rollDeps(s), c.committee, c.meeting);
  return done.ok ? json(200, { message: done.message }) : problems(409, done.why);
};
