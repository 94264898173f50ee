import {
  Badge,
  Button,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import { go } from '../App';
import { ApiError, call, openPdf } from '../api';
import { AttachReport, Loading, MeetingPicker, Outcome, PersonOptions, Section, useAction, useRead, when } from '../ui';
import { nextMeeting, type MeetingSummary } from '../start/meetings';

interface Item {
  /** The item's own id: its address, whatever its number becomes. */
  id: string;
  number: number;
  title: string;
  standing?: string;
  presenter?: string;
  kind: 'oral' | 'written' | 'presentation';
  papers?: {
    pages?: string;
    supplement?: number;
    part2?: boolean;
    links: { title: string; url: string }[];
    report?: { name: string; pages: number; converted: boolean; uploadedAt: string };
  };
  note?: string;
  exempt?: { paragraph: number; reason?: string };
  /** Someone besides the clerks allowed to attach this item's report. */
  uploader?: string;
}

interface AgendaState {
  meetingId: string;
  agenda: Item[];
  notice: { lastDayToPublish: string; clearDays: number; late: boolean; explanation: string };
  publication: { publishedAt: string; clearDays: number; urgentReason?: string } | null;
  pack: PackStatus;
}

interface PackStatus {
  reports: number;
  built: { at: string; pages: number; part2Pages: number | null } | null;
  stale: boolean;
  lateReports: number;
  supplements: { number: number; pages: number; part2Pages: number | null }[];
}

interface CirculationRow {
  name: string;
  status: 'pending' | 'delivered' | 'failed';
  opened: boolean;
  reason?: string;
}

type Form = {
  title: string;
  kind: Item['kind'];
  presenter: string;
  linkTitle: string;
  linkUrl: string;
  note: string;
  exemptParagraph: string;
  exemptReason: string;
  uploader: string;
};

const blank: Form = {
  title: '',
  kind: 'written',
  presenter: '',
  linkTitle: '',
  linkUrl: '',
  note: '',
  exemptParagraph: '',
  exemptReason: '',
  uploader: '',
};

const formOf = (i: Item): Form => ({
  title: i.title,
  kind: i.kind,
  presenter: i.presenter ?? '',
  linkTitle: i.papers?.links[0]?.title ?? '',
  linkUrl: i.papers?.links[0]?.url ?? '',
  note: i.note ?? '',
  exemptParagraph: i.exempt ? String(i.exempt.paragraph) : '',
  exemptReason: i.exempt?.reason ?? '',
  uploader: i.uploader ?? '',
});

/** The form as the API's item fields, and the fields emptied that must be cleared. */
function itemOf(f: Form) {
  // Pages are the pack's and the report is the upload's: the form types only a link.
  const papers = f.linkUrl.trim()
    ? { links: [{ title: f.linkTitle.trim() || 'Report', url: f.linkUrl.trim() }] }
    : undefined;
  const item = {
    title: f.title,
    kind: f.kind,
    ...(f.presenter.trim() ? { presenter: f.presenter } : {}),
    ...(papers ? { papers } : {}),
    ...(f.note.trim() ? { note: f.note } : {}),
    ...(f.uploader ? { uploader: f.uploader } : {}),
    ...(f.exemptParagraph
      ? {
          exempt: {
            paragraph: Number(f.exemptParagraph),
            ...(f.exemptReason.trim() ? { reason: f.exemptReason } : {}),
          },
        }
      : {}),
  };
  const clear = (['presenter', 'papers', 'note', 'exempt', 'uploader'] as const).filter((k) => !(k in item));
  return { item, clear };
}

/** Problems for "item.papers.links" or "set.papers.links" land on the link field. */
const fieldProblem = (fields: Record<string, string>, name: string) =>
  Object.entries(fields).find(([path]) => path.replace(/^(item|set)\./, '').startsWith(name))?.[1];

function ItemForm(props: {
  initial: Form;
  standing: boolean;
  /** The committee, whose people may be allowed to attach the report. */
  committeeId: string;
  submitLabel: string;
  onSubmit: (f: Form) => Promise<unknown>;
  onCancel?: () => void;
  fields: Record<string, string>;
  busy: boolean;
}) {
  const [f, setF] = useState(props.initial);
  // Read when the form opens, not with the agenda: the first screen draws without it.
  const committee = useRead<{ people: { id: string; name: string }[] }>(
    `committees/${encodeURIComponent(props.committeeId)}`,
  );
  const set = (k: keyof Form) => (_: unknown, d: { value: string }) => setF({ ...f, [k]: d.value });
  const p = (name: string) => fieldProblem(props.fields, name);
  return (
    <form
      noValidate
      style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit(f);
      }}
    >
      <Field label="Item title" required validationMessage={p('title')} style={{ gridColumn: '1 / -1' }}>
        <Input value={f.title} onChange={set('title')} disabled={props.standing} />
      </Field>
      <Field label="Kind" validationMessage={p('kind')}>
        <Select value={f.kind} onChange={set('kind')}>
          <option value="written">Written report</option>
          <option value="oral">Oral update</option>
          <option value="presentation">Presentation</option>
        </Select>
      </Field>
      <Field label="Presenter" hint="e.g. Rik Basra, Community Safety Coordinator" validationMessage={p('presenter')}>
        <Input value={f.presenter} onChange={set('presenter')} />
      </Field>
      <Field label="Name of the report" validationMessage={p('papers.links.0.title')}>
        <Input value={f.linkTitle} onChange={set('linkTitle')} />
      </Field>
      <Field label="Link to the report" hint="https://…" validationMessage={p('papers.links')}>
        <Input type="url" value={f.linkUrl} onChange={set('linkUrl')} />
      </Field>
      <Field label="Exempt (Schedule 12A)" validationMessage={p('exempt.paragraph')}>
        <Select value={f.exemptParagraph} onChange={set('exemptParagraph')}>
          <option value="">Not exempt</option>
          {[1, 2, 3, 4, 5, 6, 7].map((n) => (
            <option key={n} value={n}>
              Paragraph {n}
            </option>
          ))}
        </Select>
      </Field>
      {f.exemptParagraph && (
        <Field label="Why it is exempt" validationMessage={p('exempt.reason')}>
          <Input value={f.exemptReason} onChange={set('exemptReason')} />
        </Field>
      )}
      <Field
        label="Who else may attach the report"
        hint="The presenter, say: they attach it from their own Quorum"
        validationMessage={p('uploader')}
      >
        <Select value={f.uploader} onChange={set('uploader')}>
          <option value="">Only the clerks</option>
          <PersonOptions people={committee.data?.people ?? []} />
        </Select>
      </Field>
      <Field label="Note on the agenda" validationMessage={p('note')} style={{ gridColumn: '1 / -1' }}>
        <Textarea value={f.note} onChange={set('note')} />
      </Field>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" appearance="primary" disabled={props.busy}>
          {props.submitLabel}
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}

