import { z } from 'zod';
import { pageCitation } from '../../bot/domain/agendaPack';
import { isOpen } from '../../bot/domain/actionLog';
import { shortText, IdSchema } from '../../bot/domain/common';
import type { Committee } from '../../bot/domain/committee';
import { byStart, hasFinished } from '../../bot/domain/meeting';
import type { Person } from '../../bot/domain/person';
import { currentResponses, liveApologies, type Apology, type Declaration } from '../../bot/domain/responses';
import { findPersonByAadObjectId, mayReadExempt, personById, rolesOf, type Role } from '../../bot/domain/roles';
import { updateAction } from '../../bot/features/actions';
import { recordApology, withdrawApology } from '../../bot/features/apologies';
import { addToRegister, removeFromRegister } from '../../bot/features/declarations';
import { CATEGORY_NAMES, categoriesFor, declarationSentence } from '../../bot/domain/declarations';
import { declare, DeclarationFields } from './declarations';
import { papersUrl } from '../../bot/features/circulation';
import { log } from '../../bot/log';
import { mayCreateCommittees, type Who } from '../access';
import { json, notFound, parseBody, problems } from '../http';
import type { Services } from '../services';
import type { Handler } from './committees';
import { badId, idParam } from './params';

interface Mine {
  committee: Committee;
  person: Person;
  roles: Role[];
}

/** The committees the signed-in caller is on, with who they are on each. */
async function myCommittees(s: Services, who: Who): Promise<Mine[]> {
  if (who.caller.kind !== 'person') return [];
  const aad = who.caller.aadObjectId;
  return (await s.store.committees.forAadObjectId(aad)).flatMap((committee) => {
    const person = findPersonByAadObjectId(committee, aad);
    return person ? [{ committee, person, roles: rolesOf(committee, person.id) }] : [];
  });
}

/** GET /api/me: who the caller is to Quorum, committee by committee. */
export const getMe: Handler = async (_req, s, who) => {
  const mine = await myCommittees(s, who);
  const caller = who.caller;
  return json(200, {
    name: mine[0]?.person.name ?? null,
    aadObjectId: caller.kind === 'person' ? caller.aadObjectId : null,
    tenantClerk: caller.kind === 'person' && (await mayCreateCommittees(s, who)),
    mode: s.config.mode,
    committees: mine.map((m) => ({
      id: m.committee.id,
      name: m.committee.name,
      shortName: m.committee.shortName,
      personId: m.person.id,
      roles: m.roles,
    })),
  });
};

const apologyView = (committee: Committee, a: Apology) => ({
  id: a.id,
  substitute: a.substituteId
    ? { id: a.substituteId, name: personById(committee, a.substituteId)?.name ?? a.substituteId }
    : null,
  reason: a.reason ?? null,
  recordedAt: a.recordedAt,
  onBehalf: a.onBehalf,
});

