import { z } from 'zod';
import { IdSchema, PapersUrlSchema, shortText } from '../domain/common';
import { AgendaItemIdSchema } from '../domain/meeting';

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

/** Action.Execute merges the card's inputs (status, comment) into its data. */
export const ActionUpdatePayloadSchema = z
  .object({
    committeeId: IdSchema,
    actionId: IdSchema,
    submissionId: z.string().uuid(),
    status: z.enum(['Red', 'Amber', 'Green', 'Complete'], {
      errorMap: () => ({ message: 'Status must be Red, Amber, Green or Complete.' }),
    }),
    comment: z
      .string()
      .max(2000, 'A comment can be at most 2,000 characters.')
      .optional()
      .transform((c) => (c?.trim() ? c.trim() : undefined)),
  })
  .strict();
export type ActionUpdatePayload = z.infer<typeof ActionUpdatePayloadSchema>;

/** The clerk's new-action card: the item it arose from, the text, and the responsible people (comma-separated ids). */
export const ActionCreatePayloadSchema = z
  .object({
    committeeId: IdSchema,
    meetingId: IdSchema,
    submissionId: z.string().uuid(),
    fromMinute: z.coerce.number().int().min(1, 'Choose the agenda item the action arose from.'),
    text: z.string().trim().min(1, 'Say what is to be done.').max(2000, 'An action can be at most 2,000 characters.'),
    responsible: z
      .string()
      .min(1, 'Choose at least one responsible officer.')
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(IdSchema).min(1, 'Choose at least one responsible officer.')),
  })
  .strict();

export const MinutesItemPayloadSchema = z
  .object({ meetingId: IdSchema, itemNumber: z.coerce.number().int().min(1) })
  .strict();
/** A button about one meeting, where the meeting's id says everything (draft minutes, keep the roll call, view the agenda). */
export const MeetingIdPayloadSchema = z.object({ meetingId: IdSchema }).strict();

/** The minute-writing card: free text split into paragraphs, points and resolutions as the clerk typed them. */
export const MinutesSavePayloadSchema = z
  .object({
    meetingId: IdSchema,
    itemNumber: z.coerce.number().int().min(1),
    considered: z.string().max(20000, 'That is too long for one minute (20,000 characters at most).').default(''),
    points: z.string().max(20000, 'The points noted are too long (20,000 characters at most).').default(''),
    heading: z.enum(['RESOLVED', 'AGREED', 'NOTED', 'none']).default('none'),
    resolutions: z.string().max(10000, 'The resolutions are too long (10,000 characters at most).').default(''),
    /** Input.Toggle's values; absent from cards sent before the toggle existed (then left as it was). */
    chairTakesOver: z.enum(['true', 'false']).optional(),
    /** Only on the previous minutes' item: what the meeting did with them ("unrecorded" leaves it). */
    previousMinutes: z.enum(['unrecorded', 'confirmed', 'noted', 'deferred']).optional(),
    amendment: z.string().max(2000, 'The amendment is too long (2,000 characters at most).').optional(),
    heldOn: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Give the date the previous meeting was held, such as 2023-03-17.')
      .optional(),
    /** Only on an exempt item's card; absent, the summary already written is kept. */
    publicSummary: z.string().max(2000, 'The public summary is too long (2,000 characters at most).').optional(),
  })
  .strict();

/** Opening (or re-opening, prefilled) the declaration card. */
export const DeclarationFormPayloadSchema = z
  .object({
    committeeId: IdSchema,
    meetingId: IdSchema,
    /** A registered interest to prefill with. */
    registerEntryId: z.string().uuid().optional(),
    /** Amending: the declaration this one will supersede. */
    amends: IdSchema.optional(),
  })
  .strict();

