import { z } from 'zod';
import { IdSchema, IsoDateSchema, IsoInstantSchema, shortText } from './common';

/**
 * What the clerk writes for one agenda item: what was considered, the points noted ((i), (ii) …) and
 * the outcome with its lettered resolutions ((a) That …; (b) That …). Everything else in the minutes
 * is assembled from what Quorum already knows.
 */
export const MinuteTextSchema = z
  .object({
    itemNumber: z.number().int().min(1),
    paragraphs: z.array(shortText(6000)).max(30).default([]),
    /** "Arising from discussions the following points were noted:" */
    pointsIntro: shortText(300).optional(),
    points: z.array(shortText(4000)).max(40).default([]),
    outcome: z
      .object({
        heading: z.enum(['RESOLVED', 'AGREED', 'NOTED']),
        /** Each "That …", without its letter or the closing ";": they are added as the papers add them. */
        resolutions: z.array(shortText(2000)).min(1).max(26),
      })
      .strict()
      .optional(),
    /** "Mrs. D. Taylor CC in the Chair" is printed after this minute (the election of the chair). */
    chairTakesOver: z.boolean().default(false),
    /** For an exempt item: the written summary the public record carries instead (s.100C). */
    publicSummary: shortText(2000).optional(),
  })
  .strict();
export type MinuteText = z.infer<typeof MinuteTextSchema>;

/**
 * A decision as the papers record one: "That the report be noted", or, for an election, how it was
 * decided ("It was proposed, seconded, and AGREED that Mrs. D. Taylor CC be elected Chairman …").
 */
const DECISION =
  /^(That\b|It was (((proposed|moved),? (and )?seconded,? and )?(AGREED|RESOLVED|agreed|resolved)) that\b)/;

/**
 * What an outcome must hold, as the papers write them: RESOLVED and AGREED record decisions, each
 * "That …" ("That the report be noted") or an election's "It was proposed, seconded, and AGREED that …";
 * NOTED records what was noted, in any words. Says what is wrong in a sentence for the clerk, or nothing.
 */
export function outcomeProblem(
  heading: 'RESOLVED' | 'AGREED' | 'NOTED',
  resolutions: readonly string[],
): string | undefined {
  if (!resolutions.length)
    return heading === 'NOTED'
      ? 'NOTED needs what was noted.'
      : `${heading} needs at least one resolution, such as “That the report be noted.”`;
  if (heading === 'NOTED') return undefined;
  const loose = resolutions.find((r) => !DECISION.test(r.trim()));
  if (!loose) return undefined;
  const shown = loose.length > 60 ? `${loose.slice(0, 60)}…` : loose;
  return `Under ${heading} each resolution is a decision beginning “That …” (for example “That the report be noted.”); “${shown}” is not. Write it as a decision, or put it under NOTED or in what the meeting considered.`;
}

/**
 * The previous meeting's minutes, as this meeting dealt with them: confirmed as a correct record
 * (perhaps "subject to an amendment that …"), circulated and noted, or deferred to the next meeting.
 * `heldOn` dates a previous meeting Quorum does not hold (minutes kept on paper before Quorum).
 */
export const PreviousMinutesFields = z
  .object({
    outcome: z.enum(['confirmed', 'noted', 'deferred'], {
      errorMap: () => ({ message: 'choose confirmed, noted or deferred' }),
    }),
    amendment: shortText(2000).optional(),
    heldOn: IsoDateSchema.optional(),
  })
  .strict();
/** Only minutes confirmed carry an amendment: the rule for the stored shape and the API's body alike. */
export const amendmentOnlyIfConfirmed = <T extends z.ZodType<{ outcome: string; amendment?: string }>>(
  schema: T,
): z.ZodEffects<T> =>
  schema.refine((p) => p.outcome === 'confirmed' || !p.amendment, {
    message: 'only minutes confirmed can be confirmed subject to an amendment',
    path: ['amendment'],
  }) as z.ZodEffects<T>;
export const PreviousMinutesSchema = amendmentOnlyIfConfirmed(PreviousMinutesFields);
export type PreviousMinutes = z.infer<typeof PreviousMinutesSchema>;

/** The sentence the papers print for the previous minutes, for a meeting held on `held` ("17 March 2023"). */
export function previousMinutesSentence(p: PreviousMinutes, held: string): string {
  if (p.outcome === 'noted') return `The minutes of the meeting held on ${held} were circulated and noted.`;
  if (p.outcome === 'deferred')
    return `Consideration of the minutes of the meeting held on ${held} was deferred to the next meeting.`;
  return `The minutes of the meeting held on ${held} were taken as read and confirmed as a correct record${p.amendment ? `, subject to an amendment that ${p.amendment.trim().replace(/\.$/, '')}` : ''}.`;
}

/**
 * Resolutions as the clerk types them, one a line. A line ending in ":" opens a list ("…on the
 * following dates all at 10.00am:") whose lines, one date a line as the papers print them, belong to
 * that resolution until the next line beginning "That …".
 */
export function resolutionsFrom(typed: readonly string[]): string[] {
  const out: string[] = [];
  let listing = false;
  for (const line of typed.flatMap((t) => t.split('\n')).map((l) => l.trim())) {
    if (!line) continue;
    const last = out.length - 1;
    if (last >= 0 && (listing || out[last]!.endsWith(':')) && !/^That\b/.test(line)) {
      out[last] = `${out[last]}\n${line}`;
      listing = true;
    } else {
      out.push(line);
      listing = false;
    }
  }
  return out;
}

/** The papers' lead-in to the points noted: after a presentation, "Arising from the presentation …". */
export const pointsLeadIn = (kind: string | undefined) =>
  kind === 'presentation'
    ? 'Arising from the presentation the following points were noted:'
    : 'Arising from discussions the following points were noted:';

export const MinutesDraftSchema = z
  .object({
    id: IdSchema,
    committeeId: IdSchema,
    meetingId: IdSchema,
    items: z.array(MinuteTextSchema).max(200, 'minutes can have at most 200 items').default([]),
    /** What the meeting did with the previous meeting's minutes: printed only as recorded, never assumed. */
    previousMinutes: PreviousMinutesSchema.optional(),
    updatedAt: IsoInstantSchema,
    updatedBy: IdSchema,
  })
  .strict();
export type MinutesDraft = z.infer<typeof MinutesDraftSchema>;

export const minutesDraftId = (meetingId: string) => `${meetingId}-minutes`;
