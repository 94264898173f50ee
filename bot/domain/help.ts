import type { Role } from './roles';

/** One thing a user can ask Quorum, and who may ask it. */
export interface HelpTopic {
  command: string;
  says: string;
  /** Empty: anyone on a committee. */
  for: readonly Role[];
}

const ROLE_WORDS: Record<Role, string> = {
  member: 'member',
  observer: 'observer',
  officer: 'officer',
  chair: 'Chairman',
  'vice-chair': 'Deputy Chairman',
  clerk: 'clerk',
};

export function describeRoles(roles: readonly Role[]): string {
  return roles.length ? roles.map((r) => ROLE_WORDS[r]).join(', ') : 'no role';
}

/** The topics a person with these roles (across all their committees) can use. */
export function topicsFor(topics: readonly HelpTopic[], roles: readonly Role[]): HelpTopic[] {
  return topics.filter((t) => t.for.length === 0 || t.for.some((r) => roles.includes(r)));
}
