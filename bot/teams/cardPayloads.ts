import { z } from 'zod';
import { IdSchema, shortText } from '../domain/common';

/**
 * What Quorum's card buttons send back (Action.Execute `data`). Anything can arrive here, crafted or
 * stale, so each verb's payload is parsed strictly and then re-checked against the store.
 */
export const ApologyDraftSchema = z
  .object({
    committeeId: IdSchema,
    personId: IdSchema,
    /** The substitute as the member wrote them; resolved again when a meeting is picked. */
    substitute: shortText(120).optional(),
    /** A substitute @mentioned in Teams, already known by id. */
    substituteId: IdSchema.optional(),
    reason: shortText(500).optional(),
    onBehalf: z.boolean().default(false),
  })
  .strict();
export type ApologyDraft = z.infer<typeof ApologyDraftSchema>;

export const ApologyPickSchema = ApologyDraftSchema.extend({ meetingId: IdSchema }).strict();
export type ApologyPick = z.infer<typeof ApologyPickSchema>;

export const ApologyConfirmSchema = z
  .object({
    /**
     * Idempotency key: the response's id, so a retried submission records once. Not called `key`:
     * Teams clients write their own `key` onto action data.
     */
    submissionId: z.string().uuid(),
    committeeId: IdSchema,
    meetingId: IdSchema,
    personId: IdSchema,
    substituteId: IdSchema.optional(),
    reason: shortText(500).optional(),
    onBehalf: z.boolean().default(false),
  })
  .strict();
export type ApologyConfirm = z.infer<typeof ApologyConfirmSchema>;

export const ApologyWithdrawSchema = z
  .object({
    submissionId: z.string().uuid(),
    committeeId: IdSchema,
    meetingId: IdSchema,
    personId: IdSchema,
    /** The apology being withdrawn: if it has changed since the card was sent, we say so. */
    apologyId: IdSchema,
  })
  .strict();
export type ApologyWithdraw = z.infer<typeof ApologyWithdrawSchema>;

export const EmptyPayloadSchema = z.object({}).passthrough();
