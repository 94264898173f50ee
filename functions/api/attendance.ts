import { quorumStatus } from '../../bot/domain/quorum';
import { liveApologies, type AttendanceMark } from '../../bot/domain/responses';
import { buildRoster } from '../../bot/domain/roster';
import { z } from 'zod';
import { IdSchema } from '../../bot/domain/common';
import { acceptDifference, reconcileAttendance } from '../../bot/features/reconcile';
import { isRefusal } from '../../bot/features/record';
import { json, parseBody, problems } from '../http';
import { acting, meetingFor } from '../access';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/** GET /api/meetings/{id}/attendance: the roll call as it stands, the quorum, and every mark behind it. */
export const getAttendance: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const responses = await s.store.responses.forMeeting(found.committee.id, found.meeting.id);
  const marks = responses.filter((r): r is AttendanceMark => r.kind === 'attendance');
  return json(200, {
    meetingId,
    quorum: quorumStatus(found.committee, marks),
    roster: buildRoster(found.committee, marks, liveApologies(responses)),
    history: marks,
  });
};

const AcceptSchema = z
  .object({
    accept: z
      .array(z.object({ personId: IdSchema, status: z.enum(['present', 'absent']) }).strict())
      .min(1)
      .max(100),
    by: IdSchema,
  })
  .strict();

/** GET /api/meetings/{id}/attendance/reconcile: the roll call compared with the Teams attendance report. */
export const getReconcile: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const differences = await reconcileAttendance(
    { store: s.store, graph: s.graph, now: s.now },
    found.committee,
    found.meeting,
  );
  if (isRefusal(differences)) return problems(differences.status, differences.why);
  return json(200, { meetingId, differences });
};

/** POST /api/meetings/{id}/attendance/reconcile: the clerk accepts differences; the roll call is corrected. */
export const postReconcile: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const parsed = await parseBody(req, AcceptSchema, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  for (const a of parsed.value.accept) {
    const done = await acceptDifference(
      { store: s.store, graph: s.graph, now: s.now },
      found.committee,
      found.meeting,
      a.personId,
      a.status,
      parsed.value.by,
    );
    if (isRefusal(done)) return problems(done.status, done.why);
  }
  return json(200, { accepted: parsed.value.accept.length });
};
