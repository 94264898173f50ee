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
    comments: z.string().max(4000).default(''),
    status: ActionStatusSchema,
    fromMeetingId: IdSchema.optional(),
    /** The agenda item of that meeting it arose from; its minute number follows once the record is made. */
    fromAgendaItem: z.number().int().min(1).optional(),
    fromMinute: z.number().int().min(1).optional(),
    /** A report this action asks for, due at that meeting: it goes on that meeting's draft agenda. */
    reportTo: IdSchema.optional(),
    history: z.array(ActionUpdateSchema).default([]),
  })
  .strict();
export type Action = z.infer<typeof ActionSchema>;
export type ActionInput = z.input<typeof ActionSchema>;
