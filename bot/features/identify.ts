import type { Activity, TurnContext } from 'botbuilder';
import type { Committee } from '../domain/committee';
import type { Person } from '../domain/person';
import { findPersonByAadObjectId, rolesOf, type Role } from '../domain/roles';
import type { Store } from '../store/store';
import { findMeeting, isRefusal } from './record';

export interface Membership {
  committee: Committee;
  person: Person;
  roles: Role[];
}

/** Who is talking, and what they are to each committee Quorum looks after. */
export interface Speaker {
  aadObjectId?: string;
  displayName: string;
  memberships: Membership[];
}

export async function identify(store: Store, activity: Partial<Activity>): Promise<Speaker> {
  const aadObjectId = activity.from?.aadObjectId;
  // Teams names are short; a client could send anything, and it is printed on cards: keep it to a name's length.
  const displayName = (activity.from?.name ?? 'there').slice(0, 120);
  if (!aadObjectId) return { displayName, memberships: [] };
  const committees = await store.committees.forAadObjectId(aadObjectId);
  const memberships = committees.flatMap((committee) => {
    const person = findPersonByAadObjectId(committee, aadObjectId);
    return person ? [{ committee, person, roles: rolesOf(committee, person.id) }] : [];
  });
  return { aadObjectId, displayName: memberships[0]?.person.name ?? displayName, memberships };
}

/** Who is talking on one committee, by one read of it: for a card that names its committee. */
export async function membershipIn(
  store: Store,
  context: TurnContext,
  committeeId: string,
): Promise<Membership | undefined> {
  const cached = context.turnState.get(SPEAKER) as Speaker | undefined;
  if (cached) return cached.memberships.find((m) => m.committee.id === committeeId);
  const aadObjectId = context.activity.from?.aadObjectId;
  const committee = aadObjectId ? await store.committees.get(committeeId) : undefined;
  const person = committee && aadObjectId ? findPersonByAadObjectId(committee, aadObjectId) : undefined;
  return committee && person ? { committee, person, roles: rolesOf(committee, person.id) } : undefined;
}

export function allRoles(speaker: Speaker): Role[] {
  return [...new Set(speaker.memberships.flatMap((m) => m.roles))];
}

const SPEAKER = Symbol('quorum.speaker');

/** The speaker of this turn, looked up once however many handlers ask. */
export async function speakerOf(store: Store, context: TurnContext): Promise<Speaker> {
  const cached = context.turnState.get(SPEAKER) as Speaker | undefined;
  if (cached) return cached;
  const speaker = await identify(store, context.activity);
  context.turnState.set(SPEAKER, speaker);
  return speaker;
}

/**
 * The clerk pressing a button about a meeting, with its committee, or the polite reason they can't:
 * `only` finishes "Only the clerk can …".
 */
export async function clerkActing(store: Store, context: TurnContext, meetingId: string, only: string) {
  const found = await findMeeting(store, meetingId);
  if (isRefusal(found))
    return { error: 'That meeting no longer exists; it may have been moved or cancelled.' } as const;
  const { committee, meeting } = found;
  const speaker = await speakerOf(store, context);
  const m = speaker.memberships.find((x) => x.committee.id === committee.id);
  if (!m || !m.roles.includes('clerk')) return { error: `Only the clerk can ${only}.` } as const;
  return { committee, meeting, clerk: m.person } as const;
}

/** The committees the speaker clerks; with none, they are told why not (`refusal`) and get none. */
export async function clerkshipsOf(context: TurnContext, speaker: Speaker, refusal: string): Promise<Membership[]> {
  const clerked = speaker.memberships.filter((m) => m.roles.includes('clerk'));
  if (!clerked.length) await context.sendActivity(refusal);
  return clerked;
}
