import { z } from 'zod';
import { GuidSchema, IdSchema, shortText } from './common';

/**
 * A person as the minutes print them. `name` is the exact printed form ("Cllr. L. Phillimore",
 * "Mrs D. Taylor CC", "Inspector Duncan Southall"): the papers are not consistent about honorifics,
 * so we never rebuild a name from parts.
 */
export const PersonSchema = z
  .object({
    id: IdSchema,
    name: shortText(120),
    honorific: shortText(40).optional(),
    /** The organisation the person works for or sits for, as printed under "Officers". */
    organisation: shortText(200),
    /** Elected members can substitute for elected members; officers for officers. */
    elected: z.boolean().default(false),
    /** Entra ID object id: how an incoming Teams activity is matched to this person. */
    aadObjectId: GuidSchema.optional(),
    email: z.string().email().optional(),
    /** As the agenda prints the officer to contact: "0116 305 2583". */
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+() -]{6,25}$/, 'must be a telephone number like 0116 305 2583')
      .optional(),
    jobTitle: shortText(200).optional(),
  })
  .strict();

export type Person = z.infer<typeof PersonSchema>;
