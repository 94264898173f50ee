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
import { ApiError, call } from '../api';
import { Loading, MeetingPicker, Outcome, PersonOptions, Section, useAction, useRead, when } from '../ui';
import { type MeetingSummary } from '../start/meetings';

interface Action {
  id: string;
  number: number;
  text: string;
  status: string;
  comments: string;
  responsibleOfficers: string[];
  responsiblePersonIds: string[];
  datesRaised: string[];
  fromMeetingId?: string;
  history: { at: string; by: string; status: string; comment?: string }[];
}

interface Committee {
  people: { id: string; name: string }[];
  seats: { holder?: string }[];
  officers: { person: string }[];
}

const COLOUR: Record<string, 'danger' | 'warning' | 'success' | 'informative' | 'subtle'> = {
  Red: 'danger',
  Amber: 'warning',
  Green: 'success',
  Complete: 'informative',
  Removed: 'subtle',
};

function Close({
  committeeId,
  action,
  meetings,
  onDone,
}: {
  committeeId: string;
  action: Action;
  meetings: MeetingSummary[];
  onDone: () => void;
}) {
  const [status, setStatus] = useState('Complete');
  const [reason, setReason] = useState('');
  const [meeting, setMeeting] = useState('');
  const act = useAction();
  return (
    <form
      noValidate
      aria-label={`Close action ${action.number}`}
      style={{ display: 'grid', gap: 8, maxWidth: 640 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call(
                'POST',
                `committees/${encodeURIComponent(committeeId)}/actions/${encodeURIComponent(action.id)}/close`,
                {
                  status,
                  reason,
                  agreedAtMeeting: meeting,
                },
              ),
            `Action ${action.number} is ${status === 'Removed' ? 'removed from the log' : 'complete'}.`,
          )
          .then((r) => r && onDone());
      }}
    >
      <Field label="Close as">
        <Select value={status} onChange={(_, d) => setStatus(d.value)}>
          <option value="Complete">Complete</option>
          <option value="Removed">No longer required: remove from the log</option>
        </Select>
      </Field>
      <MeetingPicker meetings={meetings} value={meeting} onChange={setMeeting} label="The meeting that agreed it" />
      <Field label="Reason, as the minutes record it" required validationMessage={act.fields.reason}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button type="submit" disabled={act.busy || !meeting}>
        Close action {action.number}
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

function NewAction({
  committeeId,
  committee,
  meetings,
  onDone,
}: {
  committeeId: string;
  committee: Committee;
  meetings: MeetingSummary[];
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [who, setWho] = useState('');
  const [meeting, setMeeting] = useState('');
  const [item, setItem] = useState('');
  const act = useAction();
  // Anyone on the committee may be made responsible: officers, members, and substitutes who attended.
  const people = [...committee.people].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <form
      noValidate
      aria-label="Add an action"
      style={{ display: 'grid', gap: 8, maxWidth: 640 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call<{ number: number }>('POST', `committees/${encodeURIComponent(committeeId)}/actions`, {
                text,
                responsiblePersonIds: who ? [who] : [],
                ...(meeting ? { fromMeetingId: meeting } : {}),
                ...(item ? { fromAgendaItem: Number(item) } : {}),
              }),
            (r) => `Action ${r.number} is on the log.`,
          )
          .then((r) => {
            if (r) {
              setText('');
              onDone();
            }
          });
      }}
    >
      <Field label="Action" required validationMessage={act.fields.text}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} />
      </Field>
      <Field label="Responsible officer" required validationMessage={act.fields.responsiblePersonIds}>
        <Select value={who} onChange={(_, d) => setWho(d.value)}>
          <option value="">Choose someone</option>
          <PersonOptions people={people} />
        </Select>
      </Field>
      <MeetingPicker
        meetings={meetings}
        value={meeting}
        onChange={setMeeting}
        label="Arising from the meeting of (optional)"
      />
      <Field label="Agenda item it arose from (optional)" validationMessage={act.fields.fromAgendaItem}>
        <Input type="number" min={1} value={item} onChange={(_, d) => setItem(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={act.busy}>
        Add the action
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

function ImportLog({ committeeId, onDone }: { committeeId: string; onDone: () => void }) {
  const [csv, setCsv] = useState('');
  const act = useAction();
  const rows = act.error instanceof ApiError ? act.error.problems : [];
  return (
    <form
      noValidate
      aria-label="Import earlier actions"
      style={{ display: 'grid', gap: 8, maxWidth: 720 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call<{ imported: number }>('POST', `committees/${encodeURIComponent(committeeId)}/actions/import`, {
                csv,
              }),
            (r) => `Imported ${r.imported} action${r.imported === 1 ? '' : 's'}, each with its comments.`,
          )
          .then((r) => {
            if (r) {
              setCsv('');
              onDone();
            }
          });
      }}
    >
      <Text>
        Bring in the log you kept before Quorum: a CSV with the papers’ columns (No., Date, Action, Responsible Officer,
        Comments, Status), as a spreadsheet saves it. All of it is imported, or none.
      </Text>
      <label style={{ display: 'grid', gap: 4 }}>
        A CSV file
        <input type="file" accept=".csv,text/csv" onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)} />
      </label>
      <Field label="Or paste it here" validationMessage={act.fields.csv}>
        <Textarea rows={5} value={csv} onChange={(_, d) => setCsv(d.value)} />
      </Field>
      {rows.length > 0 && (
        <ul aria-label="Rows to put right">
          {rows.map((p) => (
            <li key={`${p.path}-${p.message}`}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <div>
        <Button type="submit" disabled={act.busy || !csv.trim()}>
          Import the actions
        </Button>
      </div>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

/** The live action log as a table: filter, each action's history, add, close and remove. */
export default function Actions({ committeeId }: { committeeId: string }) {
  const base = `committees/${encodeURIComponent(committeeId)}`;
  const log = useRead<{ actions: Action[] }>(`${base}/actions`);
  const committee = useRead<Committee>(base);
  const meetings = useRead<MeetingSummary[]>(`${base}/meetings`);
  const [status, setStatus] = useState('open');
  const [officer, setOfficer] = useState('');
  const [meetingFilter, setMeetingFilter] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  if (log.loading && !log.data) return <Loading />;
  if (log.error) return <Outcome error={log.error} />;
  const actions = (log.data?.actions ?? [])
    .filter((a) =>
      status === 'open' ? ['Red', 'Amber', 'Green'].includes(a.status) : status === 'all' ? true : a.status === status,
    )
    .filter((a) => !officer || a.responsibleOfficers.some((o) => o === officer))
    .filter((a) => !meetingFilter || a.fromMeetingId === meetingFilter)
    .sort((a, b) => a.number - b.number);
  const officers = [...new Set((log.data?.actions ?? []).flatMap((a) => a.responsibleOfficers))].sort();
  const nameOf = (id: string) => committee.data?.people.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <Section title="Action log">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Field label="Status">
            <Select value={status} onChange={(_, d) => setStatus(d.value)}>
              <option value="open">Open (Red, Amber, Green)</option>
              <option value="all">All</option>
              {['Red', 'Amber', 'Green', 'Complete', 'Removed'].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          </Field>
          <Field label="Arising from">
            <Select value={meetingFilter} onChange={(_, d) => setMeetingFilter(d.value)}>
              <option value="">Any meeting</option>
              {(meetings.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {when(m.startsAt)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Responsible officer">
            <Select value={officer} onChange={(_, d) => setOfficer(d.value)}>
              <option value="">Anyone</option>
              {officers.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          </Field>
        </div>
        <Table aria-label="The action log">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 56 }}>No.</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell style={{ width: 180 }}>Responsible officer</TableHeaderCell>
              <TableHeaderCell>Comments</TableHeaderCell>
              <TableHeaderCell style={{ width: 110 }}>Status</TableHeaderCell>
              <TableHeaderCell style={{ width: 110 }}>History</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {actions.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.number}</TableCell>
                <TableCell>{a.text}</TableCell>
                <TableCell>{a.responsibleOfficers.join('/')}</TableCell>
                <TableCell>
                  <Text size={200}>{a.comments}</Text>
                </TableCell>
                <TableCell>
                  <Badge color={COLOUR[a.status] ?? 'informative'}>{a.status}</Badge>
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => setOpen(open === a.id ? undefined : a.id)}
                    aria-label={`Open action ${a.number}`}
                  >
                    {open === a.id ? 'Hide' : 'Open'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {!actions.length && <Text>No actions match.</Text>}
      </Section>
      {(() => {
        const a = log.data?.actions.find((x) => x.id === open);
        if (!a) return null;
        return (
          <Section title={`Action ${a.number}`}>
            <Text>{a.text}</Text>
            <ol aria-label={`History of action ${a.number}`} style={{ margin: 0 }}>
              {a.history.map((h) => (
                <li key={`${h.at}-${h.by}`}>
                  {new Date(h.at).toLocaleDateString('en-GB')} {nameOf(h.by)}: {h.status}
                  {h.comment ? `: ${h.comment}` : ''}
                </li>
              ))}
            </ol>
            {['Red', 'Amber', 'Green'].includes(a.status) && (
              <Close committeeId={committeeId} action={a} meetings={meetings.data ?? []} onDone={log.reload} />
            )}
          </Section>
        );
      })()}
      <Section title="Import earlier actions">
        <ImportLog committeeId={committeeId} onDone={log.reload} />
      </Section>
      {committee.data && (
        <Section title="Add an action">
          <NewAction
            committeeId={committeeId}
            committee={committee.data}
            meetings={meetings.data ?? []}
            onDone={log.reload}
          />
        </Section>
      )}
    </>
  );
}
