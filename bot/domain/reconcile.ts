import type { Committee } from './committee';
import { currentAttendance } from './quorum';
import type { AttendanceMark } from './responses';
import { findPersonByAadObjectId } from './roles';

export interface TeamsAttendance {
  aadObjectId?: string;
  displayName: string;
  totalSeconds: number;
  firstJoin?: string;
}

export type AttendanceDifference =
  /** Teams saw them in the meeting, but the roll call does not have them present. */
  | { kind: 'attended-not-marked'; personId: string; name: string; minutes: number; firstJoin?: string }
  /** The roll call has them present, but Teams never saw them (in the room, perhaps: the clerk decides). */
  | { kind: 'marked-not-attended'; personId: string; name: string }
  /** Someone Quorum does not know attended through Teams. */
  | { kind: 'unknown-attendee'; name: string; minutes: number };

/** Under a minute in the meeting is a mis-click or a dropped call, not attendance. */
const MIN_SECONDS = 60;

/** Compares the roll call with the Teams attendance report, for the clerk to accept or reject each difference. */
export function attendanceDifferences(
  committee: Committee,
  marks: readonly AttendanceMark[],
  report: readonly TeamsAttendance[],
): AttendanceDifference[] {
  const now = currentAttendance(marks);
  const present = (id: string) => ['present', 'substitute', 'left'].includes(now.get(id)?.status ?? '');
  const seen = new Set<string>();
  const out: AttendanceDifference[] = [];
  for (const r of report) {
    if (r.totalSeconds < MIN_SECONDS) continue;
    const person = r.aadObjectId ? findPersonByAadObjectId(committee, r.aadObjectId) : undefined;
    const minutes = Math.round(r.totalSeconds / 60);
    if (!person) {
      out.push({ kind: 'unknown-attendee', name: r.displayName, minutes });
      continue;
    }
    seen.add(person.id);
    if (!present(person.id))
      out.push({
        kind: 'attended-not-marked',
        personId: person.id,
        name: person.name,
        minutes,
        ...(r.firstJoin ? { firstJoin: r.firstJoin } : {}),
      });
  }
  for (const [personId, mark] of now)
    if (['present', 'substitute'].includes(mark.status) && !seen.has(personId) && !mark.guestName) {
      const name = committee.people.find((p) => p.id === personId)?.name ?? personId;
      out.push({ kind: 'marked-not-attended', personId, name });
    }
  return out;
}
