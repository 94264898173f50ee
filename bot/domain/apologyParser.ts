import * as chrono from 'chrono-node';
import { addDays, endOfMonth, format, isBefore, startOfDay, startOfWeek } from 'date-fns';
import { inLondon } from './londonTime';

/**
 * Which meeting a member means, as far as their words say. Dates are London calendar days
 * ("2026-12-04"); the resolver matches them against real meetings.
 */
export type MeetingWhen =
  /** A calendar day the member named: "4 December", "tomorrow", "the 29th". */
  | { kind: 'day'; date: string }
  /** A weekday: the nearer date first. "next Friday" is ambiguous in British usage, so both dates count. */
  | { kind: 'weekday'; dates: readonly [string, string]; ambiguous: boolean }
  /** "next week", "in December". */
  | { kind: 'range'; from: string; to: string }
  /** "the next meeting", or nothing said at all. */
  | { kind: 'next'; said: boolean };

export interface ApologyIntent {
  action: 'apologise' | 'withdraw';
  when: MeetingWhen;
  /** The committee the member named, by id. */
  committeeId?: string;
  /** The substitute as the member wrote them ("Insp. Southall"). */
  substitute?: string;
  /** Private to the clerk. */
  reason?: string;
  /** For a clerk recording someone else's apologies: "record apologies from Cllr. M. Wyatt". */
  onBehalfOf?: string;
}

/** Longer than any apology or command Quorum reads. */
export const MAX_MESSAGE_CHARS = 2000;

export interface CommitteeName {
  id: string;
  name: string;
  shortName: string;
}

const Q = `['’]`;
const APOLOGY_WORD = /\b(apolog(?:y|ies|ise|ize|ising|izing)|apols|apols\.|regrets)\b/;
const CANNOT_ATTEND = new RegExp(
  [
    `\\b(?:can${Q}?t|cannot|can not|won${Q}?t|will not|wont|unable to|not able to|shan${Q}?t|not going to|couldn${Q}?t|could not)\\s+(?:be\\s+able\\s+to\\s+)?(?:make|attend|come|join|get to|dial in|be (?:there|at|present|in attendance|joining|attending|coming))\\b`,
    `\\b(?:won${Q}?t|will not|can${Q}?t|cannot) be (?:there|attending|at|joining|coming|present|available)\\b`,
    `\\b(?:have|need|going|got) to miss\\b`,
    `\\b(?:i${Q}ll|i will|i${Q}m going to) (?:have to )?miss\\b`,
    `\\bnot (?:be )?(?:attending|coming|joining)\\b`,
    `\\bsend(?:ing)? (?:my )?(?:apologies|apols|regrets)\\b`,
  ].join('|'),
);
const WITHDRAW = new RegExp(
  [
    `\\b(?:withdraw|cancel|scrap|retract|ignore|disregard|remove) (?:my |the )?(?:apologies|apology|apols)\\b`,
    // "I can make it" alone is too common in chat; it withdraws only with a sign of a change of plan.
    `\\b(?:actually|now|good news|plans have changed|change of plan)\\b.*\\bcan (?:now )?(?:make it|attend|come|be there)\\b`,
    `\\bcan (?:now )?(?:make it|attend|come|be there)\\b.*\\b(?:after all|now)\\b`,
    `\\b(?:i${Q}ll|i will|i can|i am able to|able to) (?:be there|attend|make it|come) after all\\b`,
    `\\bi${Q}ll be there\\b`,
  ].join('|'),
);
/** "apologies for the late reply": sorry for something that is not a meeting. */
const APOLOGY_FOR_SOMETHING_ELSE =
  /\bapolog\w*(?: again)? (?:for|about|if|in advance|re) (?:the |my |this |that |any |a |all )?(?:late|delay|delayed|slow|confusion|typo|typos|mistake|error|errors|inconvenience|short notice|interruption|noise|spam|double|cross[- ]?post|long|length|previous|last|earlier|wrong|misunderstanding|radio silence|silence|brevity|not replying|missing your|missed call|formatting|this|that|being)\b|\bapolog\w*,? (?:wrong|i meant|my mistake|ignore that|that was)\b|\bwrong (?:chat|group|channel|thread|person)\b/;
const MEETING_WORD = /\b(meeting|board|committee|session|partnership|group|panel|forum|call)\b/;
const NEXT_MEETING = /\bnext (?:meeting|board|committee|session|one|lscsb)\b/;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ORDINAL_DAY = /\b(?:on |for )?the (\d{1,2})(?:st|nd|rd|th)\b/;
const REASON = new RegExp(
  `\\b(?:due to|because(?: of)?|owing to|as i${Q}?m|as i am|as i will be|as i${Q}ll be|as i have|as i${Q}ve|i${Q}m (?:on|at|away|off|unwell|ill|in)|i am (?:on|at|away|off|unwell|ill|in)|on (?:annual )?leave|on holiday|unwell|off sick)\\b`,
);