/** GET /api/me/meetings: the caller's coming meetings, with the agenda as circulated and their own apologies. */
export const getMyMeetings: Handler = async (_req, s, who) => {
  const now = s.now();
  const rows = [];
  for (const m of await myCommittees(s, who)) {
    const meetings = (await s.store.meetings.forCommittee(m.committee.id))
      .filter((x) => x.status !== 'cancelled' && !hasFinished(x, now))
      .sort(byStart);
    for (const meeting of meetings) {
      const responses = await s.store.responses.forMeeting(m.committee.id, meeting.id);
      const mine = liveApologies(responses).find((a) => a.personId === m.person.id);
      const myDeclarations = currentResponses(
        responses.filter((r): r is Declaration => r.kind === 'declaration' && r.personId === m.person.id),
      );
      const published = Boolean(meeting.publication) || m.roles.includes('clerk');
      rows.push({
        id: meeting.id,
        committee: { id: m.committee.id, name: m.committee.name, shortName: m.committee.shortName },
        personId: m.person.id,
        roles: m.roles,
        startsAt: meeting.startsAt,
        venue: meeting.venue.name,
        published: Boolean(meeting.publication),
        papersUrl: meeting.publication ? papersUrl(s.config.publicUrl, meeting.id) : null,
        // Everyone with a role on the committee is entitled to exempt titles (never their papers here).
        agenda: published
          ? meeting.agenda.map((i) => ({
              number: i.number,
              title: i.title,
              exempt: i.exempt ? i.exempt.paragraph : null,
              pages: pageCitation(i.papers) || null,
              // The item's report, opened signed in (an exempt one only for members and officers).
              reportItemId: i.papers?.report && (!i.exempt || mayReadExempt(m.roles)) ? i.id : null,
            }))
          : [],
        // Items the clerk has asked this person to attach the report for (before publication too).
        myReports: meeting.agenda
          .filter((i) => i.uploader === m.person.id)
          .map((i) => ({
            itemId: i.id,
            number: i.number,
            title: i.title,
            report: i.papers?.report ? { name: i.papers.report.name, pages: i.papers.report.pages } : null,
          })),
        packs: published
          ? meeting.packs.map((p) => ({
              supplement: p.supplement,
              pages: p.public.pages,
              part2Pages: p.exempt && mayReadExempt(m.roles) ? p.exempt.pages : null,
            }))
          : [],
        myApology: mine ? apologyView(m.committee, mine) : null,
        myDeclarations: myDeclarations.map((d) => ({
          id: d.id,
          sentence: declarationSentence(d, m.person, meeting.agenda),
        })),
        // Whether the caller declares at this meeting is checked on saving (members, observers, substitutes).
        interestCategories: categoriesFor(m.committee.interestCategories).map((c) => ({
          value: c,
          label: CATEGORY_NAMES[c],
        })),
        // Who may be named as a substitute is checked on saving against the terms of reference.
        people: m.committee.people.filter((p) => p.id !== m.person.id).map((p) => ({ id: p.id, name: p.name })),
      });
    }
  }
  rows.sort(byStart);
  return json(200, rows);
};

const MyApologySchema = z
  .object({
    meetingId: IdSchema,
    substituteId: IdSchema.optional(),
    reason: shortText(500).optional(),
    /** Made by the page for each press, so a retried request records once. */
    submissionId: z.string().uuid(),
  })
  .strict();

const WithdrawSchema = z
  .object({ meetingId: IdSchema, apologyId: IdSchema.optional(), submissionId: z.string().uuid() })
  .strict();

/** The caller's own meeting: found, theirs, and them on its committee. */
async function myMeeting(s: Services, who: Who, meetingId: string) {
  const meeting = await s.store.meetings.find(meetingId);
  if (!meeting) return { ok: false, response: notFound(`Meeting "${meetingId}"`) } as const;
  const mine = (await myCommittees(s, who)).find((m) => m.committee.id === meeting.committeeId);
  if (!mine)
    return { ok: false, response: problems(403, 'You are not on the committee this meeting belongs to.') } as const;
  return { ok: true, meeting, ...mine } as const;
}

/** POST /api/me/apologies: the caller sends their own apologies, perhaps naming a substitute. */
export const postMyApology: Handler = async (req, s, who) => {
  const body = await parseBody(req, MyApologySchema);
  if (!body.ok) return body.response;
  const found = await myMeeting(s, who, body.value.meetingId);
  if (!found.ok) return found.response;
  const result = await recordApology(s.store, {
    key: body.value.submissionId,
    committee: found.committee,
    meeting: found.meeting,
    subject: found.person,
    recordedBy: found.person,
    substituteId: body.value.substituteId,
    reason: body.value.reason,
    onBehalf: false,
    now: s.now(),
  });
  if (result.outcome === 'refused')
    return problems(result.status ?? 422, `${result.why} Nothing has been recorded.`, [
      ...(body.value.substituteId ? [{ path: 'substituteId', message: result.why }] : []),
    ]);
  return json(result.outcome === 'recorded' ? 201 : 200, apologyView(found.committee, result.apology));
};

/** POST /api/me/apologies/withdraw: the caller will attend after all. */
export const postWithdrawMyApology: Handler = async (req, s, who) => {
  const body = await parseBody(req, WithdrawSchema);
  if (!body.ok) return body.response;
  const found = await myMeeting(s, who, body.value.meetingId);
  if (!found.ok) return found.response;
  if (hasFinished(found.meeting, s.now()))
    return problems(422, 'That meeting has already taken place; its apologies can no longer be changed.');
  const result = await withdrawApology(s.store, {
    key: body.value.submissionId,
    committee: found.committee,
    meeting: found.meeting,
    subject: found.person,
    recordedBy: found.person,
    ...(body.value.apologyId ? { apologyId: body.value.apologyId } : {}),
    onBehalf: false,
    now: s.now(),
  });
  if (result.outcome === 'refused') return problems(409, result.why);
  return json(200, { withdrawn: true });
};

