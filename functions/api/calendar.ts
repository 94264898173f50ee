import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from '../../bot/domain/common';
import { londonInstant } from '../../bot/domain/londonTime';
import { parseMeetingDates } from '../../bot/domain/meetingDates';
import { bookCalendar, calendarIcs, cancelMeeting, moveMeeting } from '../../bot/features/calendar';
import { isRefusal } from '../../bot/features/record';
import { json, notFound, parseBody, problems } from '../http';
import { acting, meetingFor } from '../access';
import type { Handler } from './committees';
import { badId, idParam } from './params';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 10:00');
const CalendarSchema = z
  .object({
    by: IdSchema,
    /** The dates as data… */
    dates: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-03-05'), time: Time }).strict())
      .max(52)
      .optional(),
    /** …or the resolution as the papers word it. */
    text: shortText(5000).optional(),
    /** The time for dates the text gives none for. */
    time: Time.optional(),
    confirmWarnings: z.boolean().default(false),
  })
  .strict()
  .refine((b) => (b.dates === undefined) !== (b.text === undefined), {
    message: 'give either dates or the resolution text, not both',
    path: ['dates'],
  });

/** PUT /api/committees/{id}/calendar: the agreed dates become meetings and Teams meetings. */
export const putCalendar: Handler = async (req, s, who) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const body = await parseBody(req, CalendarSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const parsed = body.value.text !== undefined ? parseMeetingDates(body.value.text, body.value.time) : undefined;
  const result = await bookCalendar(s.bot.calendar, committee, {
    by: body.value.by,
    dates: parsed ? parsed.dates : (body.value.dates ?? []),
    problems: parsed?.problems ?? [],
    confirmWarnings: body.value.confirmWarnings,
  });
  if (isRefusal(result))
    return json(result.status, {
      error: result.why,
      problems: result.problems.map((p) => ({ path: p.date ?? 'text', message: p.message, severity: p.severity })),
    });
  return json(200, result);
};

/** GET /api/committees/{id}/calendar.ics: the committee's meetings for any calendar app. */
export const getCalendarIcs: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const meetings = await s.store.meetings.forCommittee(committeeId);
  return {
    status: 200,
    body: calendarIcs(s.bot.calendar, committee, meetings),
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${committeeId}.ics"`,
    },
  };
};

/** The new time as an instant, or as the clerk reads it: a date and a time in London. */
const MoveSchema = z
  .object({
    by: IdSchema,
    startsAt: IsoInstantSchema.optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-03-05')
      .optional(),
    time: Time.optional(),
  })
  .strict()
  .refine((b) => (b.startsAt === undefined) !== (b.date === undefined || b.time === undefined), {
    message: 'give the new date and time, or startsAt',
    path: ['startsAt'],
  })
  .transform(({ date, time, ...rest }) => ({
    ...rest,
    startsAt: rest.startsAt ?? londonInstant(date as string, time as string),
  }));
const CancelSchema = z.object({ by: IdSchema, reason: shortText(500) }).strict();

/** POST /api/meetings/{id}/move: a new date and time; the Teams meeting and the members follow. */
export const postMove: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const body = await parseBody(req, MoveSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const moved = await moveMeeting(s.bot.calendar, found.committee, found.meeting, body.value);
  return isRefusal(moved) ? problems(moved.status, moved.why) : json(200, moved);
};

/** POST /api/meetings/{id}/cancel: the meeting is cancelled with a reason everyone is told. */
export const postCancel: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const body = await parseBody(req, CancelSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const cancelled = await cancelMeeting(s.bot.calendar, found.committee, found.meeting, body.value);
  return isRefusal(cancelled) ? problems(cancelled.status, cancelled.why) : json(200, cancelled);
};
