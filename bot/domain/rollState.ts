import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from './common';
import { AttendanceMarkSchema, type Apology, type AttendanceMark, type Response } from './responses';

/**
 * A meeting's roll as it stands, kept beside the append-only responses it is folded from: each
 * person's latest attendance mark and latest apology, and nothing older. One small document per
 * meeting, bounded by who is on the committee rather than by how long the meeting has run, so an
 * "I'm here" reads and writes the same few kilobytes whether it is the first tap or the 150th.
 * The responses stay the record (the minutes are built from them); this is only how the roll is read
 * quickly, and it can always be rebuilt from them.
 */
/** A person's latest mark, with only what the roll needs (the whole mark stays in the responses). */
const RollMarkSchema = z
  .object({
    id: IdSchema,
    by: IdSchema,
    at: IsoInstantSchema,
    status: AttendanceMarkSchema.shape.status,
    seatId: IdSchema.optional(),
    item: z.number().int().min(1).optional(),
    guestName: shortText(120).optional(),
    remote: z.literal(true).optional(),
  })
  .strict();

/** A person's latest apology: whether it stands and who substitutes (never the reason). */
const RollApologySchema = z
  .object({
    id: IdSchema,
    at: IsoInstantSchema,
    substituteId: IdSchema.optional(),
    withdrawn: z.literal(true).optional(),
  })
  .strict();
type Dated = { id: string; at: string };

export const RollStateSchema = z
  .object({
    /** The meeting's id. */
    id: IdSchema,
    committeeId: IdSchema,
    meetingId: IdSchema,
    /** Each person's latest attendance mark, by person id. */
    attendance: z.record(z.string(), RollMarkSchema),
    /** Each person's latest apology document, by person id: a withdrawal too, so older ones stay masked. */
    apologies: z.record(z.string(), RollApologySchema),
    /**
     * The ids of the declarations made (a handful a meeting): any new one changes the roll, so anyone
     * watching it sees it, even one recorded in the same instant as another.
     */
    declarations: z.array(IdSchema).max(5000).default([]),
    /** Whether the meeting was last told it is quorate; absent until the roll call is posted. */
    quorate: z.boolean().optional(),
  })
  .strict();
export type RollState = z.infer<typeof RollStateSchema>;

export const emptyRoll = (committeeId: string, meetingId: string): RollState => ({
  id: meetingId,
  committeeId,
  meetingId,
  attendance: {},
  apologies: {},
  declarations: [],
});

/** The later of two documents, as every reader orders them: by time, then by id. */
const later = (a: { recordedAt: string; id: string }, b: Dated | undefined) =>
  !b || a.recordedAt > b.at || (a.recordedAt === b.at && a.id > b.id);

/**
 * The roll with one more response folded in. Order does not matter and folding twice changes nothing,
 * so a retry, a race between two instances or a rebuild from the history all agree.
 */
export function foldResponse(roll: RollState, r: Response): RollState {
  if (r.kind === 'attendance') {
    if (r.withdrawn || !later(r, roll.attendance[r.personId])) return roll;
    const mark = {
      id: r.id,
      by: r.recordedBy,
      at: r.recordedAt,
      status: r.status,
      ...(r.seatId ? { seatId: r.seatId } : {}),
      ...(r.atAgendaItem ? { item: r.atAgendaItem } : {}),
      ...(r.guestName ? { guestName: r.guestName } : {}),
      ...(r.remote ? { remote: true as const } : {}),
    };
    return { ...roll, attendance: { ...roll.attendance, [r.personId]: mark } };
  }
  if (r.kind === 'apology') {
    if (!later(r, roll.apologies[r.personId])) return roll;
    const apology = {
      id: r.id,
      at: r.recordedAt,
      ...(r.substituteId ? { substituteId: r.substituteId } : {}),
      ...(r.withdrawn ? { withdrawn: true as const } : {}),
    };
    return { ...roll, apologies: { ...roll.apologies, [r.personId]: apology } };
  }
  if (r.kind === 'declaration')
    return roll.declarations.includes(r.id) ? roll : { ...roll, declarations: [...roll.declarations, r.id].sort() };
  return roll;
}

/** Whether a response changes the roll at all (agenda receipts do not). */
export const foldsIntoRoll = (r: Response) => r.kind !== 'receipt';

/**
 * A withdrawn attendance mark reinstates whatever the person's mark was before it, which the roll no
 * longer holds: the roll is then rebuilt from the history rather than folded.
 */
export const needsRebuild = (r: Response) => r.kind === 'attendance' && r.withdrawn;

/** The roll built from a meeting's whole history. */
export function rollFrom(committeeId: string, meetingId: string, history: readonly Response[]): RollState {
  return history.reduce(foldResponse, emptyRoll(committeeId, meetingId));
}

/** The marks that count, in the shape the quorum and roster rules take. */
export const rollMarks = (roll: RollState): AttendanceMark[] =>
  Object.entries(roll.attendance).map(([personId, m]) => ({
    id: m.id,
    committeeId: roll.committeeId,
    meetingId: roll.meetingId,
    personId,
    recordedBy: m.by,
    recordedAt: m.at,
    kind: 'attendance',
    status: m.status,
    withdrawn: false,
    remote: m.remote ?? false,
    ...(m.seatId ? { seatId: m.seatId } : {}),
    ...(m.item ? { atAgendaItem: m.item } : {}),
    ...(m.guestName ? { guestName: m.guestName } : {}),
  }));

/** Live apologies (withdrawals left out), in the shape the roster rules take; reasons are never here. */
export const rollApologies = (roll: RollState): Apology[] =>
  Object.entries(roll.apologies)
    .filter(([, a]) => !a.withdrawn)
    .map(([personId, a]) => ({
      id: a.id,
      committeeId: roll.committeeId,
      meetingId: roll.meetingId,
      personId,
      recordedBy: personId,
      recordedAt: a.at,
      kind: 'apology',
      withdrawn: false,
      onBehalf: false,
      ...(a.substituteId ? { substituteId: a.substituteId } : {}),
    }));
