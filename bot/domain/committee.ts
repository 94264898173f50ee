import { z } from 'zod';
import { IdSchema, shortText } from './common';
import { PersonSchema } from './person';

/**
 * Which body of law the committee runs under. It decides who counts as present (a formal English
 * council committee counts only people in the room) and the notice rules.
 */
export const RegimeSchema = z.enum(['england-lga-1972', 'wales-lg-2021', 'partnership-terms-of-reference']);
export type Regime = z.infer<typeof RegimeSchema>;

/** Terms of reference §5 style rules for who may stand in for a seat. */
export const SubstituteRuleSchema = z
  .object({
    kind: z.enum([
      'none',
      /** "another elected member from that Authority" */
      'elected-member-same-authority',
      /** "any other member of that CSP Strategy Group / that authority" */
      'member-of-same-body',
      /** "any other appropriate officer" */
      'appropriate-officer',
    ]),
    /** The words of the terms of reference, shown to members when a substitute is refused. */
    text: shortText(500),
    /** People the clerk has named in advance as acceptable substitutes for this seat. */
    named: z.array(IdSchema).default([]),
  })
  .strict();
export type SubstituteRule = z.infer<typeof SubstituteRuleSchema>;

export const SeatSchema = z
  .object({
    id: IdSchema,
    /** What the minutes print beside the holder's name under PRESENT. */
    represents: shortText(300),
    /** The partner agency the seat counts for in the quorum rule. */
    agency: shortText(200),
    holder: IdSchema.optional(),
    kind: z.enum(['member', 'observer']).default('member'),
    voting: z
      .object({
        general: z.boolean(),
        /** ToR §7: only the responsible authorities vote on the Community Safety Agreement (asterisked seats). */
        communitySafetyAgreement: z.boolean(),
      })
      .strict(),
    substitutes: SubstituteRuleSchema,
  })
  .strict();
export type Seat = z.infer<typeof SeatSchema>;

export const QuorumRuleSchema = z
  .object({
    minVotingMembers: z.number().int().min(1).max(200),
    minAgencies: z.number().int().min(1).max(200),
  })
  .strict();
export type QuorumRule = z.infer<typeof QuorumRuleSchema>;

export const NoticeRuleSchema = z
  .object({
    clearDays: z.number().int().min(0).max(30),
    excludeWeekends: z.boolean(),
    excludeBankHolidays: z.boolean(),
    /** date-holidays region for bank holidays: GB-ENG, GB-WLS, GB-SCT, GB-NIR. */
    holidayRegion: z.enum(['GB-ENG', 'GB-WLS', 'GB-SCT', 'GB-NIR']),
  })
  .strict();
export type NoticeRule = z.infer<typeof NoticeRuleSchema>;

/** When officers are chased for action-log updates, in working days before the meeting. */
export const ChaserRuleSchema = z
  .object({
    firstReminderWorkingDays: z.number().int().min(1).max(30),
    secondReminderWorkingDays: z.number().int().min(1).max(30),
  })
  .strict()
  .refine((r) => r.secondReminderWorkingDays < r.firstReminderWorkingDays, {
    message: 'the second reminder must come closer to the meeting than the first',
  });

export const InterestCategoriesSchema = z.enum(['localism-act-2011', 'personal-prejudicial']);

export const OfficerSchema = z
  .object({
    person: IdSchema,
    role: shortText(200).optional(),
  })
  .strict();

