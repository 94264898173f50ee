import type { MeetingRecord } from '../domain/record';
import { recordBlocks, type RecordState } from './blocks';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const STYLE = `body{font-family:Arial,Helvetica,sans-serif;max-width:52em;margin:2em auto;line-height:1.4;color:#111}
h1{font-size:1.05em}table.people td{padding:0 2em 0.2em 0;vertical-align:top}h2{font-size:1em;margin-top:1.4em}
h3{font-size:1em;margin:1.4em 0 0.4em}.chair{font-weight:bold}.placeholder{color:#a00;font-style:italic}
ol.plain{list-style:none;padding-left:1.5em}.signature{margin-top:2em}table.log{border-collapse:collapse;font-size:0.9em}
table.log th,table.log td{border:1px solid #555;padding:0.3em;vertical-align:top}
.stamp{font-weight:bold;letter-spacing:0.2em;color:#a00;text-align:right}`;

export function renderHtml(record: MeetingRecord, state: RecordState): string {
  const body: string[] = [];
  let list = false;
  const closeList = () => {
    if (list) body.push('</ol>');
    list = false;
  };
  for (const b of recordBlocks(record, state)) {
    if (b.kind !== 'listItem') closeList();
    switch (b.kind) {
      case 'stamp':
        body.push(`<p class="stamp">${esc(b.text)}</p>`);
        break;
      case 'heading':
        body.push(`<h1>${esc(b.text)}</h1>`);
        break;
      case 'chair':
        body.push(`<p class="chair">${esc(b.text)}</p>`);
        break;
      case 'section':
        body.push(`<h2>${esc(b.text)}</h2>`);
        break;
      case 'people':
        body.push(
          '<table class="people">',
          ...b.lines.map((l) => `<tr><td>${esc(l.name)}</td><td>${esc(l.body)}</td></tr>`),
          '</table>',
        );
        break;
      case 'minuteTitle':
        body.push(`<h3>${esc(b.text)}${b.exempt ? ' <small>(exempt)</small>' : ''}</h3>`);
        break;
      case 'paragraph':
        body.push(`<p${b.placeholder ? ' class="placeholder"' : ''}>${esc(b.text)}</p>`);
        break;
      case 'outcome':
        body.push(`<p><strong>${esc(b.text)}</strong></p>`);
        break;
      case 'listItem':
        if (!list) body.push('<ol class="plain">');
        list = true;
        body.push(`<li>${esc(b.text)}</li>`);
        break;
      case 'signature':
        body.push(
          `<p class="signature">${b.times ? `${esc(b.times)}<br>` : ''}${esc(b.date)}</p>`,
          '<p class="signature">CHAIRMAN</p>',
        );
        break;
      case 'table':
        body.push(
          `<h2>${esc(b.title)}</h2>`,
          '<table class="log"><thead><tr>',
          ...b.header.map((h) => `<th>${esc(h)}</th>`),
          '</tr></thead><tbody>',
          ...b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`),
          '</tbody></table>',
        );
        break;
    }
  }
  closeList();
  const title = esc(record.heading.replace(/\.$/, ''));
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
