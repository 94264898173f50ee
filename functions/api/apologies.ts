import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordApology } from '../../bot/features/apologies';
import { IdSchema, shortText } from '../../bot/domain/common';
import { hasFinished } from '../../bot/domain/meeting';
import { liveApologies } from '../../bot/domain/responses';
import { personById } from '../../bot/domain/roles';
import { isRefusal } from '../../bot/features/record';
import { json, parseBody, problems } from '../http';
import { acting, meetingFor } from '../access';
import type { Handler } from './committees';
import { badId, idParam } from './params';

const OnBehalfSchema = z
  .object({
    personId: IdSchema,
    /** The clerk recording it: apologies received by email are marked as recorded on someone's behalf. */
    recordedBy: IdSchema,
    substituteId: IdSchema.optional(),
    reason: shortText(500).optional(),
  })
  .strict();

/** GET /api/meetings/{meetingId}/apologies: the apologies that stand, and every change behind them. */
export const listApologies: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const { meeting, committee } = found;
  const history = await s.store.responses.ofKind(committee.id, meeting.id, 'apology');
  const nameOf = (id?: string) => (id ? (personById(committee, id)?.name ?? id) : undefined);
  return json(200, {
    meeting: { id: meeting.id, committeeId: committee.id, startsAt: meeting.startsAt },
    apologies: liveApologies(history).map((a) => ({
      id: a.id,
      personId: a.personId,
      name: nameOf(a.personId),
      represents:
        committee.seats.find((seat) => seat.holder === a.personId)?.represents ??
        personById(committee, a.personId)?.organisation,
      substitute: a.substituteId ? { personId: a.substituteId, name: nameOf(a.substituteId) } : null,
      reason: a.reason ?? null,
      onBehalf: a.onBehalf,
      recordedBy: a.recordedBy,
      afterTheEvent: hasFinished(meeting, new Date(a.recordedAt)),
      recordedAt: a.recordedAt,
    })),
    history,
  });
};

/**
 * POST /api/meetings/{meetingId}/apologies: the clerk records apologies received by email. An
 * `Idempotency-Key` header makes a retried request record once.
 */
export const recordApologyOnBehalf: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const { meeting, committee } = found;
  const parsed = await parseBody(req, OnBehalfSchema, {}, acting(who, 'recordedBy'));
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const subject = personById(committee, body.personId);
  if (!subject)
    return problems(400, 'That person is not on this committee.', [
      { path: 'personId', message: `no person "${body.personId}" on ${committee.id}` },
    ]);
  const clerk = personById(committee, body.recordedBy);
  if (!clerk || !committee.clerks.includes(clerk.id))
    return problems(403, 'Only a clerk of the committee can record apologies on behalf of someone else.', [
      { path: 'recordedBy', message: 'must be a clerk of the committee' },
    ]);
  const key = req.headers.get('idempotency-key') ?? randomUUID();
  if (!IdSchema.safeParse(key).success) return problems(400, 'The Idempotency-Key header is not a valid id.');
  const result = await recordApology(s.store, {
    key,
    committee,
    meeting,
    subject,
    recordedBy: clerk,
    substituteId: body.substituteId,
    reason: body.reason,
    onBehalf: true,
    now: s.now(),
  });
  if (result.outcome === 'refused') return problems(result.status ?? 422, result.why);
  return json(result.outcome === 'recorded' ? 201 : 200, result.apology);
};
