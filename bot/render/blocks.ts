import { letterResolutions, PLACEHOLDER, romanPoints, type MeetingRecord, type RecordLine } from '../domain/record';

/**
 * The minutes as a sequence of typed blocks in reading order: every renderer (Markdown, HTML, Word)
 * walks the same list, so the three can never disagree about what the minutes say.
 */
export type Block =
  | { kind: 'stamp'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'chair'; text: string }
  | { kind: 'section'; text: string }
  | { kind: 'people'; lines: RecordLine[] }
  | { kind: 'minuteTitle'; text: string; exempt: boolean }
  | { kind: 'paragraph'; text: string; placeholder?: boolean }
  | { kind: 'outcome'; text: string }
  | { kind: 'listItem'; text: string }
  | { kind: 'signature'; times?: string; date: string }
  | { kind: 'table'; title: string; header: string[]; rows: string[][] };

/** How far the minutes have got: until they are confirmed, every copy says DRAFT. */
export type RecordState = 'draft' | 'confirmed';

export function recordBlocks(r: MeetingRecord, state: RecordState): Block[] {
  const blocks: Block[] = [
    ...(state === 'draft' ? [{ kind: 'stamp' as const, text: 'DRAFT' }] : []),
    { kind: 'heading', text: r.heading },
  ];
  if (r.chairLine) blocks.push({ kind: 'chair', text: r.chairLine });
  const people = (title: string, lines: RecordLine[], always = false) => {
    if (!lines.length && !always) return;
    blocks.push({ kind: 'section', text: title }, { kind: 'people', lines });
  };
  people('PRESENT', r.present, true);
  people('Officers', r.officers);
  people('Also in attendance', r.alsoInAttendance);
  people('Apologies', r.apologies);
  for (const m of r.minutes) {
    blocks.push({ kind: 'minuteTitle', text: `${m.number}. ${m.title}`, exempt: !!m.exempt });
    for (const p of m.paragraphs)
      blocks.push({ kind: 'paragraph', text: p, ...(p === PLACEHOLDER ? { placeholder: true } : {}) });
    if (m.pointsIntro) blocks.push({ kind: 'paragraph', text: m.pointsIntro });
    for (const p of romanPoints(m.points)) blocks.push({ kind: 'listItem', text: p });
    if (m.outcome) {
      blocks.push({ kind: 'outcome', text: `${m.outcome.heading}:` });
      for (const lettered of letterResolutions(m.outcome.resolutions)) {
        // A resolution with a list under it: one line each, as the papers print the future dates.
        const [first, ...list] = lettered.split('\n');
        blocks.push({ kind: m.outcome.resolutions.length === 1 ? 'paragraph' : 'listItem', text: first as string });
        for (const line of list) blocks.push({ kind: 'paragraph', text: line });
      }
    }
    if (m.chairLineAfter) blocks.push({ kind: 'chair', text: m.chairLineAfter });
  }
  blocks.push({ kind: 'signature', ...(r.times ? { times: r.times } : {}), date: r.date });
  if (r.actionLog.length)
    blocks.push({
      kind: 'table',
      title: `Action Log as at ${r.date}`,
      header: ['No.', 'Date', 'Action', 'Responsible Officer', 'Comments', 'Status'],
      rows: r.actionLog.map((a) => [a.no, a.date, a.action, a.responsibleOfficer, a.comments, a.status]),
    });
  return blocks;
}
