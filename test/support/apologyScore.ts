import { parseApology, type ApologyIntent, type MeetingWhen } from '../../bot/domain/apologyParser';
import { CORPUS, type Category, type CorpusRow } from '../fixtures/apologyCorpus';

/** Tuesday 24 November 2026, 9am in London: when the corpus was written. */
export const CORPUS_TODAY = new Date('2026-11-24T09:00:00Z');
export const CORPUS_COMMITTEES = [
  { id: 'lscsb', name: 'Leicestershire Safer Communities Strategy Board', shortName: 'LSCSB' },
  { id: 'srp', name: 'Safer Rutland Partnership', shortName: 'SRP' },
];
const NEXT_MEETING: Record<string, string> = { lscsb: '2026-12-04', srp: '2026-12-10' };

/** Whether the reader's "when" leads to the meeting meant (the resolver picks the committee's next meeting for "next"). */
function leadsTo(when: MeetingWhen, day: string): boolean {
  if (when.kind === 'next') return day === 'next' || Object.values(NEXT_MEETING).includes(day);
  if (day === 'next') return false;
  if (when.kind === 'day') return when.date === day;
  if (when.kind === 'weekday') return when.dates.includes(day);
  return when.from <= day && day <= when.to;
}

/** Why the reader got a row wrong, or undefined if it got it right. */
export function wrongIn(
  row: CorpusRow,
  read: ApologyIntent | undefined = parseApology(row[0], CORPUS_TODAY, CORPUS_COMMITTEES),
): string | undefined {
  const [, category, expected] = row;
  if (category === 'not') return read ? `read as ${read.action}` : undefined;
  if (!read) return 'not read as an apology at all';
  if (read.action !== expected.action) return `read as ${read.action}`;
  if (expected.day && !leadsTo(read.when, expected.day)) return `meeting: ${JSON.stringify(read.when)}`;
  if ((expected.committee ?? read.committeeId) && read.committeeId !== expected.committee)
    return `committee: ${read.committeeId ?? 'none'}`;
  if ((read.substitute ?? expected.substitute) && read.substitute !== expected.substitute)
    return `substitute: ${read.substitute ?? 'none'}`;
  return undefined;
}

export interface Score {
  right: number;
  of: number;
}

/** Accuracy per category, on the tuned rows and on the held-out third (every third row). */
export function scoreCorpus(): { tuned: Record<Category, Score>; heldOut: Record<Category, Score>; misses: string[] } {
  const blank = (): Record<Category, Score> => ({
    apology: { right: 0, of: 0 },
    substitute: { right: 0, of: 0 },
    withdrawal: { right: 0, of: 0 },
    not: { right: 0, of: 0 },
  });
  const tuned = blank();
  const heldOut = blank();
  const misses: string[] = [];
  CORPUS.forEach((row, i) => {
    const held = i % 3 === 2;
    const score = (held ? heldOut : tuned)[row[1]];
    const wrong = wrongIn(row);
    score.of++;
    if (!wrong) score.right++;
    // Only the tuned part's misses are ever shown: the held-out third stays unseen.
    else if (!held) misses.push(`${row[1]}: ${JSON.stringify(row[0].slice(0, 120))} — ${wrong}`);
  });
  return { tuned, heldOut, misses };
}