const MyDeclarationSchema = z
  .object({ meetingId: IdSchema, submissionId: z.string().uuid(), ...DeclarationFields })
  .strict();

/** POST /api/me/declarations: the caller declares an interest in items of one of their meetings. */
export const postMyDeclaration: Handler = async (req, s, who) => {
  const body = await parseBody(req, MyDeclarationSchema);
  if (!body.ok) return body.response;
  const b = body.value;
  const found = await myMeeting(s, who, b.meetingId);
  if (!found.ok) return found.response;
  return declare(s, {
    key: b.submissionId,
    committee: found.committee,
    meeting: found.meeting,
    subject: found.person,
    recordedBy: found.person,
    fields: b,
  });
};

/** GET /api/me/actions: the open actions the caller is responsible for. */
export const getMyActions: Handler = async (_req, s, who) => {
  const rows = [];
  for (const m of await myCommittees(s, who)) {
    const actions = await s.store.actions.forCommittee(m.committee.id);
    for (const a of actions)
      if (isOpen(a) && a.responsiblePersonIds.includes(m.person.id))
        rows.push({
          committee: { id: m.committee.id, shortName: m.committee.shortName },
          id: a.id,
          number: a.number,
          text: a.text,
          status: a.status,
          comments: a.comments,
          responsibleOfficers: a.responsibleOfficers,
          datesRaised: a.datesRaised,
        });
  }
  return json(200, rows);
};

const MyUpdateSchema = z
  .object({
    status: z.enum(['Red', 'Amber', 'Green', 'Complete'], {
      errorMap: () => ({ message: 'choose Red, Amber, Green or Complete' }),
    }),
    comment: shortText(2000).optional(),
    submissionId: z.string().uuid(),
  })
  .strict();

/** POST /api/me/actions/{committeeId}/{actionId}: the caller updates an action they may update. */
export const postMyActionUpdate: Handler = async (req, s, who) => {
  const committeeId = idParam(req, 'committeeId');
  const actionId = idParam(req, 'actionId');
  if (!committeeId) return badId('committeeId');
  if (!actionId) return badId('actionId');
  const body = await parseBody(req, MyUpdateSchema);
  if (!body.ok) return body.response;
  const mine = (await myCommittees(s, who)).find((m) => m.committee.id === committeeId);
  if (!mine) return problems(403, 'You are not on that committee, so you cannot update its actions.');
  const result = await updateAction(s.store, mine.committee, mine.person.id, actionId, body.value, s.now());
  if (result.outcome === 'refused') return problems(result.status, result.why);
  if (result.outcome === 'closed')
    return problems(409, `Action ${result.action.number} is ${result.action.status}: it can no longer be updated.`);
  return json(200, {
    status: result.action.status,
    comments: result.action.comments,
    duplicate: result.outcome === 'duplicate',
  });
};

/**
 * GET /api/local/people: the sign-in picker's list on one machine (everyone Quorum knows, with what
 * they are). It does not exist in production, where people sign in with their own accounts.
 */
export const getLocalPeople: Handler = async (_req, s) => {
  if (s.config.api.auth !== 'open') return problems(404, 'There is nothing at this address.');
  const people = new Map<string, { aadObjectId: string; name: string; roles: string[] }>();
  for (const c of await s.store.committees.list())
    for (const p of c.people) {
      if (!p.aadObjectId) continue;
      const key = p.aadObjectId.toLowerCase();
      const row = people.get(key) ?? { aadObjectId: key, name: p.name, roles: [] };
      row.roles = [...new Set([...row.roles, ...rolesOf(c, p.id).map((r) => `${r} (${c.shortName})`)])];
      people.set(key, row);
    }
  // The clerk and the Chairman first: the people a newcomer most wants to try Quorum as.
  const rank = (p: { roles: string[] }) =>
    ['clerk', 'chair', 'vice-chair', 'member', 'officer'].findIndex((r) => p.roles.some((x) => x.startsWith(`${r} `)));
  return json(
    200,
    [...people.values()]
      .filter((p) => p.roles.length)
      .sort((a, b) => ((rank(a) + 10) % 10) - ((rank(b) + 10) % 10) || a.name.localeCompare(b.name)),
  );
};