/** "Pages 3 - 10", "Part 2, Pages 3 - 6", "Supplement 1, Pages 3 - 6": where the item's report is. */
const citation = (p: Item['papers']) =>
  p?.pages
    ? [p.supplement ? `Supplement ${p.supplement}` : '', p.part2 ? 'Part 2' : '', `Pages ${p.pages}`]
        .filter(Boolean)
        .join(', ')
    : '';

/** An item's report: attach (PDF or Word), open, replace or take off. */
function ReportCell({ meetingId, item, onChange }: { meetingId: string; item: Item; onChange: () => void }) {
  const act = useAction();
  const path = `meetings/${encodeURIComponent(meetingId)}/agenda/items/${encodeURIComponent(item.id)}/report`;
  const report = item.papers?.report;
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      {report && (
        <Text size={200}>
          {report.name} · {report.pages} page{report.pages === 1 ? '' : 's'}
          {report.converted ? ' (from Word)' : ''}
        </Text>
      )}
      <AttachReport path={path} itemNumber={item.number} attached={!!report} onAttached={onChange}>
        {report && (
          <>
            <Button size="small" onClick={() => void act.run(() => openPdf(path, report.name), '')}>
              Open
            </Button>
            <Button
              size="small"
              disabled={act.busy}
              onClick={() => {
                if (window.confirm(`Take ${report.name} off item ${item.number}?`))
                  void act
                    .run(() => call('DELETE', path), `Took the report off item ${item.number}.`)
                    .then((r) => r && onChange());
              }}
            >
              Take off
            </Button>
          </>
        )}
      </AttachReport>
      <Outcome error={act.error} done={act.done || undefined} />
    </div>
  );
}

