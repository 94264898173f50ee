import { z } from 'zod';

/** Ids are used in URLs and as Cosmos document ids: keep them plain. */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain only letters, digits, dots, dashes and underscores');

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2023-09-29');

/** A moment with its UTC offset, as Teams and Graph send them: 2023-09-29T10:00:00+01:00. */
/**
 * zod's own pattern for `.datetime({ offset: true })`, made once: zod builds it afresh at every check,
 * and every stored document is checked again on each read (a meeting's history holds hundreds of these).
 */
const INSTANT = z.datetimeRegex({ precision: null, offset: true, local: false });
export const IsoInstantSchema = z
  .string()
  .regex(INSTANT, 'must be a date and time with an offset, like 2023-09-29T10:00:00+01:00');

export const GuidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');

/** Free text a person typed into a card or chat. Teams allows far more; minutes and cards do not. */
export const shortText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * A link to papers: https only (http only to this machine, for the local stack), so that a link
 * printed on the public papers page can never run script (javascript:) or fetch from elsewhere.
 */
export const PapersUrlSchema = z
  .string()
  .max(1000)
  .url('must be a web address')
  // zod runs this even when .url() has failed, so a string that is no address at all must not throw here.
  .refine((u) => {
    const url = URL.canParse(u) ? new URL(u) : undefined;
    return (
      url?.protocol === 'https:' || (url?.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))
    );
  }, 'must be an https:// address');
