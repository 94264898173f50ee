import { exemptPlaceholder, exemptUnder } from '../domain/agenda';
import { pageCitation } from '../domain/agendaPack';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime } from '../domain/londonTime';
import type { Meeting } from '../domain/meeting';
import { esc, STYLE } from './html';

/**
 * The papers page the agenda card's "Open papers" opens: the agenda as the pack prints it, with each
 * item's papers. Exempt items are listed by title only, and only for people entitled to know of them;
 * anyone else sees the item's number and the law that keeps it private, so the numbering has no gap.
 */
export interface PapersReader {
  /** Holds their own link: may know exempt items' titles. */
  mayKnowExempt: boolean;
  /** A member or officer: may read exempt reports and part 2. */
  mayReadExempt: boolean;
  /** Their own link's token, carried to the files so they know who is reading. */
  token?: string;
}

/** The packs the reader may open, as links: the agenda pack, its supplements, and part 2 where entitled. */
function packLinks(meeting: Meeting, reader: PapersReader, base: string, token: string): string {
  const href = (...query: string[]) => {
    const q = [...query, token].filter(Boolean).join('&');
    return `${base}/pack.pdf${q ? `?${q}` : ''}`;
  };
  const links = meeting.packs.flatMap((p) => {
    const name = p.supplement ? `Supplementary agenda No. ${p.supplement}` : 'Agenda pack';
    const which = p.supplement ? `supplement=${p.supplement}` : '';
    return [
      `<li><a href="${href(which)}">${name}</a> (PDF, ${p.public.pages} pages)</li>`,
      ...(p.exempt && reader.mayReadExempt
        ? [
            `<li><a href="${href(which, 'part=2')}">${name}: Part 2, not for publication</a> (PDF, ${p.exempt.pages} pages)</li>`,
          ]
        : []),
    ];
  });
  return links.length ? `<h2>Papers</h2><ul>${links.join('')}</ul>` : '';
}

export function renderAgendaHtml(committee: Committee, meeting: Meeting, reader: PapersReader): string {
  const { mayKnowExempt } = reader;
  const base = `/api/meetings/${encodeURIComponent(meeting.id)}`;
  const t = reader.token ? `t=${encodeURIComponent(reader.token)}` : '';
  const report = (i: Meeting['agenda'][number]) =>
    i.papers?.report && (!i.exempt || reader.mayReadExempt)
      ? `<br><a href="${base}/agenda/items/${encodeURIComponent(i.id)}/report${t ? `?${t}` : ''}">Report (PDF, ${i.papers.report.pages} page${i.papers.report.pages === 1 ? '' : 's'})</a>`
      : '';
  const rows = meeting.agenda.map((i) => {
    if (i.exempt && !mayKnowExempt)
      return `<tr><td>${i.number}.</td><td><em>${esc(exemptPlaceholder(i.exempt.paragraph))}</em></td><td></td></tr>`;
    if (i.exempt)
      return `<tr><td>${i.number}.</td><td>${esc(i.title)} <small>(exempt: ${esc(exemptUnder(i.exempt.paragraph))})</small>${report(i)}</td><td>${reader.mayReadExempt ? esc(pageCitation(i.papers)) : ''}</td></tr>`;
    const links = (i.papers?.links ?? []).map((l) => `<br><a href="${esc(l.url)}">${esc(l.title)}</a>`).join('');
    const presenter = i.presenter ? `<br><small>${esc(i.presenter)}</small>` : '';
    return `<tr><td>${i.number}.</td><td>${esc(i.title)}${presenter}${links}${report(i)}</td><td>${esc(pageCitation(i.papers))}</td></tr>`;
  });
  const late = meeting.publication?.urgentReason
    ? `<p><em>Published with less than the usual notice. The reason: ${esc(meeting.publication.urgentReason)}</em></p>`
    : '';
  const title = `${committee.name}, ${formatMeetingDateTime(meeting.startsAt)}`;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(committee.name.toUpperCase())}</h1>
<p>${esc(formatMeetingDateTime(meeting.startsAt))}<br>${esc(meeting.venue.name)}</p>
${packLinks(meeting, reader, base, t)}
<h2>AGENDA</h2>
${late}<table class="log"><thead><tr><th>Item</th><th></th><th>Pages</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
