import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { draftAgenda } from '../../bot/domain/agenda';
import { syncInvitations } from '../../bot/features/calendar';
import { CommitteeSchema } from '../../bot/domain/committee';
import { byStart, MeetingSchema } from '../../bot/domain/meeting';
import { ConflictError } from '../../bot/store/documentStore';
import { findPersonByAadObjectId, rolesOf } from '../../bot/domain/roles';
import { mayCreateCommittees, type Who } from '../access';
import { json, notFound, parseBody, problems } from '../http';
import type { Services } from '../services';
import { badId, idParam } from './params';

export type Handler = (req: HttpRequest, s: Services, who: Who) => Promise<HttpResponseInit>;

/** The committees the caller is on (with their roles); a tenant clerk, and the local open API, see every one. */
export const listCommittees: Handler = async (_req, s, who) => {
  const committees = await s.store.committees.list();
  const caller = who.caller;
  const rows = committees.map((c) => {
    const person = caller.kind === 'person' ? findPersonByAadObjectId(c, caller.aadObjectId) : undefined;
    return { id: c.id, name: c.name, shortName: c.shortName, roles: person ? rolesOf(c, person.id) : [] };
  });
  return json(200, (await mayCreateCommittees(s, who)) ? rows : rows.filter((r) => r.roles.length));
};

export const getCommittee: Handler = async (req, s) => {
  const id = idParam(req, 'committeeId');
  if (!id) return badId('committeeId');
  const committee = await s.store.committees.get(id);
  return committee ? json(200, committee) : notFound(`Committee "${id}"`);
};

export const putCommittee: Handler = async (req, s, who) => {
  const id = idParam(req, 'committeeId');
  if (!id) return badId('committeeId');
  const parsed = await parseBody(req, CommitteeSchema, { id });
  if (!parsed.ok) return parsed.response;
  const before = await s.store.committees.get(id);
  const caller = who.caller;
  if (!before && caller.kind === 'person') {
    // Creating a committee is the tenant-level right; editing one is its clerks' (checked by the route).
    if (!(await mayCreateCommittees(s, who)))
      return problems(403, 'Creating a committee needs the Quorum.Clerk role in your organisation; nothing was saved.');
    const me = findPersonByAadObjectId(parsed.value, caller.aadObjectId);
    if (!me || !parsed.value.clerks.includes(me.id))
      return problems(
        422,
        'Add yourself as one of its clerks, or you could not open the committee again; nothing was saved.',
        [{ path: 'clerks', message: 'must include you (a person with your Entra object id)' }],
      );
  }
  const saved = await s.store.committees.put(parsed.value);
  // A member joining (or leaving) is invited to (or dropped from) the future Teams meetings.
  await syncInvitations(s.bot.calendar, before, saved);
  return json(before ? 200 : 201, saved);
};

export const listMeetings: Handler = async (req, s) => {
  const id = idParam(req, 'committeeId');
  if (!id) return badId('committeeId');
  if (!(await s.store.committees.get(id))) return notFound(`Committee "${id}"`);
  const meetings = await s.store.meetings.forCommittee(id);
  return json(200, meetings.sort(byStart));
};

export const getMeeting: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  const meetingId = idParam(req, 'meetingId');
  if (!committeeId) return badId('committeeId');
  if (!meetingId) return badId('meetingId');
  const meeting = await s.store.meetings.get(committeeId, meetingId);
  return meeting ? json(200, meeting) : notFound(`Meeting "${meetingId}" of committee "${committeeId}"`);
};

export const putMeeting: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  const meetingId = idParam(req, 'meetingId');
  if (!committeeId) return badId('committeeId');
  if (!meetingId) return badId('meetingId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const parsed = await parseBody(req, MeetingSchema, { id: meetingId, committeeId });
  if (!parsed.ok) return parsed.response;
  const existed = Boolean(await s.store.meetings.get(committeeId, meetingId));
  // A new meeting without an agenda starts from the standing items, the forward plan and the
  // reports the action log asks for, for the clerk to edit.
  const meeting =
    existed || parsed.value.agenda.length
      ? parsed.value
      : {
          ...parsed.value,
          agenda: draftAgenda(
            meetingId,
            committee.forwardPlan,
            await s.store.actions.forCommittee(committeeId),
            committee.shortName,
          ),
        };
  try {
    return json(existed ? 200 : 201, await s.store.meetings.put(meeting));
  } catch (err) {
    if (err instanceof ConflictError)
      return problems(409, err.message, [{ path: 'id', message: 'meeting ids must be unique across committees' }]);
    throw err;
  }
};
