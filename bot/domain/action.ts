import { z } from 'zod';
import { IdSchema, IsoDateSchema, IsoInstantSchema, shortText } from './common';

export const ActionStatusSchema = z.enum(['Red', 'Amber', 'Green', 'Complete', 'Removed']);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const ActionUpdateSchema = z
  .object({
    at: IsoInstantSchema,
    by: IdSchema,
    status: ActionStatusSchema,
    comment: shortText(2000).optional(),
    /** For Complete/Removed: the meeting that agreed it. */
    agreedAtMeeting: IdSchema.optional(),
    /** The card submission that made this update, so a retry is recognised. */
    submissionId: z.string().uuid().optional(),
  })
  .strict();
export type ActionUpdate = z.infer<typeof ActionUpdateSchema>;

/** Updates one action keeps (with their comments): years of fortnightly updates. */
export const MAX_ACTION_UPDATES = 250;

/** Every comment in an action's history in turn: a later comment never erases an earlier one. */
export const commentsOf = (history: readonly ActionUpdate[]) =>
  history
    .map((h) => h.comment)
    .filter((c): c is string => !!c)
    .join(' ');

export const ActionSchema = z
  .object({
    id: IdSchema,
    committeeId: IdSchema,
    /** No. in the action log, per committee. */
    number: z.number().int().min(1),
    /** An action can be raised again at later meetings: "9.12.22 17.3.23". */
    datesRaised: z.array(IsoDateSchema).min(1),
    text: shortText(2000),
    /** As the log prints them ("Gary Bee/Rik Basra"); personIds link the ones Quorum knows. */
    responsibleOfficers: z.array(shortText(120)).min(1),
    responsiblePersonIds: z.array(IdSchema).default([]),
    /**
     * The comments as the log prints them: every update's comment in turn, worked out from the
     * history on read (see below) and not stored, so it can never outgrow a limit. Stored only for an
     * action with no history (as written before Quorum kept one).
     */
    comments: z.string().default(''),
    status: ActionStatusSchema,
    fromMeetingId: IdSchema.optional(),
    /** The agenda item of that meeting it arose from; its minute number follows once the record is made. */
    fromAgendaItem: z.number().int().min(1).optional(),
    fromMinute: z.number().int().min(1).optional(),
    /** A report this action asks for, due at that meeting: it goes on that meeting's draft agenda. */
    reportTo: IdSchema.optional(),
    history: z
      .array(ActionUpdateSchema)
      .max(
        MAX_ACTION_UPDATES,
        `an action keeps at most ${MAX_ACTION_UPDATES} updates; close this one and raise a new action if the work goes on`,
      )
      .default([]),
  })
  .strict()
  .transform((a) => (a.history.length ? { ...a, comments: commentsOf(a.history) } : a));
export type Action = z.infer<typeof ActionSchema>;
export type ActionInput = z.input<typeof ActionSchema>;
