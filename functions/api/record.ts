import { z } from 'zod';
import { IdSchema, shortText } from '../../bot/domain/common';
import type { Meeting } from '../../bot/domain/meeting';
import { amendmentOnlyIfConfirmed, MinuteTextSchema, PreviousMinutesFields } from '../../bot/domain/minutes';
import { assembleRecord } from '../../bot/domain/record';
import { recordChanges } from '../../bot/domain/recordChanges';
import { inLondon, londonInstant } from '../../bot/domain/londonTime';
import {
  confirmRecord,
  CONTENT_TYPES,
  currentRecord,
  draftRecord,
  isRefusal,
  recordInputs,
  previousMeeting,
  recordPreviousMinutes,
  renderRecord,
  saveMinuteText,
  type RecordFormat,
  type Refusal,
} from '../../bot/features/record';
import { json, parseBody, problems } from '../http';
import { acting, meetingFor } from '../access';
import type { Services } from '../services';
import type { Handler } from './committees';
import { badId, idParam, wholeNumberParam } from './params';

const refused = (r: Refusal) => problems(r.status, r.why);

const QuerySchema = z.object({
  format: z.enum(['docx', 'html', 'md', 'json']).default('json'),
  view: z.enum(['full', 'public']).default('full'),
  version: z.coerce.number().int().min(1).optional(),
  /** `live=true`: assembled now from what is written so far (the workspace's preview), not a stored version. */
  live: z.enum(['true', 'false']).default('false'),
});

/** GET /api/meetings/{id}/record?format=docx|html|md|json&view=full|public[&version=n] */
export const getRecord: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const q = QuerySchema.safeParse(Object.fromEntries(req.query.entries()));
  if (!q.success)
    return problems(
      400,
      'format must be docx, html, md or json; view must be full or public.',
      q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const current =
    q.data.live === 'true'
      ? { record: assembleRecord(await recordInputs(s.store, found.committee, found.meeting, q.data.view)) }
      : await currentRecord(s.store, found.committee, found.meeting, q.data.view, q.data.version);
  if (isRefusal(current)) return refused(current);
  const format: RecordFormat = q.data.format;
  const confirmed = 'version' in current && current.version?.status === 'confirmed';
  const body = await renderRecord(current.record, format, confirmed ? 'confirmed' : 'draft');
  const state =
    'version' in current && current.version
      ? `${current.version.status}; version ${current.version.version}`
      : 'preview';
  const name = `${found.meeting.id}-minutes${q.data.view === 'public' ? '-public' : ''}.${format}`;
  return {
    status: 200,
    body,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'x-quorum-record': state,
      ...(format === 'docx' ? { 'content-disposition': `attachment; filename="${name}"` } : {}),
    },
  };
};

const ByClerk = z.object({ by: IdSchema }).strict();

/** POST /api/meetings/{id}/record/drafts: assemble a new draft version (unchanged minutes make none). */
export const postDraft: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const parsed = await parseBody(req, ByClerk, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const result = await draftRecord(s.store, found.committee, found.meeting, parsed.value.by, s.now(), s.graph);
  if (isRefusal(result)) return refused(result);
  const { full, public: _public, ...meta } = result.version;
  return json(result.created ? 201 : 200, {
    ...meta,
    missing: full.missing,
    ...(result.upload ? { upload: result.upload } : {}),
  });
};

const ConfirmSchema = z
  .object({
    version: z.number().int().min(1),
    atMeetingId: IdSchema,
    amendment: shortText(2000).optional(),
    by: IdSchema,
  })
  .strict();

/** POST /api/meetings/{id}/record/confirm: the next meeting confirmed these minutes; freeze them. */
export const postConfirm: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const parsed = await parseBody(req, ConfirmSchema, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const result = await confirmRecord(s.store, found.committee, found.meeting, parsed.value, s.now());
  if (isRefusal(result)) return refused(result);
  const { full: _full, public: _public, ...meta } = result;
  return json(200, meta);
};

const MinuteBody = MinuteTextSchema.omit({ itemNumber: true }).extend({ by: IdSchema }).strict();

/** PUT /api/meetings/{id}/minutes/{itemNumber}: the clerk's text for one item. */
export const putMinute: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const itemNumber = wholeNumberParam(req, 'itemNumber', 200);
  if (itemNumber === undefined)
    return problems(400, 'The item number in the address must be a whole number from 1 to 200, such as 6.');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const parsed = await parseBody(req, MinuteBody, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const { by, ...text } = parsed.value;
  const saved = await saveMinuteText(s.store, found.committee, found.meeting, { ...text, itemNumber }, by, s.now());
  if (isRefusal(saved)) return refused(saved);
  return json(200, saved);
};

