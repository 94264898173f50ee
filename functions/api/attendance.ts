import { quorumStatus } from '../../bot/domain/quorum';
import { liveApologies, type AttendanceMark } from '../../bot/domain/responses';
import { buildRoster } from '../../bot/domain/roster';
import { findMeeting, isRefusal } from '../../bot/features/record';
import { json, problems } from '../http';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/** GET /api/meetings/{id}/attendance: the roll call as it stands, the quorum, and every mark behind it. */
export const getAttendance: Handler = async (req, s) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await findMeeting(s.store, meetingId);
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