/** The agenda pack: built from the reports, its page ranges filled in on the agenda; opened here. */
function Pack({ meetingId, state, onDone }: { meetingId: string; state: AgendaState; onDone: () => void }) {
  const act = useAction();
  const base = `meetings/${encodeURIComponent(meetingId)}`;
  const { pack } = state;
  const open = (query: string, name: string) => void act.run(() => openPdf(`${base}/pack.pdf${query}`, name), '');
  return (
    <Section title="Agenda pack">
      {pack.reports === 0 && !pack.built ? (
        <Text>Attach reports to their items and Quorum builds the pack, with the page ranges on the agenda.</Text>
      ) : (
        <Text>
          {pack.built
            ? `Built ${when(pack.built.at)}: ${pack.built.pages} pages${pack.built.part2Pages ? `, and part 2 (exempt reports) ${pack.built.part2Pages} pages` : ''}.`
            : `${pack.reports} report${pack.reports === 1 ? '' : 's'} attached; the pack has not been built yet.`}{' '}
          {pack.stale && pack.built
            ? 'The agenda or a report has changed since: build it again (publishing does).'
            : ''}
          {pack.lateReports
            ? `${pack.lateReports} report${pack.lateReports === 1 ? ' has' : 's have'} been attached or replaced since publication: send a supplementary agenda to circulate ${pack.lateReports === 1 ? 'it' : 'them'}.`
            : ''}
        </Text>
      )}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {!state.publication && pack.reports > 0 && (
          <Button
            appearance={pack.stale ? 'primary' : 'secondary'}
            disabled={act.busy}
            onClick={() =>
              void act
                .run(
                  () => call<{ pages: number }>('POST', `${base}/pack`, {}),
                  (r) => `The agenda pack is built: ${r.pages} pages, with the page ranges on the agenda.`,
                )
                .then((r) => r && onDone())
            }
          >
            {act.busy ? 'Building…' : pack.built ? 'Build the pack again' : 'Build the agenda pack'}
          </Button>
        )}
        {pack.built && <Button onClick={() => open('', 'Agenda pack.pdf')}>Open the pack</Button>}
        {pack.built?.part2Pages && (
          <Button onClick={() => open('?part=2', 'Agenda pack Part 2.pdf')}>Open part 2</Button>
        )}
        {pack.supplements.map((s) => (
          <Button
            key={s.number}
            onClick={() => open(`?supplement=${s.number}`, `Supplementary agenda ${s.number}.pdf`)}
          >
            Open supplement {s.number}
          </Button>
        ))}
      </div>
      <Outcome error={act.error} done={act.done || undefined} />
    </Section>
  );
}