/** The declaration card's inputs merged into its data. */
export const DeclarationSubmitPayloadSchema = z
  .object({
    committeeId: IdSchema,
    meetingId: IdSchema,
    submissionId: z.string().uuid(),
    amends: IdSchema.optional(),
    items: z.string().min(1, 'Choose at least one agenda item.').max(400),
    category: z.enum(['disclosable-pecuniary', 'other-registrable', 'non-registrable', 'personal', 'prejudicial'], {
      errorMap: () => ({ message: 'Choose the kind of interest.' }),
    }),
    nature: z
      .string()
      .trim()
      .min(1, 'Say what the interest is.')
      .max(1000, 'Please describe the interest in at most 1,000 characters.'),
    participation: z.enum(['take-part', 'not-vote', 'leave', '']).optional(),
    sensitive: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const DeclarationWithdrawPayloadSchema = z
  .object({ committeeId: IdSchema, meetingId: IdSchema, declarationId: IdSchema, submissionId: z.string().uuid() })
  .strict();

export const RegisterAddPayloadSchema = z
  .object({
    committeeId: IdSchema,
    nature: z
      .string()
      .trim()
      .min(1, 'Say what the interest is.')
      .max(1000, 'Please describe the interest in at most 1,000 characters.'),
    category: z.enum(['disclosable-pecuniary', 'other-registrable', 'non-registrable', 'personal', 'prejudicial'], {
      errorMap: () => ({ message: 'Choose the kind of interest.' }),
    }),
  })
  .strict();

export const RegisterRemovePayloadSchema = z.object({ committeeId: IdSchema, entryId: z.string().uuid() }).strict();

/** A button about one meeting of one committee: the roll call, the declarations invitation, the agenda. */
export const MeetingRefSchema = z.object({ committeeId: IdSchema, meetingId: IdSchema }).strict();

/** The chair's marking: from a tapped row (person, present) or the form (person, status, seat). */
export const RollCallMarkPayloadSchema = z
  .object({
    committeeId: IdSchema,
    meetingId: IdSchema,
    personId: IdSchema.optional(),
    status: z.enum(['present', 'apologies', 'absent', 'left', 'substitute'], {
      errorMap: () => ({ message: 'Choose how to mark them.' }),
    }),
    seatId: z.union([IdSchema, z.literal('')]).optional(),
    guestName: z.string().max(120).optional(),
  })
  .strict();

export const RollCallGuestPayloadSchema = z
  .object({
    committeeId: IdSchema,
    meetingId: IdSchema,
    guestName: z
      .string()
      .trim()
      .min(1, 'Type the name of the person to add.')
      .max(120, 'A name can be at most 120 characters.'),
    personId: z.string().optional(),
    status: z.string().optional(),
    seatId: z.string().optional(),
  })
  .strict();

export const AttendanceAcceptPayloadSchema = z
  .object({ meetingId: IdSchema, personId: IdSchema, status: z.enum(['present', 'absent']) })
  .strict();

/** Move and remove name the item by its own id: a stale card can never move or remove another item. */
export const AgendaMovePayloadSchema = z
  .object({
    meetingId: IdSchema,
    itemId: AgendaItemIdSchema,
    to: z.number().int().min(0).max(201),
    title: z.string().max(300),
    /** The clerk confirmed renumbering a published agenda (a revised agenda goes to everyone). */
    renumber: z.literal(true).optional(),
  })
  .strict();
export const AgendaRemovePayloadSchema = z
  .object({
    meetingId: IdSchema,
    itemId: AgendaItemIdSchema,
    title: z.string().max(300),
    renumber: z.literal(true).optional(),
  })
  .strict();

/** The card's form: its inputs arrive beside the button's data, so every input is allowed on every button. */
export const AgendaFormPayloadSchema = z
  .object({
    meetingId: IdSchema,
    title: z.string().max(300, 'A title can be at most 300 characters.').optional(),
    presenter: z.string().max(500, 'The presenter can be at most 500 characters.').optional(),
    /** Cards posted before pages came from the pack still send what was typed; it is not used. */
    pages: z.string().max(20).optional(),
    kind: z.enum(['written', 'presentation', 'oral']).optional(),
    exempt: z.enum(['none', '1', '2', '3', '4', '5', '6', '7']).optional(),
    reason: z.string().max(1000, 'The reason can be at most 1,000 characters.').optional(),
    link: z
      .union([
        z.literal(''),
        z
          .string()
          .refine(
            (u) => PapersUrlSchema.safeParse(u).success,
            'The link to the papers must be an https:// web address.',
          ),
      ])
      .optional(),
    /** Saving an edit: the item's id (and its number when the form was shown, for the message). */
    itemId: AgendaItemIdSchema.optional(),
    item: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type AgendaFormPayload = z.infer<typeof AgendaFormPayloadSchema>;

export const CalendarBookPayloadSchema = z
  .object({
    committeeId: IdSchema,
    dates: z
      .array(
        z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), time: z.string().regex(/^\d{2}:\d{2}$/) }).strict(),
      )
      .min(1)
      .max(52),
    confirmWarnings: z.boolean(),
  })
  .strict();