/**
 * GET /api/directory/users?q=: people in the organisation to add to a committee, from Microsoft Graph,
 * for those who set committees up (clerks, and holders of the Quorum.Clerk role). Without Graph the
 * answer says so, and the clerk types people in.
 */
export const searchDirectory: Handler = async (req, s, who) => {
  const q = z
    .string()
    .trim()
    .min(2, 'type at least two letters')
    .max(100)
    .safeParse(req.query.get('q') ?? '');
  if (!q.success)
    return problems(400, 'Type at least two letters of a name.', [
      { path: 'q', message: q.error.issues[0]?.message ?? '' },
    ]);
  // The app role (no I/O in production) first; then whether they clerk a committee.
  const allowed =
    (await mayCreateCommittees(s, who)) || (await myCommittees(s, who)).some((m) => m.roles.includes('clerk'));
  if (!allowed) return problems(403, 'Only clerks look people up in the directory.');
  if (!s.graph) return json(200, { available: false, users: [] });
  try {
    return json(200, { available: true, users: await s.graph.searchUsers(q.data) });
  } catch (err) {
    log.warn('directory-search-failed', { error: (err as Error).message });
    return json(200, {
      available: false,
      users: [],
      why: 'The directory could not be searched just now; type the person in.',
    });
  }
};

/** The caller's committees on which they keep a register of interests (members and observers). */
const registerHolders = async (s: Services, who: Who) =>
  (await myCommittees(s, who)).filter((m) => m.roles.includes('member') || m.roles.includes('observer'));

/** GET /api/me/register: the caller's standing interests, committee by committee. */
export const getMyRegister: Handler = async (_req, s, who) => {
  const rows = [];
  for (const m of await registerHolders(s, who)) {
    const register = await s.store.interests.get(s.config.tenantId, m.committee.id, m.person.id);
    rows.push({
      committee: { id: m.committee.id, shortName: m.committee.shortName },
      entries: (register?.entries ?? []).map((e) => ({
        id: e.id,
        nature: e.nature,
        category: CATEGORY_NAMES[e.category],
      })),
      interestCategories: categoriesFor(m.committee.interestCategories).map((c) => ({
        value: c,
        label: CATEGORY_NAMES[c],
      })),
    });
  }
  return json(200, rows);
};

const RegisterEntrySchema = z
  .object({ committeeId: IdSchema, nature: shortText(1000), category: DeclarationFields.category })
  .strict();

/** POST /api/me/register: a standing interest, offered again at each meeting. */
export const postMyRegister: Handler = async (req, s, who) => {
  const body = await parseBody(req, RegisterEntrySchema);
  if (!body.ok) return body.response;
  const m = (await registerHolders(s, who)).find((x) => x.committee.id === body.value.committeeId);
  if (!m) return problems(403, 'Only members of the committee keep a register of interests there.');
  const added = await addToRegister(s.store, s.config.tenantId, m.committee, m.person.id, body.value, s.now());
  if (added !== 'added') return problems(422, `${added} Nothing has been added.`);
  return json(201, { added: true });
};

/** DELETE /api/me/register/{committeeId}/{entryId}: no longer an interest. */
export const deleteMyRegister: Handler = async (req, s, who) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  const entryId = z.string().uuid().safeParse(req.params.entryId);
  if (!entryId.success) return problems(400, 'The interest in the address is not one Quorum made.');
  const m = (await registerHolders(s, who)).find((x) => x.committee.id === committeeId);
  if (!m) return problems(403, 'Only members of the committee keep a register of interests there.');
  const before = await s.store.interests.get(s.config.tenantId, committeeId, m.person.id);
  if (!before?.entries.some((e) => e.id === entryId.data)) return notFound('That interest');
  await removeFromRegister(s.store, s.config.tenantId, committeeId, m.person.id, entryId.data, s.now());
  return json(200, { removed: true });
};