const CommitteeBaseSchema = z
  .object({
    id: IdSchema,
    name: shortText(200),
    shortName: shortText(40),
    regime: RegimeSchema,
    timeZone: z.literal('Europe/London').default('Europe/London'),
    notice: NoticeRuleSchema,
    quorum: QuorumRuleSchema,
    interestCategories: InterestCategoriesSchema.default('localism-act-2011'),
    /** How Quorum books the committee's Teams meetings. */
    calendar: z
      .object({
        /** Whose calendar holds the meetings: a service mailbox or the clerk (UPN or Entra object id); the booking clerk's by default. */
        organizer: shortText(200).optional(),
        durationMinutes: z.number().int().min(15).max(600).default(120),
        venue: shortText(200).default('Microsoft Teams'),
      })
      .strict()
      .optional(),
    /** Reports planned for coming meetings (the forward plan): they go on each new agenda. */
    forwardPlan: z
      .array(
        z
          .object({
            title: shortText(300),
            presenter: shortText(500).optional(),
            kind: z.enum(['oral', 'written', 'presentation']).optional(),
            meetingId: IdSchema.optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    /** The agenda's last line, under the officer to contact: the department and its address. */
    papersFooter: shortText(500).optional(),
    /** Printed after the chair's invitation every time: "It was noted that all members who were also members of a District …". */
    declarationsNote: shortText(1000).optional(),
    chasers: ChaserRuleSchema.default({ firstReminderWorkingDays: 10, secondReminderWorkingDays: 3 }),
    people: z
      .array(PersonSchema)
      .min(1, 'a committee needs at least one person')
      .max(1000, 'a committee can have at most 1,000 people'),
    seats: z
      .array(SeatSchema)
      .min(1, 'a committee needs at least one seat')
      .max(500, 'a committee can have at most 500 seats'),
    officers: z.array(OfficerSchema).max(500, 'a committee can have at most 500 officers').default([]),
    chair: IdSchema.optional(),
    viceChair: IdSchema.optional(),
    /** Democratic services officers who own the committee. */
    clerks: z.array(IdSchema).min(1, 'a committee needs at least one clerk'),
    /** The committee's Teams channel or group chat, where the agenda is posted (set by the clerk's "post agendas here"). */
    channel: z
      .object({ conversationReference: z.record(z.unknown()), name: shortText(200).optional() })
      .strict()
      .optional(),
    /** The committee's files in SharePoint (its Teams channel's Files tab), where drafts of the minutes go. */
    files: z
      .object({
        driveId: z.string().min(1).max(200),
        folder: z
          .string()
          .max(400)
          .regex(/^[^\\:*?"<>|]*$/, 'a folder path without \\ : * ? " < > |'),
        /** Who can open that folder: only members may be given the full minutes with exempt items. */
        audience: z.enum(['members', 'public']).default('public'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Every person reference must name someone in `people`; ids must be unique. */
export const CommitteeSchema = CommitteeBaseSchema.superRefine((c, ctx) => {
  const ids = new Set<string>();
  c.people.forEach((p, i) => {
    if (ids.has(p.id))
      ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate person id "${p.id}"` });
    ids.add(p.id);
  });
  const aad = new Map<string, number>();
  c.people.forEach((p, i) => {
    if (!p.aadObjectId) return;
    const key = p.aadObjectId.toLowerCase();
    if (aad.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['people', i, 'aadObjectId'],
        message: `the same Entra object id is given to two people`,
      });
    aad.set(key, i);
  });
  const ref = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !ids.has(id))
      ctx.addIssue({ code: 'custom', path, message: `no person with id "${id}" in people` });
  };
  const seatIds = new Set<string>();
  c.seats.forEach((s, i) => {
    if (seatIds.has(s.id))
      ctx.addIssue({ code: 'custom', path: ['seats', i, 'id'], message: `duplicate seat id "${s.id}"` });
    seatIds.add(s.id);
    ref(s.holder, ['seats', i, 'holder']);
    s.substitutes.named.forEach((n, j) => ref(n, ['seats', i, 'substitutes', 'named', j]));
    if (s.kind === 'observer' && (s.voting.general || s.voting.communitySafetyAgreement))
      ctx.addIssue({ code: 'custom', path: ['seats', i, 'voting'], message: 'an observer seat cannot vote' });
  });
  c.officers.forEach((o, i) => ref(o.person, ['officers', i, 'person']));
  ref(c.chair, ['chair']);
  ref(c.viceChair, ['viceChair']);
  c.clerks.forEach((k, i) => ref(k, ['clerks', i]));
});

export type Committee = z.infer<typeof CommitteeSchema>;
export type CommitteeInput = z.input<typeof CommitteeSchema>;