const NAME = `((?:[\\w.'’-]+\\s+){0,3}[\\w.'’-]+)`;
const SUBSTITUTE_PATTERNS = [
  new RegExp(
    `${NAME}\\s+(?:will|is going to|${Q}ll|shall|is to|can|has agreed to|is able to)\\s+(?:be\\s+)?(?:attend(?:ing)?|com(?:e|ing)|stand(?:ing)? in|deputis(?:e|ing)|deputiz(?:e|ing)|substitut(?:e|ing)|sub|go|join|represent(?:ing)? (?:me|us))`,
  ),
  new RegExp(`${NAME}\\s+(?:is|will be)\\s+(?:my|a)\\s+(?:substitute|sub|deputy|stand-in|replacement)`),
  new RegExp(`\\b(?:my\\s+)?(?:substitute|sub|deputy|replacement|stand-in)\\s+(?:will be|is|would be|:)\\s*${NAME}`),
  new RegExp(`\\bsend(?:ing)?\\s+${NAME}\\s+(?:in my place|instead|for me|as my (?:substitute|deputy|sub))`),
  new RegExp(`${NAME}\\s+to\\s+(?:attend|substitute|deputise|stand in)\\s+(?:for me|in my place|on my behalf)`),
];
const ON_BEHALF_PATTERNS = [
  new RegExp(
    `\\b(?:record|log|note|register|add|enter)\\s+(?:an?\\s+)?(?:apolog(?:y|ies)|apols)\\s+(?:from|on behalf of)\\s+${NAME}`,
  ),
  new RegExp(`\\b(?:apolog(?:y|ies)|apols)\\s+(?:received\\s+)?from\\s+${NAME}`),
];
const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(uary|ruary|ch|il|e|y|ust|tember|ober|ember)?[.,]?$/i;
/** Words that are never part of a person's name, trimmed from the front of a captured name. */
const NOT_NAME = new Set([
  ...WEEKDAYS,
  ...WEEKDAYS.map((d) => `${d}'s`),
  ...WEEKDAYS.map((d) => `${d}’s`),
  'for',
  'on',
  'the',
  'and',
  'but',
  'so',
  'i',
  'my',
  'me',
  'apologies',
  'apols',
  'apology',
  'please',
  'meeting',
  'board',
  'tomorrow',
  'today',
  'next',
  'week',
  'however',
  'instead',
  'hopefully',
  'that',
  'who',
  'sadly',
  'unfortunately',
  'though',
  'also',
  'in',
  'to',
  'a',
  'of',
  'at',
]);

/** Abbreviations that end in a full stop inside a name ("Insp. Southall", "M. Wyatt"). */
const NAME_ABBREVIATION =
  /^(?:[a-z]|insp|cllr|mr|mrs|ms|dr|supt|sgt|det|ds|di|dc|pc|st|ch|cc|col|capt|prof|rev|revd)\.$/i;

function cleanName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let words = raw.split(/\s+/).filter(Boolean);
  // A word ending a sentence ("I'm unwell. Carol Parker will…") is not part of the name after it.
  const lastSentenceEnd = words
    .map((w, i) => (/[.!?]$/.test(w) && !NAME_ABBREVIATION.test(w) ? i : -1))
    .reduce((a, b) => Math.max(a, b), -1);
  if (lastSentenceEnd >= 0 && lastSentenceEnd < words.length - 1) words = words.slice(lastSentenceEnd + 1);
  const notName = (w: string) => NOT_NAME.has(w.toLowerCase()) || /^\d/.test(w) || MONTHS.test(w);
  while (words.length && notName(words[0] as string)) words.shift();
  while (words.length && NOT_NAME.has((words[words.length - 1] as string).toLowerCase())) words.pop();
  const name = words.join(' ').replace(/[.,;:]+$/, '');
  return name.length >= 2 && /[a-z]/i.test(name) ? name : undefined;
}

/** Runs the pattern on the lower-cased text and returns the capture from the original, keeping its case. */
function capture(text: string, lower: string, patterns: RegExp[]): { value: string; index: number } | undefined {
  for (const p of patterns) {
    const m = p.exec(lower);
    if (!m || m[1] === undefined) continue;
    const start = m.index + m[0].indexOf(m[1]);
    const value = cleanName(text.slice(start, start + m[1].length));
    if (value) return { value, index: start };
  }
  return undefined;
}

const day = (d: Date) => format(d, 'yyyy-MM-dd');

