import type { Committee, Seat } from './committee';
import type { AttendanceMark } from './responses';

/**
 * Each person's attendance as it stands: their latest mark, whoever made it. Marks made at the same
 * moment by the chair and the member are ordered by id, so every reader agrees.
 */
export function currentAttendance(marks: readonly AttendanceMark[]): Map<string, AttendanceMark> {
  const latest = new Map<string, AttendanceMark>();
  for (const m of marks) {
    if (m.withdrawn) continue;
    const other = latest.get(m.personId);
    if (!other || m.recordedAt > other.recordedAt || (m.recordedAt === other.recordedAt && m.id > other.id))
      latest.set(m.personId, m);
  }
  return latest;
}

export interface QuorumStatus {
  quorate: boolean;
  /** Voting seats filled by someone present (holder, or a substitute for the seat). */
  votingPresent: number;
  agencies: string[];
  needMembers: number;
  needAgencies: number;
  /** "Quorate: 7 voting members from 5 agencies." / "Not quorate: needs 2 more voting members; agencies present: 2 of 3." */
  message: string;
}

const here = (m: AttendanceMark | undefined) => m?.status === 'present' || m?.status === 'substitute';

/**
 * The committee's quorum rule (demo ToR §6: at least 6 voting members from at least 3 partner
 * agencies). Observers and non-voting seats do not count; a substitute counts for the seat they fill.
 * Under the Local Government Act 1972 only people in the room count, so self-marks made from Teams
 * (remote) are recorded but not counted.
 */
export function quorumStatus(committee: Committee, marks: readonly AttendanceMark[]): QuorumStatus {
  const now = currentAttendance(marks);
  const counts = (m: AttendanceMark | undefined) => here(m) && !(committee.regime === 'england-lga-1972' && m?.remote);
  const filled: Seat[] = committee.seats.filter((seat) => {
    if (seat.kind !== 'member' || !seat.voting.general) return false;
    const holder = seat.holder ? now.get(seat.holder) : undefined;
    if (holder && counts(holder) && holder.status === 'present') return true;
    return [...now.values()].some((m) => m.status === 'substitute' && m.seatId === seat.id && counts(m));
  });
  const agencies = [...new Set(filled.map((s) => s.agency))].sort();
  const { minVotingMembers, minAgencies } = committee.quorum;
  const needMembers = Math.max(0, minVotingMembers - filled.length);
  const needAgencies = Math.max(0, minAgencies - agencies.length);
  const quorate = needMembers === 0 && needAgencies === 0;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const message = quorate
    ? `Quorate: ${plural(filled.length, 'voting member')} from ${plural(agencies.length, 'agency')}`.replace(
        'agencys',
        'agencies',
      ) + '.'
    : `Not quorate: ${[
        needMembers ? `needs ${needMembers} more voting member${needMembers === 1 ? '' : 's'}` : '',
        `agencies present: ${agencies.length} of ${minAgencies}`,
      ]
        .filter(Boolean)
        .join('; ')}.`;
  return { quorate, votingPresent: filled.length, agencies, needMembers, needAgencies, message };
}

/** What the meeting is told when its quorum changes: once per change, from whichever surface changed it. */
export function quorumChangeSentence(status: QuorumStatus): string {
  const words = (prefix: RegExp) => status.message.replace(prefix, '').replace(/^./, (c) => c.toUpperCase());
  return status.quorate
    ? `The meeting is now quorate. ${words(/^Quorate: /)}`
    : `Chairman: the meeting is no longer quorate. ${words(/^Not quorate: /)}`;
}
