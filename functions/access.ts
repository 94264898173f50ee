import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Committee } from '../bot/domain/committee';
import type { Meeting } from '../bot/domain/meeting';
import { findMeeting, type Refusal } from '../bot/features/record';
import type { Person } from '../bot/domain/person';
import { findPersonByAadObjectId, rolesOf, type Role } from '../bot/domain/roles';
import { callerOf, isResponse, type Caller } from './apiAuth';
import { problems } from './http';
import type { Services } from './services';

/**
 * What a route asks of its caller. `public`: no one in particular. `signed-in`: a person, for their
 * own things (`/api/me/...`). `clerk`: a clerk of the committee the address names (directly, or
 * through its meeting). `committee`: anyone with a role on that committee (the handler narrows it).
 */
export type Access = 'public' | 'signed-in' | 'clerk' | 'committee';

/** The caller, and who they are on the committee the address names (when it names one that exists). */
export interface Who {
  caller: Caller;
  committee?: Committee;
  /** The meeting the address names, as found while checking the caller: handlers need not look again. */
  meeting?: Meeting;
  person?: Person;
  roles: Role[];
}

const ROLE_WORDS: Record<Role, string> = {
  member: 'member',
  observer: 'observer',
  officer: 'officer',
  chair: 'Chairman',
  'vice-chair': 'Vice-Chairman',
  clerk: 'clerk',
};

/** The committee an address is about: `{committeeId}`, or the committee of `{meetingId}` (with the meeting). */
async function committeeOf(req: HttpRequest, s: Services): Promise<{ committee?: Committee; meeting?: Meeting }> {
  const committeeId = req.params.committeeId;
  if (committeeId) return { committee: await s.store.committees.get(committeeId).catch(() => undefined) };
  const meetingId = req.params.meetingId;
  if (!meetingId) return {};
  const meeting = await s.store.meetings.find(meetingId).catch(() => undefined);
  if (!meeting) return {};
  const committee = await s.store.committees.get(meeting.committeeId);
  return committee ? { committee, meeting } : {};
}

/** The meeting (and its committee) a handler is about: the one `authorise` found, else looked up. */
export async function meetingFor(
  s: Services,
  who: Who,
  meetingId: string,
): Promise<{ committee: Committee; meeting: Meeting } | Refusal> {
  if (who.committee && who.meeting?.id === meetingId) return { committee: who.committee, meeting: who.meeting };
  return findMeeting(s.store, meetingId);
}

/** Who is asking, checked against what the route needs; the refusal to send otherwise. */
export async function authorise(req: HttpRequest, s: Services, access: Access): Promise<Who | HttpResponseInit> {
  if (access === 'public') return { caller: { kind: 'anyone' }, roles: [] };
  const caller = await callerOf(req, s.config);
  if (isResponse(caller)) return caller;
  if (access === 'signed-in') {
    if (caller.kind === 'anyone')
      return problems(401, 'Choose who you are first: this is about your own meetings and actions.');
    return { caller, roles: [] };
  }
  const { committee, meeting } = await committeeOf(req, s);
  // An address that names nothing is the handler's to answer (404 with what was not found).
  if (!committee) return { caller, roles: [] };
  const found = { committee, ...(meeting ? { meeting } : {}) };
  if (caller.kind === 'anyone') return { caller, ...found, roles: [] };
  const person = findPersonByAadObjectId(committee, caller.aadObjectId);
  const roles = person ? rolesOf(committee, person.id) : [];
  if (!person || !roles.length)
    return problems(403, `You are not on the ${committee.name}, so Quorum cannot show or change its business for you.`);
  if (access === 'clerk' && !roles.includes('clerk'))
    return problems(
      403,
      `Only a clerk of the ${committee.name} can do this; you are its ${roles.map((r) => ROLE_WORDS[r]).join(' and ')}.`,
    );
  return { caller, ...found, person, roles };
}

/**
 * The person acting, for bodies that say who acts (`by`, `createdBy`, `recordedBy`): a signed-in
 * caller acts as themselves, so the field is filled in for them and may only name them; the local
 * open API keeps naming the actor in the body.
 */
export function acting(who: Who, field = 'by'): { field: string; personId: string } | undefined {
  return who.person ? { field, personId: who.person.id } : undefined;
}

/**
 * Whether the caller may create committees (and see them all): the Quorum.Clerk app role in
 * production; on one machine, where there are no app roles, any clerk (or anyone, before there is a
 * committee at all); the local open API always.
 */
export async function mayCreateCommittees(s: Services, who: Who): Promise<boolean> {
  const caller = who.caller;
  if (caller.kind === 'anyone') return true;
  if (s.config.api.auth !== 'open') return caller.tenantClerk;
  const mine = await s.store.committees.forAadObjectId(caller.aadObjectId);
  if (mine.some((c) => rolesOf(c, findPersonByAadObjectId(c, caller.aadObjectId)?.id ?? '').includes('clerk')))
    return true;
  return (await s.store.committees.list()).length === 0;
}

export { isResponse };