function Publish({ meetingId, state, onDone }: { meetingId: string; state: AgendaState; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [at, setAt] = useState('');
  const [supplementReason, setSupplementReason] = useState('');
  const act = useAction();
  const base = `meetings/${encodeURIComponent(meetingId)}/agenda`;
  if (state.publication)
    return (
      <Section title="Published">
        <Text>
          Published {when(state.publication.publishedAt)} with {state.publication.clearDays} clear days' notice
          {state.publication.urgentReason ? ` (late: ${state.publication.urgentReason})` : ''}.
        </Text>
        <form
          noValidate
          style={{ display: 'grid', gap: 8, maxWidth: 640 }}
          onSubmit={(e) => {
            e.preventDefault();
            void act
              .run(
                () => call('POST', `${base}/supplements`, { reason: supplementReason }),
                'The supplementary agenda is on its way to everyone.',
              )
              .then((r) => r && onDone());
          }}
        >
          <Field
            label="Items added, and reports attached or replaced, since publication go out as a supplementary agenda (with its own pack), with the Chairman's reason"
            validationMessage={act.fields.reason}
          >
            <Textarea value={supplementReason} onChange={(_, d) => setSupplementReason(d.value)} />
          </Field>
          <Button type="submit" disabled={act.busy}>
            Send a supplementary agenda
          </Button>
        </form>
        <Outcome error={act.error} done={act.done} />
      </Section>
    );
  return (
    <Section title="Publish and circulate">
      <Text>{state.notice.explanation}</Text>
      <Text>
        The last day to publish is{' '}
        <strong>
          {new Date(`${state.notice.lastDayToPublish}T12:00:00Z`).toLocaleDateString('en-GB', {
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
          })}
        </strong>
        .
      </Text>
      <form
        noValidate
        style={{ display: 'grid', gap: 8, maxWidth: 640 }}
        onSubmit={(e) => {
          e.preventDefault();
          const body = {
            ...(reason.trim() ? { urgentReason: reason } : {}),
            ...(at ? { at: new Date(at).toISOString().replace('Z', '+00:00') } : {}),
          };
          void act
            .run(
              () => call<{ scheduled?: boolean }>('POST', `${base}/publish`, body),
              (r) =>
                r.scheduled
                  ? 'The agenda will be published at the time you chose.'
                  : 'The agenda is published and on its way to everyone.',
            )
            .then((r) => r && onDone());
        }}
      >
        {state.notice.late && (
          <Field
            label="The agenda is late: the reason for urgency, as the Chairman gives it (recorded and printed)"
            required
            validationMessage={act.fields.urgentReason}
          >
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
          </Field>
        )}
        <Field label="Publish at a later time (leave empty to publish now)" validationMessage={act.fields.at}>
          <Input type="datetime-local" value={at} onChange={(_, d) => setAt(d.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          {at ? 'Publish at that time' : state.notice.late ? 'Publish late agenda' : 'Publish and circulate'}
        </Button>
      </form>
      <Outcome error={act.error} done={act.done} />
    </Section>
  );
}

function Circulation({ meetingId }: { meetingId: string }) {
  const report = useRead<{ totals: Record<string, number>; rows: CirculationRow[] }>(
    `meetings/${encodeURIComponent(meetingId)}/circulation`,
  );
  const act = useAction();
  if (!report.data) return report.loading ? <Loading /> : <Outcome error={report.error} />;
  const failed = report.data.rows.filter((r) => r.status === 'failed').length;
  return (
    <Section title="Circulation">
      {failed > 0 && (
        <div>
          <Button
            disabled={act.busy}
            onClick={() =>
              void act
                .run(
                  () => call<{ queued: number }>('POST', `meetings/${encodeURIComponent(meetingId)}/circulation/retry`),
                  (r) => `Sending again to ${r.queued} ${r.queued === 1 ? 'person' : 'people'}.`,
                )
                .then((r) => r && report.reload())
            }
          >
            Send again to the {failed} who could not be reached
          </Button>
          <Outcome error={act.error} done={act.done} />
        </div>
      )}
      <Text>
        {Object.entries(report.data.totals)
          .map(([k, v]) => `${v} ${k}`)
          .join(' · ')}
      </Text>
      <Table aria-label="Who has the agenda" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Person</TableHeaderCell>
            <TableHeaderCell>Sent</TableHeaderCell>
            <TableHeaderCell>Opened</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.data.rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell>{r.name}</TableCell>
              <TableCell>
                {r.status === 'failed'
                  ? `Failed: ${r.reason ?? ''}`
                  : r.status === 'pending'
                    ? 'Sending…'
                    : 'Delivered'}
              </TableCell>
              <TableCell>{r.opened ? 'Opened' : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

/** The agenda of any meeting: items in a table, edited, moved and removed; publication and circulation. */
export default function Agenda({ committeeId, meetingId }: { committeeId: string; meetingId?: string }) {
  const meetings = useRead<MeetingSummary[]>(`committees/${encodeURIComponent(committeeId)}/meetings`);
  const upcoming = (meetings.data ?? []).filter((m) => m.status !== 'cancelled');
  const chosen = meetingId ?? nextMeeting(upcoming)?.id;
  const agenda = useRead<AgendaState>(chosen ? `meetings/${encodeURIComponent(chosen)}/agenda` : undefined);
  const [editing, setEditing] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const base = chosen ? `meetings/${encodeURIComponent(chosen)}/agenda` : '';
  /**
   * A change to the agenda. A published agenda keeps its numbers: if this would renumber it, the server
   * says what would change, and only if the clerk confirms is it made (a revised agenda then goes out).
   */
  const change = async (work: (renumber: boolean) => Promise<unknown>, done: string) => {
    const r = await act.run(async () => {
      try {
        return await work(false);
      } catch (err) {
        if (
          err instanceof ApiError &&
          err.status === 409 &&
          /renumber/.test(err.message) &&
          window.confirm(err.message)
        )
          return work(true);
        throw err;
      }
    }, done);
    if (r) {
      setEditing(undefined);
      setAdding(false);
      agenda.reload();
    }
    return r;
  };

  if (meetings.loading) return <Loading />;
  if (meetings.error) return <Outcome error={meetings.error} />;
  const meeting = upcoming.find((m) => m.id === chosen);
  return (
    <>
      <MeetingPicker meetings={upcoming} value={chosen} onChange={(id) => go('c', committeeId, 'agenda', id)} />
      {meeting && (
        <Text>
          {when(meeting.startsAt)} · {meeting.venue.name}
        </Text>
      )}
      {agenda.loading && <Loading />}
      <Outcome error={agenda.error} />
      {agenda.data && chosen && (
        <>
          <Section title={`Agenda (${agenda.data.agenda.length} items)`}>
            <Outcome error={editing === undefined && !adding ? act.error : undefined} done={act.done} />
            <Table aria-label="Agenda items">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 48 }}>No.</TableHeaderCell>
                  <TableHeaderCell>Item</TableHeaderCell>
                  <TableHeaderCell style={{ width: 140 }}>Kind</TableHeaderCell>
                  <TableHeaderCell style={{ width: 260 }}>Report</TableHeaderCell>
                  <TableHeaderCell style={{ width: 110 }}>Pages</TableHeaderCell>
                  <TableHeaderCell style={{ width: 300 }}>Change</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {agenda.data.agenda.map((i, index, all) => (
                  <TableRow key={i.id}>
                    <TableCell>{i.number}</TableCell>
                    <TableCell>
                      <div>
                        <Text weight="semibold">{i.title}</Text>{' '}
                        {i.standing && <Badge appearance="outline">standing</Badge>}{' '}
                        {i.exempt && <Badge color="danger">exempt, para {i.exempt.paragraph}</Badge>}
                      </div>
                      {i.presenter && <Text size={200}>{i.presenter}</Text>}
                    </TableCell>
                    <TableCell>{i.kind}</TableCell>
                    <TableCell>
                      <ReportCell meetingId={chosen} item={i} onChange={agenda.reload} />
                    </TableCell>
                    <TableCell>{citation(i.papers)}</TableCell>
                    <TableCell>
                      <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                        <Button size="small" onClick={() => setEditing(i.number)} aria-label={`Edit item ${i.number}`}>
                          Edit
                        </Button>
                        {!i.standing && (
                          <>
                            <Button
                              size="small"
                              disabled={index === 0 || act.busy}
                              aria-label={`Move item ${i.number} up`}
                              onClick={() =>
                                void change(
                                  (renumber) =>
                                    call('POST', `${base}/items/${encodeURIComponent(i.id)}/move`, {
                                      to: i.number - 1,
                                      renumber,
                                    }),
                                  `Moved "${i.title}" up.`,
                                )
                              }
                            >
                              Up
                            </Button>
                            <Button
                              size="small"
                              disabled={index === all.length - 1 || act.busy}
                              aria-label={`Move item ${i.number} down`}
                              onClick={() =>
                                void change(
                                  (renumber) =>
                                    call('POST', `${base}/items/${encodeURIComponent(i.id)}/move`, {
                                      to: i.number + 1,
                                      renumber,
                                    }),
                                  `Moved "${i.title}" down.`,
                                )
                              }
                            >
                              Down
                            </Button>
                            <Button
                              size="small"
                              disabled={act.busy}
                              aria-label={`Remove item ${i.number}`}
                              onClick={() => {
                                if (window.confirm(`Remove item ${i.number}, "${i.title}"?`))
                                  void change(
                                    (renumber) =>
                                      call(
                                        'DELETE',
                                        `${base}/items/${encodeURIComponent(i.id)}${renumber ? '?renumber=true' : ''}`,
                                      ),
                                    `Removed "${i.title}".`,
                                  );
                              }}
                            >
                              Remove
                            </Button>
                          </>
                        )}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {editing !== undefined &&
              (() => {
                const item = agenda.data.agenda.find((i) => i.number === editing);
                if (!item) return null;
                return (
                  <Section title={`Edit item ${item.number}: ${item.title}`}>
                    <ItemForm
                      committeeId={committeeId}
                      key={editing}
                      initial={formOf(item)}
                      standing={Boolean(item.standing)}
                      submitLabel="Save item"
                      busy={act.busy}
                      fields={act.fields}
                      onCancel={() => setEditing(undefined)}
                      onSubmit={(f) => {
                        const { item: set, clear } = itemOf(f);
                        const { title: _t, ...rest } = set;
                        return change(
                          () =>
                            call('PATCH', `${base}/items/${encodeURIComponent(item.id)}`, {
                              set: item.standing ? rest : set,
                              clear,
                            }),
                          `Item ${item.number} saved.`,
                        );
                      }}
                    />
                    <Outcome error={act.error} />
                  </Section>
                );
              })()}
            {adding ? (
              <Section title="Add an item">
                <ItemForm
                  committeeId={committeeId}
                  initial={blank}
                  standing={false}
                  submitLabel="Add to the agenda"
                  busy={act.busy}
                  fields={act.fields}
                  onCancel={() => setAdding(false)}
                  onSubmit={(f) =>
                    change(() => call('POST', `${base}/items`, { item: itemOf(f).item }), `Added "${f.title}".`)
                  }
                />
                <Outcome error={act.error} />
              </Section>
            ) : (
              <div>
                <Button appearance="primary" onClick={() => (setAdding(true), act.clear())}>
                  Add an item
                </Button>
              </div>
            )}
          </Section>
          <Pack meetingId={chosen} state={agenda.data} onDone={agenda.reload} />
          <Publish meetingId={chosen} state={agenda.data} onDone={agenda.reload} />
          {agenda.data.publication && <Circulation meetingId={chosen} />}
        </>
      )}
    </>
  );
}
