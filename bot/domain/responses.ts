import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from './common';

/**
 * Apologies, declarations, attendance marks and agenda receipts are append-only: a change is a new
 * document that names the one it supersedes, so the history of what each person said is never lost.
 */
const ResponseBase = {
  id: IdSchema,
  committeeId: IdSchema,
  meetingId: IdSchema,
  /** Whom the response is about. */
  personId: IdSchema,
  /** Who made it: the person, or the clerk on their behalf. */
  recordedBy: IdSchema,
  recordedAt: IsoInstantSchema,
  supersedes: IdSchema.optional(),
  /** A withdrawn response stays in history but no longer counts. */
  withdrawn: z.boolean().default(false),
};

export const ApologySchema = z
  .object({
    ...ResponseBase,
    kind: z.literal('apology'),
    substituteId: IdSchema.optional(),
    /** Private to the clerk: never printed in minutes, never logged. */
    reason: shortText(500).optional(),
    onBehalf: z.boolean().default(false),
  })
  .strict();

export const InterestCategorySchema = z.enum([
  'disclosable-pecuniary',
  'other-registrable',
  'non-registrable',
  'personal',
  'prejudicial',
]);

export const DeclarationSchema = z
  .object({
    ...ResponseBase,
    kind: z.literal('declaration'),
    agendaItems: z.array(z.number().int().min(1)).min(1),
    /** Declared for everything on the agenda ("employed by the CPS"), so no item is named in the minutes. */
    wholeAgenda: z.boolean().default(false),
    category: InterestCategorySchema,
    /** In the member's own words; printed verbatim. */
    nature: shortText(1000),
    participation: z.enum(['take-part', 'not-vote', 'leave']),
    sensitive: z.boolean().default(false),
  })
  .strict();

export const AttendanceMarkSchema = z
  .object({
    ...ResponseBase,
    kind: z.literal('attendance'),
    status: z.enum(['present', 'apologies', 'absent', 'substitute', 'left']),
    /** For a substitute: the seat they fill. */
    seatId: IdSchema.optional(),
    atAgendaItem: z.number().int().min(1).optional(),
    guestName: shortText(120).optional(),
    /** Marked from Teams by the person themselves rather than vouched for in the room by the chair. */
    remote: z.boolean().default(false),
  })
  .strict();

export const AgendaReceiptSchema = z
  .object({
    ...ResponseBase,
    kind: z.literal('receipt'),
    event: z.enum(['delivered', 'opened']),
  })
  .strict();

export const ResponseSchema = z.discriminatedUnion('kind', [
  ApologySchema,
  DeclarationSchema,
  AttendanceMarkSchema,
  AgendaReceiptSchema,
]);
export type Response = z.infer<typeof ResponseSchema>;
export type Apology = z.infer<typeof ApologySchema>;
export type Declaration = z.infer<typeof DeclarationSchema>;
export type AttendanceMark = z.infer<typeof AttendanceMarkSchema>;

/**
 * The responses that count now: those no later response supersedes, less the withdrawn ones.
 * History stays in the store; this is only the view.
 */
export function currentResponses<T extends Pick<Response, 'id' | 'supersedes' | 'withdrawn'>>(all: readonly T[]): T[] {
  const superseded = new Set(all.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  return all.filter((r) => !superseded.has(r.id) && !r.withdrawn);
}

/**
 * Each person's apology as it stands: the latest document of their chain, or none if that is a
 * withdrawal. Two changes racing can both supersede one document; the later one then counts.
 */
export function liveApologies(responses: readonly Response[]): Apology[] {
  const apologies = responses.filter((r): r is Apology => r.kind === 'apology');
  const superseded = new Set(apologies.flatMap((a) => (a.supersedes ? [a.supersedes] : [])));
  const heads = new Map<string, Apology>();
  for (const a of apologies) {
    if (superseded.has(a.id)) continue;
    const other = heads.get(a.personId);
    if (!other || a.recordedAt > other.recordedAt || (a.recordedAt === other.recordedAt && a.id > other.id))
      heads.set(a.personId, a);
  }
  return [...heads.values()].filter((a) => !a.withdrawn);
}
