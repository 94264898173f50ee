import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

/** The names people know a card's inputs by. */
const LABELS: Record<string, string> = {
  status: 'The status',
  comment: 'The comment',
  text: 'The action',
  fromMinute: 'The agenda item',
  responsible: 'The responsible people',
  nature: 'The nature of the interest',
  category: 'The kind of interest',
  participation: 'Whether you stay',
  considered: 'What the meeting considered',
  points: 'The points noted',
  resolutions: 'The resolutions',
  outcome: 'The outcome',
  guestName: 'The guest’s name',
  title: 'The title',
  presenter: 'The presenter',
  pages: 'The pages',
  link: 'The link',
  reason: 'The reason',
  items: 'The agenda items',
};

/** A message someone wrote for people (a sentence), as opposed to the validator's own wording. */
const written = (m: string) => /^[A-Z“"]/.test(m) && /[.!?]$/.test(m);

/**
 * What a refused card input says: the schema's own sentence where it has one, otherwise the rule in
 * words ("The comment can be at most 2,000 characters."), never the validator's text ("Expected
 * number, received nan").
 */
export function cardInputWords(issue: ZodIssue | undefined): string {
  if (!issue) return 'Something in the card could not be read.';
  if (written(issue.message)) return issue.message;
  const label = LABELS[String(issue.path[0] ?? '')] ?? 'One of the answers';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined' || issue.received === 'null') return `${label} is missing.`;
      if (issue.expected === 'number') return `${label} must be a number.`;
      return `${label} could not be read.`;
    case 'too_big':
      return issue.type === 'string'
        ? `${label} can be at most ${Number(issue.maximum).toLocaleString('en-GB')} characters.`
        : `${label} is too large.`;
    case 'too_small':
      return issue.type === 'string' && Number(issue.minimum) <= 1
        ? `${label} must be filled in.`
        : `${label} is too short.`;
    case 'invalid_enum_value':
      return `${label} must be one of: ${issue.options.join(', ')}.`;
    default:
      return `${label} is not valid.`;
  }
}

/**
 * The one parse of a card's submission, for every card action: its data as the schema reads it, or
 * what to answer. A value someone typed that breaks a rule (one of `typed`) is said in words, with what
 * was not done; anything else (a card tampered with, or from an older version) gets `malformed`.
 */
export function readCard<T>(
  schema: ZodType<T, ZodTypeDef, unknown>,
  data: unknown,
  opts: { typed: readonly string[]; nothingDone: string; malformed: string },
): { ok: true; value: T } | { ok: false; answer: string } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  const typed = issues.every((i) => opts.typed.includes(String(i.path[0])));
  return { ok: false, answer: typed ? `${cardInputWords(issues[0])} ${opts.nothingDone}` : opts.malformed };
}
