import { exemptPlaceholder, exemptUnder } from '../domain/agenda';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime } from '../domain/londonTime';
import type { Meeting } from '../domain/meeting';
import { esc, STYLE } from './html';

/**
 * The papers page the agenda card's "Open papers" opens: the agenda as the pack prints it, with each
 * item's papers. Exempt items are listed by title only, and only for people entitled to know of them;
 * anyone else sees the item's number and the law that keeps it private, so the numbering has no gap.
 */
export function renderAgendaHtml(committee: Committee, meeting: Meeting, mayKnowExempt: boolean): string {
  const rows = meeting.agenda.map((i) => {
    if (i.exempt && !mayKnowExempt)
      return `<tr><td>${i.number}.</td><td><em>${esc(exemptPlaceholder(i.exempt.paragraph))}</em></td><td></td></tr>`;
    if (i.exempt)
      return `<tr><td>${i.number}.</td><td>${esc(i.title)} <small>(exempt: ${esc(exemptUnder(i.exempt.paragraph))})</small></td><td></td></tr>`;
    const links = (i.papers?.links ?? []).map((l) => `<br><a href="${esc(l.url)}">${esc(l.title)}</a>`).join('');
    const presenter = i.presenter ? `<br><small>${esc(i.presenter)}</small>` : '';
    return `<tr><td>${i.number}.</td><td>${esc(i.title)}${presenter}${links}</td><td>${i.papers?.pages ? `Pages ${esc(i.papers.pages)}` : ''}</td></tr>`;
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
<h2>AGENDA</h2>
${late}<table class="log"><thead><tr><th>Item</th><th></th><th>Report</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
