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
    `\\b(?:can${Q}?t|cannot|can not|won${Q}?t|will not|wont|unable to|not able to|shan${Q}?t|not going to|couldn${Q}?t|could not)\\s+(?:be\\s+able\\s+to\\s+)?(?:make|attend|come|join|do|get to|dial in|be (?:there|at|present|in attendance|joining|attending|coming))\\b`,
    `\\b(?:won${Q}?t|will not|can${Q}?t|cannot) be (?:there|attending|at|joining|coming|present|available)\\b`,
    `\\b(?:have|need|going|got) to miss\\b`,
    `\\bgive (?:[\\w'’]+\\s+){0,3}a miss\\b`,
    `\\b(?:i${Q}ll|i will|i${Q}m going to|so will|and will) (?:have to )?miss\\b`,
    `\\bdouble[- ]?booked\\b`,
    `\\bnot (?:be )?in attendance\\b`,
    `\\bput me down as (?:apologies|apols|absent)\\b`,
    `\\bnot (?:be )?(?:attending|coming|joining)\\b`,
    `\\bsend(?:ing)? (?:my )?(?:apologies|apols|regrets)\\b`,
  ].join('|'),
);
const APOLS = `(?:apolog(?:y|ies)|apols)`;
/** An apology withdrawn in so many words: it wins over anything else in the message. */
const WITHDRAW = new RegExp(
  [
    `\\b(?:withdraw|cancel|scrap|retract|ignore|disregard|remove|forget|scratch|scrub|strike|undo|delete|drop)\\s+(?:(?:my|the|those|these|that|earlier|previous|last|sent)\\s+){0,3}${APOLS}\\b`,
    `\\b(?:take|remove|strike)\\s+(?:me|my name)\\s+(?:off|from)\\s+(?:the\\s+)?(?:list of\\s+)?${APOLS}`,
    `\\b${APOLS}\\s+(?:withdrawn|cancelled|no longer (?:needed|required|necessary))\\b`,
    `\\bno (?:need for|longer sending|longer need|longer any need for) (?:my |any )?${APOLS}`,
    `\\bno ${APOLS} (?:from me|needed|required|necessary)\\b`,
    `\\b(?:don${Q}?t|do not|please don${Q}?t) (?:record|worry about|send|note) (?:my |the )?${APOLS}`,
    `\\b(?:update|amend) the ${APOLS}\\b`,
  ].join('|'),
);
/** Attending after all: a withdrawal, unless the message also says they cannot come. */
const CAN_COME_AFTER_ALL = new RegExp(
  [
    // "I can make it" alone is too common in chat; it withdraws only with a sign of a change of plan.
    `\\b(?:actually|good news|plans have changed|change of plan|update|turns out|my (?:clash|meeting|other meeting|leave|diary)|happy to confirm|diary has cleared|back from leave|(?:ignore|disregard) my (?:earlier|previous|last) (?:email|message|note))\\b.*\\b(?:can|will|${Q}ll|am able to|able to|be able to) (?:now )?(?:make it|make|attend|come|join|be there|be at|be attending)\\b`,
    `\\b(?:can|will|${Q}ll|am able to|able to|be able to) (?:now )?(?:make it|make|attend|come|join|be there|be at|be attending)\\b.*\\b(?:after all|now)\\b`,
    `\\b(?:i${Q}ll|i will|i can|i am able to|able to|i${Q}m (?:now )?able to) (?:now )?(?:be there|attend|make it|come|join)\\b.*\\bafter all\\b`,
    `\\bafter all\\b`,
    `\\b(?:i${Q}m|i am) (?:now )?(?:free|able to (?:attend|come|make it|join))\\b.*\\b(?:now|after all|${APOLS})\\b`,
    `\\bi${Q}ll be there\\b.*\\b${APOLS}\\b`,
    `\\b${APOLS}\\b.*\\bi${Q}ll be there\\b`,
  ].join('|'),
);
/** "apologies for the late reply": sorry for something that is not a meeting. */
const APOLOGY_FOR_SOMETHING_ELSE =
  /\bapolog\w*(?: in advance)?(?: again)? (?:for|about|if|in advance|re) (?:the |my |this |that |any |a |all )?(?:late|delay|delayed|slow|confusion|typo|typos|mistake|error|errors|inconvenience|short notice|interruption|noise|spam|double|cross[- ]?post|long|length|previous|last|earlier|wrong|misunderstanding|radio silence|silence|brevity|not replying|missing your|missed call|formatting|this|that|being)\b|\bapolog\w*,? (?:wrong|i meant|my mistake|ignore that|that was)\b|\bwrong (?:chat|group|channel|thread|person)\b|\b(?:report|papers?|figures|slides|it|this|that|document) (?:won[’']?t|will not|isn[’']?t|is not|wasn[’']?t) (?:be )?(?:ready|finished|available)\b/;
/** The speaker's own absence, in the first person. */
const OWN_ABSENCE = new RegExp(
  `\\bmy (?:apolog|apols|regrets)|\\bi (?:can${Q}?t|cannot|won${Q}?t|will not|am unable|shan${Q}?t|will miss|have to miss)|\\bi${Q}m (?:away|on leave|unable|not able)|\\bsend(?:ing)? my\\b|\\b(?:have|need|going) to (?:send|give)\\b`,
);

/** About other people's apologies, not the speaker's own: reminders, chasing, deadlines, questions. */
const OTHERS_APOLOGIES =
  /\b(?:remind|chase|chasing|ask|asking|tell)\b.{0,40}\bsend (?:their |in )?apologies\b|\bdeadline for apologies\b|\bwho (?:has|have) sent apologies\b|\b(?:did|has|have) (?!i\b|to\b)[\w. ]{1,40} sen[dt] (?:their |his |her |any )?apologies\b|\bapologies reminders?\b|\bsend apologies reminders?\b/;
const MEETING_WORD = /\b(meeting|board|committee|session|partnership|group|panel|forum|call)\b/;
const NEXT_MEETING = /\bnext (?:meeting|board|committee|session|one|lscsb)\b/;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ORDINAL_DAY = /\b(?:on |for )?(?:the )?(\d{1,2})(?:st|nd|rd|th)\b/;
const REASON = new RegExp(
  `\\b(?:due to|because(?: of)?|owing to|as i${Q}?m|as i am|as i will be|as i${Q}ll be|as i have|as i${Q}ve|i${Q}m (?:on|at|away|off|unwell|ill|in)|i am (?:on|at|away|off|unwell|ill|in)|on (?:annual )?leave|annual leave|on holiday|unwell|off sick|(?:a )?clash(?:es)? with|prior (?:commitment|engagement))\\b`,
);

const NAME = `((?:[\\p{L}\\p{M}\\w.'’–-]+\\s+){0,6}[\\p{L}\\p{M}\\w.'’-]+)`;
/** What a substitute does, in the many ways members put it. */
const STANDS_IN = `(?:attend(?:ing)?(?: instead)?|com(?:e|ing)(?: along)?|stand(?:ing)? in|deputis(?:e|ing)|deputiz(?:e|ing)|substitut(?:e|ing)|sub|go(?:ing)?(?: instead)?|join(?:ing)?|represent(?:ing)?|cover(?:ing)?|present(?:ing)?|be there|be attending|be going|be coming|be representing|be deputising)`;
const SUBSTITUTE_PATTERNS = [
  new RegExp(
    `${NAME}\\s+(?:will|is going to|${Q}ll|shall|is to|can|has (?:kindly )?agreed to|have agreed to|is able to|has said (?:she|he|they)${Q}?ll|is happy to)\\s+(?:be\\s+)?${STANDS_IN}`,
    'u',
  ),
  new RegExp(
    `${NAME}\\s+(?:is|are)\\s+(?:attending|coming|going|covering|deputising|deputizing|standing in|representing|substituting)`,
    'u',
  ),
  new RegExp(`${NAME}\\s+(?:is|will be)\\s+(?:my|a)\\s+(?:substitute|sub|deputy|stand-in|replacement)`, 'u'),
  new RegExp(
    `\\b(?:my\\s+)?(?:substitute|sub|deputy|replacement|stand-in)\\s+(?:will be|is|would be|:)\\s*${NAME}`,
    'u',
  ),
  new RegExp(`\\bsend(?:ing)?\\s+${NAME}\\s+(?:in my place|instead|for me|as my (?:substitute|deputy|sub))`, 'u'),
  new RegExp(`\\bsend(?:ing)?\\s+(?:my|a) (?:deputy|colleague|substitute|sub|replacement|stand-in),?\\s+${NAME}`, 'u'),
  new RegExp(`\\basked\\s+${NAME}\\s+to\\s+(?:attend|go|come|cover|stand in|deputise|represent)`, 'u'),
  new RegExp(`${NAME}\\s+to\\s+(?:attend|substitute|deputise|stand in)\\s+(?:for me|in my place|on my behalf)`, 'u'),
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
  'colleague',
  'deputy',
  'substitute',
  'sending',
  'send',
  'sorry',
  'hi',
  'hello',
  'dear',
  'good',
  'morning',
  'afternoon',
  'evening',
  'unfortunately',
  'afraid',
  'regards',
  'thanks',
  'many',
  'just',
  'can',
  'cannot',
  'can’t',
  "can't",
  'will',
]);

/** A name ends where what is said about them starts: "Tim from our team", "Rani Mahal from the OPCC". */
const AFTER_NAME = /\s+(?:from|of|at|who|for|in|on)\s.*$/u;

/** Abbreviations that end in a full stop inside a name ("Insp. Southall", "M. Wyatt"). */
const NAME_ABBREVIATION =
  /^(?:[a-z]|insp|cllr|mr|mrs|ms|dr|supt|sgt|det|ds|di|dc|pc|st|ch|cc|col|capt|prof|rev|revd)\.$/i;

/** Lower-case words that belong inside a name ("Ursula von der Leyen", "Ali bin Hassan"). */
const NAME_PARTICLE = /^(?:de|del|della|der|van|von|da|di|du|le|la|bin|al|ap|ab|y)$/;

function cleanName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let words = raw.split(/\s+/).filter(Boolean);
  // "… but I will be there": the one doing it is the speaker (or someone unnamed), not a substitute.
  if (/^(?:i|we|you|he|she|they|it|who|someone|somebody|anyone)$/i.test(words[words.length - 1] ?? ''))
    return undefined;
  // A dash or a clause before the name ("for the 4th – Rani Mahal") is not part of it.
  const lastBreak = words
    .map((w, i) => (/^[–-]$/.test(w) || /[,;:]$/.test(w) ? i : -1))
    .reduce((a, b) => Math.max(a, b), -1);
  if (lastBreak >= 0 && lastBreak < words.length - 1) words = words.slice(lastBreak + 1);
  // A word ending a sentence ("I'm unwell. Carol Parker will…") is not part of the name after it.
  const lastSentenceEnd = words
    .map((w, i) => (/[.!?]$/.test(w) && !NAME_ABBREVIATION.test(w) ? i : -1))
    .reduce((a, b) => Math.max(a, b), -1);
  if (lastSentenceEnd >= 0 && lastSentenceEnd < words.length - 1) words = words.slice(lastSentenceEnd + 1);
  const notName = (w: string) =>
    NOT_NAME.has(w.toLowerCase().replace(/[.,;:!?]+$/, '')) || /^\d/.test(w) || MONTHS.test(w) || /^i[’']/i.test(w);
  // As written, a name is a run of capitalised words (titles and initials included): the first such
  // run is the person ("so Matt Cane", "Rani Mahal from the OPCC", "my colleague Emma Riley").
  const capitalised = (w: string) => /^\p{Lu}/u.test(w) && !notName(w);
  const first = words.findIndex(capitalised);
  if (first >= 0) {
    let end = first + 1;
    while (end < words.length && (/^\p{Lu}/u.test(words[end] as string) || NAME_PARTICLE.test(words[end] as string)))
      end++;
    while (end > first + 1 && NAME_PARTICLE.test(words[end - 1] as string)) end--;
    const name = words
      .slice(first, end)
      .join(' ')
      .replace(/[.,;:!?]+$/, (m) => (NAME_ABBREVIATION.test(words[end - 1] as string) ? m : ''));
    return name.length >= 2 ? name : undefined;
  }
  // Typed all in lower case: what is left once the words that are never names are trimmed.
  words = words.join(' ').replace(AFTER_NAME, '').split(' ').filter(Boolean);
  while (words.length && notName(words[0] as string)) words.shift();
  while (words.length && NOT_NAME.has((words[words.length - 1] as string).toLowerCase())) words.pop();
  const name = words.join(' ').replace(/[.,;:]+$/, '');
  return name.length >= 2 && /\p{L}/u.test(name) ? name : undefined;
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
  // Words chrono reads as "today" that never name a meeting: greetings, "now" (as in "I can come now"),
  // times of day, and vague spans ("a couple of minutes", "a few days").
  const parsed = chrono.en.GB.parse(lower, ref, { forwardDate: true }).find(
    (r) =>
      !/^(?:(?:right |just )?now|today|this (?:morning|afternoon|evening)|morning|afternoon|evening|tonight|good (?:morning|afternoon|evening))$/.test(
        r.text.trim(),
      ) && !/\b(?:minutes?|hours?|seconds?|a few days|a couple of)\b/.test(r.text),
  );
  if (parsed) {
    const start = parsed.start;
    if (start.isCertain('day')) return { kind: 'day', date: day(start.date()) };
    // "Thursday 10th": the day of the month, where a weekday is given beside it.
    if (ordinal && start.isCertain('weekday')) {
      const n = Number(ordinal[1]);
      for (let i = 0; i < 62; i++) {
        const d = addDays(ref, i);
        if (d.getDate() === n) return { kind: 'day', date: day(d) };
      }
    }
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

/** Words every such body's name has: a name is known by the others ("the Rutland partnership"). */
const GENERIC_NAME_WORDS = new Set(
  'safer safe communities community strategy strategic board partnership committee group forum panel the of and for'.split(
    ' ',
  ),
);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The committee a message names: its short name, its full name, or its own words followed by one of its
 * kind ("the Rutland partnership", "Leicestershire board") — the last only when it names one committee.
 */
function committeeIn(lower: string, committees: readonly CommitteeName[]): string | undefined {
  const words = (s: string) => new RegExp(`\\b${escapeRe(s.toLowerCase())}\\b`);
  const exact = committees.find((c) => words(c.shortName).test(lower) || lower.includes(c.name.toLowerCase()));
  if (exact) return exact.id;
  const byOwnWords = committees.filter((c) => {
    const name = c.name.toLowerCase().split(/\s+/);
    const own = name.filter((w) => !GENERIC_NAME_WORDS.has(w));
    const kind = name.filter((w) => GENERIC_NAME_WORDS.has(w) && !['the', 'of', 'and', 'for'].includes(w));
    if (!own.length || !kind.length) return false;
    return new RegExp(
      `\\b${own.map(escapeRe).join('\\s+')}(?:\\s+[\\w'’-]+){0,2}\\s+(?:${kind.map(escapeRe).join('|')})\\b`,
    ).test(lower);
  });
  return byOwnWords.length === 1 ? byOwnWords[0]?.id : undefined;
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

/** The first MAX_MESSAGE_CHARS of a message, cut at the end of a sentence where there is one. */
export function topOf(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) return text;
  const top = text.slice(0, MAX_MESSAGE_CHARS);
  const end = Math.max(top.lastIndexOf('. '), top.lastIndexOf('\n'));
  return end > MAX_MESSAGE_CHARS / 2 ? top.slice(0, end + 1) : top;
}

/**
 * The text dates are read from: a forwarded email's header lines ("Date: …", "Sent: …") carry when it
 * was sent, not when the meeting is, so they are left out (its "Subject:" stays: it names the meeting).
 */
function forDates(text: string): string {
  return text
    .replace(/^\s*(?:date|sent|from|to|cc)\s*:.*$/gim, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
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
  // A long email is read from its top, where the apology nearly always is (the caller says the rest was not read).
  const trimmed = topOf(text).trim().replace(/\s+/g, ' ');
  if (!trimmed) return undefined;
  const lower = trimmed.toLowerCase();

  const withdraw = WITHDRAW.test(lower) || (CAN_COME_AFTER_ALL.test(lower) && !CANNOT_ATTEND.test(lower));
  const named = capture(trimmed, lower, SUBSTITUTE_PATTERNS);
  const when = whenOf(forDates(topOf(text)), today);
  // Someone named to go in their place, for a meeting, is an apology even without the word.
  const standIn = named !== undefined && (when.kind !== 'next' || MEETING_WORD.test(lower));
  const apology = APOLOGY_WORD.test(lower) || CANNOT_ATTEND.test(lower) || standIn;
  if (!withdraw && !apology) return undefined;
  if (!withdraw && OTHERS_APOLOGIES.test(lower) && !OWN_ABSENCE.test(lower)) return undefined;

  const committeeId = committeeIn(lower, committees);
  const onBehalf = capture(trimmed, lower, ON_BEHALF_PATTERNS);

  if (!withdraw) {
    const explicit = CANNOT_ATTEND.test(lower) || onBehalf !== undefined;
    if (APOLOGY_FOR_SOMETHING_ELSE.test(lower) && !explicit) return undefined;
    // "Apologies" alone with nothing about a meeting is more often manners than absence.
    const aboutAMeeting =
      explicit ||
      standIn ||
      when.kind !== 'next' ||
      when.said ||
      committeeId !== undefined ||
      MEETING_WORD.test(lower) ||
      /^(?:apols|apologies|my apologies)[.!]?$/.test(lower) ||
      // "Apologies – annual leave": the word first, then why they cannot come.
      (/^(?:apols|apologies|my apologies)\b/.test(lower) && REASON.test(lower));
    if (!aboutAMeeting) return undefined;
  } else if (APOLOGY_FOR_SOMETHING_ELSE.test(lower)) {
    return undefined;
  }

  const substitute = withdraw ? undefined : named;
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
