import { format } from 'date-fns';
import type { MeetingWhen } from './apologyParser';
import type { Committee } from './committee';
import { inLondon } from './londonTime';
import { byStart, hasFinished, type Meeting } from './meeting';

export interface Candidate {
  committee: Committee;
  meeting: Meeting;
}

export type MeetingMatch =
  | { kind: 'one'; match: Candidate }
  /** Several meetings fit: the member chooses; Quorum never guesses. */
  | { kind: 'choose'; matches: Candidate[] }
  /** The words point only at meetings that have already taken place. */
  | { kind: 'past'; match: Candidate }
  /** Nothing fits; `upcoming` are the meetings they might have meant. */
  | { kind: 'none'; upcoming: Candidate[] };

const londonDay = (instant: string) => format(inLondon(instant), 'yyyy-MM-dd');

function fits(when: MeetingWhen, m: Meeting): boolean {
  const d = londonDay(m.startsAt);
  switch (when.kind) {
    case 'day':
      return d === when.date;
    case 'weekday':
      return when.dates.includes(d);
    case 'range':
      return d >= when.from && d <= when.to;
    case 'next':
      return true;
  }
}

/**
 * Finds the meeting a member means among their committees' meetings. Pure: given the same
 * meetings and the same moment, the same answer.
 */
export function matchMeeting(
  when: MeetingWhen,
  all: readonly Candidate[],
  now: Date,
  committeeId?: string,
): MeetingMatch {
  const scoped = committeeId ? all.filter((c) => c.committee.id === committeeId) : [...all];
  const live = (c: Candidate) => c.meeting.status !== 'cancelled';
  const upcoming = scoped
    .filter((c) => live(c) && !hasFinished(c.meeting, now))
    .sort((a, b) => byStart(a.meeting, b.meeting));

  if (when.kind === 'next') {
    const firstPerCommittee = upcoming.filter(
      (c, i) => upcoming.findIndex((x) => x.committee.id === c.committee.id) === i,
    );
    if (firstPerCommittee.length === 1) return { kind: 'one', match: firstPerCommittee[0] as Candidate };
    return firstPerCommittee.length ? { kind: 'choose', matches: firstPerCommittee } : { kind: 'none', upcoming };
  }

  let matches = upcoming.filter((c) => fits(when, c.meeting));
  // "Friday" means the nearer Friday if there is a meeting then; "next Friday" may mean either.
  if (when.kind === 'weekday' && !when.ambiguous) {
    const nearer = matches.filter((c) => londonDay(c.meeting.startsAt) === when.dates[0]);
    if (nearer.length) matches = nearer;
  }
  if (matches.length === 1) return { kind: 'one', match: matches[0] as Candidate };
  if (matches.length > 1) return { kind: 'choose', matches };
  const past = scoped.filter((c) => live(c) && hasFinished(c.meeting, now) && fits(when, c.meeting));
  if (past.length && when.kind === 'day') return { kind: 'past', match: past[past.length - 1] as Candidate };
  return { kind: 'none', upcoming: upcoming.slice(0, 6) };
}
