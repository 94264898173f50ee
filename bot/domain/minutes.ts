import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from './common';

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
 * What an outcome must hold, as the papers write them: RESOLVED and AGREED record decisions, each
 * "That …" ("That the report be noted"); NOTED records what was noted, in any words. Says what is
 * wrong in a sentence for the clerk, or nothing.
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
  const loose = resolutions.find((r) => !/^That\b/.test(r.trim()));
  if (!loose) return undefined;
  const shown = loose.length > 60 ? `${loose.slice(0, 60)}…` : loose;
  return `Under ${heading} each resolution is a decision beginning “That …” (for example “That the report be noted.”); “${shown}” is not. Write it as a decision, or put it under NOTED or in what the meeting considered.`;
}

export const MinutesDraftSchema = z
  .object({
    id: IdSchema,
    committeeId: IdSchema,
    meetingId: IdSchema,
    items: z.array(MinuteTextSchema).max(200, 'minutes can have at most 200 items').default([]),
    /** "subject to an amendment that …", for the confirmation of the previous meeting's minutes. */
    previousMinutesAmendment: shortText(2000).optional(),
    updatedAt: IsoInstantSchema,
    updatedBy: IdSchema,
  })
  .strict();
export type MinutesDraft = z.infer<typeof MinutesDraftSchema>;

export const minutesDraftId = (meetingId: string) => `${meetingId}-minutes`;