/** GET /api/meetings/{id}/record/versions: every draft, and the confirmed one, newest last, each with what changed since the one before. */
export const listVersions: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const versions = await s.store.records.versionsOf(found.committee.id, found.meeting.id);
  return json(
    200,
    versions.map(({ full, public: _public, ...meta }, i) => {
      const before = versions[i - 1];
      return { ...meta, missing: full.missing, changes: before ? recordChanges(before.full, full) : [] };
    }),
  );
};

/** GET /api/meetings/{id}/minutes: the clerk's text so far, item by item, beside the agenda it follows. */
export const getMinutes: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const minutes = await s.store.records.minutesOf(found.committee.id, found.meeting.id);
  return json(200, {
    meetingId,
    startsAt: found.meeting.startsAt,
    endsAt: found.meeting.endsAt ?? null,
    held: found.meeting.held ?? null,
    agenda: found.meeting.agenda.map((i) => ({
      number: i.number,
      title: i.title,
      standing: i.standing ?? null,
      exempt: i.exempt?.paragraph ?? null,
    })),
    items: minutes?.items ?? [],
    previousMinutes: minutes?.previousMinutes ?? null,
    // The meeting before, if Quorum holds it: what "confirmed" confirms.
    previousMeeting: await previousMeetingOf(s, found.committee.id, found.meeting),
    updatedAt: minutes?.updatedAt ?? null,
  });
};

async function previousMeetingOf(s: Services, committeeId: string, meeting: Meeting) {
  const prior = await previousMeeting(s.store, committeeId, meeting);
  if (!prior) return null;
  const versions = await s.store.records.versionsOf(committeeId, prior.id);
  return {
    id: prior.id,
    startsAt: prior.startsAt,
    latestDraft: versions.at(-1)?.version ?? null,
    confirmed: versions.some((v) => v.status === 'confirmed'),
  };
}

const PreviousBody = amendmentOnlyIfConfirmed(PreviousMinutesFields.extend({ by: IdSchema }).strict());

/**
 * PUT /api/meetings/{id}/previous-minutes: what the meeting did with the previous meeting's minutes:
 * confirmed (perhaps subject to an amendment; this confirms and freezes them where Quorum holds them),
 * circulated and noted, or deferred. `heldOn` dates a previous meeting Quorum does not hold.
 */
export const putPreviousMinutes: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const parsed = await parseBody(req, PreviousBody, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const { by, ...previous } = parsed.value;
  const saved = await recordPreviousMinutes(s.store, found.committee, found.meeting, previous, by, s.now());
  if (isRefusal(saved)) return refused(saved);
  return json(200, saved);
};

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 10:00');
const HeldSchema = z.object({ by: IdSchema, began: HHMM, closed: HHMM.optional() }).strict();

/**
 * PUT /api/meetings/{id}/held: when the meeting actually began and closed (London times on its day), for
 * the minutes' "10.00 - 11.35 am". Not before it has begun, nor once its minutes are confirmed.
 */
export const putHeldTimes: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return refused(found);
  const parsed = await parseBody(req, HeldSchema, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const { committee, meeting } = found;
  if (!committee.clerks.includes(parsed.value.by))
    return problems(403, 'Only a clerk of the committee can record when the meeting was held.');
  if (Date.parse(meeting.startsAt) > s.now().getTime())
    return problems(422, 'The meeting has not begun yet, so there is no time to record.');
  if ((await s.store.records.versionsOf(committee.id, meeting.id)).some((v) => v.status === 'confirmed'))
    return problems(409, 'These minutes have been confirmed and are frozen.');
  const day = inLondon(meeting.startsAt);
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  const held = {
    startedAt: londonInstant(date, parsed.value.began),
    ...(parsed.value.closed ? { endedAt: londonInstant(date, parsed.value.closed) } : {}),
  };
  if (held.endedAt && Date.parse(held.endedAt) <= Date.parse(held.startedAt))
    return problems(400, 'The meeting must close after it began; nothing was saved.', [
      { path: 'closed', message: 'must be after the time it began' },
    ]);
  const saved = await s.store.meetings.update(committee.id, meeting.id, (m) => ({ ...m, held }));
  return json(200, { held: saved.held ?? null });
};
