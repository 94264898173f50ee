import type { Committee } from './committee';
import type { Person } from './person';

export type Role = 'member' | 'observer' | 'officer' | 'chair' | 'vice-chair' | 'clerk';

/** What a person is to a committee. One person can be several things (a chair is also a member). */
/** Who runs the meeting: marks others on the roll, moves it between items, closes it. */
export const mayChair = (roles: readonly Role[]) =>
  roles.includes('chair') || roles.includes('vice-chair') || roles.includes('clerk');

export function rolesOf(committee: Committee, personId: string): Role[] {
  const roles: Role[] = [];
  const seats = committee.seats.filter((s) => s.holder === personId);
  if (seats.some((s) => s.kind === 'member')) roles.push('member');
  if (seats.some((s) => s.kind === 'observer')) roles.push('observer');
  if (committee.officers.some((o) => o.person === personId)) roles.push('officer');
  if (committee.chair === personId) roles.push('chair');
  if (committee.viceChair === personId) roles.push('vice-chair');
  if (committee.clerks.includes(personId)) roles.push('clerk');
  return roles;
}

/** Entra object ids are GUIDs: Teams and Graph do not agree on their case. */
export function findPersonByAadObjectId(committee: Committee, aadObjectId: string): Person | undefined {
  const key = aadObjectId.toLowerCase();
  return committee.people.find((p) => p.aadObjectId?.toLowerCase() === key);
}

/** Everyone who holds a seat (members and observers), then every officer, each once: who a meeting is for. */
export function seatHoldersAndOfficers(committee: Committee): string[] {
  return [
    ...new Set([
      ...committee.seats.flatMap((s) => (s.holder ? [s.holder] : [])),
      ...committee.officers.map((o) => o.person),
    ]),
  ];
}

export function personById(committee: Committee, personId: string): Person | undefined {
  return committee.people.find((p) => p.id === personId);
}

/**
 * Who may read exempt (Schedule 12A) reports: the committee's members and the officers supporting it.
 * Observers sit in public session only.
 */
export const mayReadExempt = (roles: readonly Role[]) => roles.some((r) => r !== 'observer');