function whenOf(lower: string, today: Date): MeetingWhen {
  const london = inLondon(today);
  const ref = new Date(london.getFullYear(), london.getMonth(), london.getDate(), 9, 0);
  if (/\bnext week\b/.test(lower)) {
    const monday = startOfWeek(addDays(ref, 7), { weekStartsOn: 1 });
    return { kind: 'range', from: day(monday), to: day(addDays(monday, 6)) };
  }
  if (/\bthis week\b/.test(lower)) {
    return { kind: 'range', from: day(ref), to: day(addDays(startOfWeek(ref, { weekStartsOn: 1 }), 6)) };
  }
  const ordinal = ORDINAL_DAY.exec(lower);
  const parsed = chrono.en.GB.parse(lower, ref, { forwardDate: true })[0];
  if (parsed) {
    const start = parsed.start;
    if (start.isCertain('day')) return { kind: 'day', date: day(start.date()) };
    if (start.isCertain('weekday')) {
      const first = start.date();
      const ambiguous = /\bnext\s+(?:mon|tue|wed|thu|fri|sat|sun)/.test(lower);
      return { kind: 'weekday', dates: [day(first), day(addDays(first, 7))], ambiguous };
    }
    if (start.isCertain('month')) {
      const first = new Date(start.get('year') ?? ref.getFullYear(), (start.get('month') ?? 1) - 1, 1);
      const from = isBefore(first, startOfDay(ref)) ? ref : first;
      return { kind: 'range', from: day(from), to: day(endOfMonth(first)) };
    }
  }
  if (ordinal) {
    const n = Number(ordinal[1]);
    for (let i = 0; i < 62; i++) {
      const d = addDays(ref, i);
      if (d.getDate() === n) return { kind: 'day', date: day(d) };
    }
  }
  return { kind: 'next', said: NEXT_MEETING.test(lower) };
}

function committeeIn(lower: string, committees: readonly CommitteeName[]): string | undefined {
  const words = (s: string) => new RegExp(`\\b${s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  return committees.find((c) => words(c.shortName).test(lower) || lower.includes(c.name.toLowerCase()))?.id;
}

function reasonIn(text: string, lower: string, stopAt?: number): string | undefined {
  const m = REASON.exec(lower);
  if (!m) return undefined;
  let end = text.length;
  const sentenceEnd = /[.;!?\n]/.exec(text.slice(m.index));
  if (sentenceEnd) end = m.index + sentenceEnd.index;
  if (stopAt !== undefined && stopAt > m.index && stopAt < end) end = stopAt;
  const reason = text
    .slice(m.index, end)
    .replace(/[\s,;:-]+$/, '')
    .trim();
  return reason.length > 2 ? reason.slice(0, 500) : undefined;
}

/**
 * Reads an apology (or its withdrawal) from a chat message, deterministically: the same words
 * always give the same intent. Returns undefined for anything that is not one ("apologies for the
 * late reply", "sorry, wrong chat"): Quorum must never record apologies nobody sent.
 */
export function parseApology(
  text: string,
  today: Date,
  committees: readonly CommitteeName[] = [],
): ApologyIntent | undefined {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed || trimmed.length > MAX_MESSAGE_CHARS) return undefined;
  const lower = trimmed.toLowerCase();

  const withdraw = WITHDRAW.test(lower) && !CANNOT_ATTEND.test(lower);
  const apology = APOLOGY_WORD.test(lower) || CANNOT_ATTEND.test(lower);
  if (!withdraw && !apology) return undefined;

  const when = whenOf(lower, today);
  const committeeId = committeeIn(lower, committees);
  const onBehalf = capture(trimmed, lower, ON_BEHALF_PATTERNS);

  if (!withdraw) {
    const explicit = CANNOT_ATTEND.test(lower) || onBehalf !== undefined;
    if (APOLOGY_FOR_SOMETHING_ELSE.test(lower) && !explicit) return undefined;
    // "Apologies" alone with nothing about a meeting is more often manners than absence.
    const aboutAMeeting =
      explicit ||
      when.kind !== 'next' ||
      when.said ||
      committeeId !== undefined ||
      MEETING_WORD.test(lower) ||
      /^(?:apols|apologies|my apologies)[.!]?$/.test(lower);
    if (!aboutAMeeting) return undefined;
  } else if (APOLOGY_FOR_SOMETHING_ELSE.test(lower)) {
    return undefined;
  }

  const substitute = withdraw ? undefined : capture(trimmed, lower, SUBSTITUTE_PATTERNS);
  const reason = withdraw ? undefined : reasonIn(trimmed, lower, substitute?.index);
  return {
    action: withdraw ? 'withdraw' : 'apologise',
    when,
    ...(committeeId ? { committeeId } : {}),
    ...(substitute ? { substitute: substitute.value } : {}),
    ...(reason ? { reason } : {}),
    ...(onBehalf ? { onBehalfOf: onBehalf.value } : {}),
  };
}
