import type { MeetingRecord } from '../domain/record';
import { recordBlocks, type RecordState } from './blocks';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(record: MeetingRecord, state: RecordState): string {
  const out: string[] = [];
  for (const b of recordBlocks(record, state)) {
    switch (b.kind) {
      case 'stamp':
        out.push(`**${b.text}**`, '');
        break;
      case 'heading':
      case 'chair':
      case 'section':
      case 'outcome':
        out.push(b.text, '');
        break;
      case 'people':
        out.push('| | |', '|--|--|', ...b.lines.map((l) => `| ${cell(l.name)} | ${cell(l.body)} |`), '');
        break;
      case 'minuteTitle':
        out.push(`**${b.text}**${b.exempt ? ' (exempt)' : ''}`, '');
        break;
      case 'paragraph':
        out.push(b.placeholder ? `*${b.text}*` : b.text, '');
        break;
      case 'listItem':
        out.push(`- ${b.text}`);
        break;
      case 'signature':
        if (out[out.length - 1] !== '') out.push('');
        out.push(...(b.times ? [b.times] : []), b.date, '', 'CHAIRMAN', '');
        break;
      case 'table':
        out.push(`**${b.title}**`, '', `| ${b.header.join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`);
        out.push(...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`), '');
        break;
    }
  }
  // A list ends with a blank line before whatever follows it.
  return out
    .join('\n')
    .replace(/(\n- [^\n]*)\n(?!- |\n)/g, '$1\n\n')
    .replace(/\n{3,}/g, '\n\n');
}
