import { z } from 'zod';
import { PackSchema, ReportSchema } from './agendaPack';
import { IdSchema, IsoInstantSchema, PapersUrlSchema, shortText } from './common';

/** The agenda's limit, as the meeting document enforces it: checked before writing, so it is never broken. */
export const MAX_AGENDA_ITEMS = 200;

/** Schedule 12A Part 1 has seven paragraphs of exempt information. */
export const ExemptParagraphSchema = z.number().int().min(1).max(7);

/** An agenda item's own id: where it is addressed (API and cards), whatever its number becomes. */
export const AgendaItemIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'an item id is lower-case letters, digits and dashes');

const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'item';

/**
 * Gives every item without an id one made from its title, unique in the agenda ("other-business",
 * "safer-communities-performance-2"). Kept from then on, so moving or removing other items never
 * changes which item an id names. Items stored before ids existed get theirs when next read.
 */
export function withItemIds<T extends { title: string; id?: string }>(items: readonly T[]): (T & { id: string })[] {
  const taken = new Set(items.map((i) => i.id).filter((id): id is string => !!id));
  return items.map((i) => {
    if (i.id) return i as T & { id: string };
    const base = slug(i.title);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { ...i, id };
  });
}

export const AgendaItemSchema = z
  .object({
    id: AgendaItemIdSchema,
    number: z.number().int().min(1).max(200),
    title: shortText(300),
    /** Which standing item this is, so it keeps its place when the agenda is edited. */
    standing: z
      .enum([
        'introductions',
        'apologies',
        'minutes',
        'matters-arising',
        'action-log',
        'declarations',
        'other-business',
        'next-meeting',
      ])
      .optional(),
    presenter: shortText(500).optional(),
    kind: z.enum(['oral', 'written', 'presentation']).default('oral'),
    papers: z
      .object({
        /** "3 - 10", as the agenda prints "(Pages 3 - 10)". */
        pages: z
          .string()
          .regex(/^\d+( - \d+)?$/, 'must be a page or a range like "3 - 10"')
          .optional(),
        links: z.array(z.object({ title: shortText(200), url: PapersUrlSchema }).strict()).default([]),
        /** The report, uploaded once; the pages above are the pack's, never typed. */
        report: ReportSchema.optional(),
        /** The pages are in this supplementary pack, not the agenda pack. */
        supplement: z.number().int().min(1).optional(),
        /** The pages are in part 2, the members-only pack of exempt reports. */
        part2: z.boolean().optional(),
      })
      .strict()
      .optional(),
    note: shortText(1000).optional(),
    /** Someone besides the clerks whom the clerk allows to upload this item's report (its presenter). */
    uploader: IdSchema.optional(),
    exempt: z
      .object({
        paragraph: ExemptParagraphSchema,
        reason: shortText(500).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const MeetingStatusSchema = z.enum(['scheduled', 'agenda-published', 'in-progress', 'closed', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const MeetingSchema = z
  .object({
    id: IdSchema,
    committeeId: IdSchema,
    startsAt: IsoInstantSchema,
    endsAt: IsoInstantSchema.optional(),
    venue: z
      .object({
        kind: z.enum(['teams', 'in-person', 'hybrid']),
        /** "Microsoft Teams", "County Hall, Glenfield" */
        name: shortText(200),
        joinUrl: z.string().url().optional(),
      })
      .strict(),
    status: MeetingStatusSchema.default('scheduled'),
    /** Minute numbers run on across meetings; the record starts here. */
    firstMinuteNumber: z.number().int().min(1).optional(),
    /** The Teams meeting, once it is known (from the calendar, or its first event). */
    teams: z
      .object({
        joinUrl: z.string().url().optional(),
        chatId: z.string().min(1).max(300).optional(),
        organizerId: z.string().min(1).max(100).optional(),
        onlineMeetingId: z.string().min(1).max(300).optional(),
        /** The calendar event Quorum booked, in the organiser's calendar. */
        eventId: z.string().min(1).max(300).optional(),
        /** Whether Quorum has been added to the meeting's chat (so it hears the meeting start). */
        installed: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Where the roll-call card was posted, so it can be updated for everyone as marks come in. */
    rollCall: z
      .object({
        reference: z.record(z.unknown()),
        activityId: z.string().min(1),
        /** Written by earlier versions; whether the meeting was told it is quorate is now the roll's (rollState.ts). */
        quorate: z.boolean().optional(),
        startedAt: IsoInstantSchema,
        /** The Teams user ids of the chair, vice-chair and clerks, as known when the roll call was posted. */
        chairUserIds: z.array(z.string().min(1).max(300)).max(60).optional(),
        /** The Teams meeting's own id (from its start event): where in-meeting notifications go. */
        teamsMeetingId: z.string().min(1).max(500).optional(),
      })
      .strict()
      .optional(),
    /** When and how the agenda went out: the notice it gave, and the reason if it was late. */
    publication: z
      .object({
        circulationId: z.string().min(1),
        publishedAt: IsoInstantSchema,
        by: IdSchema,
        clearDays: z.number().int().min(0),
        urgentReason: shortText(1000).optional(),
        /** The ids of the items as published, so a supplementary agenda sends only what is new. */
        items: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    /** A circulation set for later, which the timer sends when its time comes. */
    scheduledPublication: z
      .object({ at: IsoInstantSchema, by: IdSchema, urgentReason: shortText(1000).optional() })
      .strict()
      .optional(),
    supplements: z
      .array(
        z
          .object({
            circulationId: z.string().min(1),
            at: IsoInstantSchema,
            by: IdSchema,
            reason: shortText(1000),
            /** The ids of the items it sent (a move later cannot make it name another item). */
            items: z.array(z.string()),
            /** A revised agenda: every item again, after the clerk confirmed renumbering a published agenda. */
            revision: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    /** The agenda pack and the supplementary packs built so far, oldest first. */
    packs: z.array(PackSchema).default([]),
    /** When the meeting actually began and closed, as the minutes print them ("10.00 - 11.35 am"). */
    held: z
      .object({ startedAt: IsoInstantSchema, endedAt: IsoInstantSchema.optional() })
      .strict()
      .refine((h) => !h.endedAt || Date.parse(h.endedAt) > Date.parse(h.startedAt), {
        message: 'the meeting must close after it began',
        path: ['endedAt'],
      })
      .optional(),
    /** The agenda item in progress, set by the chair during the meeting. */
    currentItem: z.number().int().min(1).optional(),
    agenda: z.preprocess(
      (items) =>
        Array.isArray(items) && items.every((i) => typeof i === 'object' && i !== null && typeof i.title === 'string')
          ? withItemIds(items as { title: string; id?: string }[])
          : items,
      z
        .array(AgendaItemSchema)
        .max(MAX_AGENDA_ITEMS, `an agenda can have at most ${MAX_AGENDA_ITEMS} items`)
        .default([]),
    ),
  })
  .strict()
  .superRefine((m, ctx) => {
    m.agenda.forEach((item, i) => {
      if (item.number !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['agenda', i, 'number'],
          message: `agenda items must be numbered 1, 2, 3… in order; expected ${i + 1}`,
        });
    });
    if (m.endsAt && Date.parse(m.endsAt) <= Date.parse(m.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  });
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingInput = z.input<typeof MeetingSchema>;

/** Meetings sort by their real instant, not by the text of their offset. */
export function byStart(a: Pick<Meeting, 'startsAt'>, b: Pick<Meeting, 'startsAt'>): number {
  return Date.parse(a.startsAt) - Date.parse(b.startsAt);
}

export function hasFinished(m: Pick<Meeting, 'startsAt' | 'endsAt' | 'status'>, now: Date): boolean {
  if (m.status === 'closed' || m.status === 'cancelled') return true;
  // Without a recorded end, a meeting is over at the end of its day: boards rarely run past lunch.
  const end = m.endsAt ? Date.parse(m.endsAt) : Date.parse(m.startsAt) + 12 * 3600_000;
  return now.getTime() > end;
}
