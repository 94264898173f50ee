import { format } from 'date-fns';
import type { Committee, Seat } from './committee';
import { inLondon } from './londonTime';
import { currentAttendance } from './quorum';
import type { Apology, AttendanceMark } from './responses';
import { personById } from './roles';

export type RosterGroup = 'members' | 'substitutes' | 'observers' | 'officers' | 'guests';
export type RosterStatus = AttendanceMark['status'] | 'unmarked';

export interface RosterRow {
  personId: string;
  name: string;
  body: string;
  group: RosterGroup;
  status: RosterStatus;
  /** For a substitute: the seat they fill. */
  seatId?: string;
  /** "10.04 (item 6)": when the status was last set, and the item then in progress. */
  since?: string;
}

/**
 * The roll call: members by seat, the substitutes standing in, observers, officers and anyone else
 * attending, each with their status, apologies received before the meeting pre-filled.
 */
export function buildRoster(
  committee: Committee,
  marks: readonly AttendanceMark[],
  apologies: readonly Apology[],
): RosterRow[] {
  const now = currentAttendance(marks);
  const apologised = new Map(apologies.map((a) => [a.personId, a]));
  const rows: RosterRow[] = [];
  const listed = new Set<string>();
  const since = (m?: AttendanceMark) =>
    m ? `${format(inLondon(m.recordedAt), 'H.mm')}${m.atAgendaItem ? ` (item ${m.atAgendaItem})` : ''}` : undefined;
  const row = (personId: string, group: RosterGroup, body: string, seatId?: string) => {
    const p = personById(committee, personId);
    const mark = now.get(personId);
    const status: RosterStatus =
      mark?.status ?? (apologised.has(personId) ? 'apologies' : group === 'substitutes' ? 'unmarked' : 'unmarked');
    rows.push({
      personId,
      name: p?.name ?? mark?.guestName ?? personId,
      body,
      group,
      status,
      ...(seatId ? { seatId } : {}),
      ...(mark ? { since: since(mark) } : {}),
    });
    listed.add(personId);
  };
  for (const seat of committee.seats.filter((s) => s.kind === 'member' && s.holder))
    row(seat.holder as string, 'members', seat.represents);
  for (const a of apologies)
    if (a.substituteId && !listed.has(a.substituteId)) {
      const seat = committee.seats.find((s) => s.holder === a.personId);
      row(
        a.substituteId,
        'substitutes',
        seat ? `for ${personById(committee, a.personId)?.name ?? a.personId}, ${seat.represents}` : '',
        seat?.id,
      );
    }
  for (const m of now.values())
    if (m.status === 'substitute' && !listed.has(m.personId)) {
      const seat = committee.seats.find((s) => s.id === m.seatId);
      row(m.personId, 'substitutes', seat ? seat.represents : '', m.seatId);
    }
  for (const seat of committee.seats.filter((s) => s.kind === 'observer' && s.holder && !listed.has(s.holder)))
    row(seat.holder as string, 'observers', seat.represents);
  for (const o of committee.officers.filter((o) => !listed.has(o.person)))
    row(o.person, 'officers', personById(committee, o.person)?.organisation ?? '');
  for (const m of now.values())
    if (!listed.has(m.personId)) row(m.personId, 'guests', personById(committee, m.personId)?.organisation ?? '');
  return rows;
}

export const STATUS_WORDS: Record<RosterStatus, string> = {
  present: 'Present',
  substitute: 'Present (substitute)',
  apologies: 'Apologies',
  absent: 'Absent',
  left: 'Left',
  unmarked: '—',
};

/**
 * How someone marked present is recorded, whoever marks them: a substitute named in an apology is
 * present *in the seat they fill* (counted for that seat's agency and votes, and printed under
 * PRESENT as the papers do); anyone else simply present.
 */
export function seatedMark(
  committee: Committee,
  apologies: readonly Apology[],
  personId: string,
): { status: 'present' | 'substitute'; seat?: Seat } {
  const standingIn = apologies.find((a) => a.substituteId === personId);
  const seat = standingIn ? committee.seats.find((s) => s.holder === standingIn.personId) : undefined;
  return seat ? { status: 'substitute', seat } : { status: 'present' };
}

/**
 * Why a substitute cannot fill a seat now: its holder is present (a seat has one voice), or another
 * substitute is already in it. Undefined when the seat is free.
 */
export function seatTaken(
  committee: Committee,
  marks: readonly AttendanceMark[],
  seat: Seat,
  personId: string,
): string | undefined {
  const now = currentAttendance(marks);
  const holder = seat.holder ? now.get(seat.holder) : undefined;
  if (seat.holder && holder && (holder.status === 'present' || holder.status === 'substitute'))
    return `${personById(committee, seat.holder)?.name ?? 'The seat’s holder'} is present, so no substitute can fill their seat (${seat.represents}).`;
  const other = [...now.values()].find(
    (m) => m.status === 'substitute' && m.seatId === seat.id && m.personId !== personId,
  );
  if (other)
    return `${personById(committee, other.personId)?.name ?? 'Someone'} is already substituting in that seat (${seat.represents}).`;
  return undefined;
}
