import {
  Button,
  Field,
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
import { call, submissionId } from '../api';
import { CATEGORY_NAMES, categoriesFor } from '../../../bot/domain/declarations';
import { DeclarationForm } from '../DeclarationForm';
import { Loading, MeetingPicker, Outcome, Section, useAction, useRead } from '../ui';
import { nextMeeting, type MeetingSummary } from '../start/meetings';

interface ApologyRow {
  id: string;
  name: string;
  represents?: string;
  substitute: { name: string } | null;
  reason: string | null;
  onBehalf: boolean;
  afterTheEvent: boolean;
}

interface DeclarationRow {
  id: string;
  name: string;
  sentence: string;
  recordedBy: string;
  afterTheEvent: boolean;
}

interface Attendance {
  quorum: { message: string };
  roster: { personId: string; name: string; body: string; group: string; status: string; since?: string }[];
}

function RecordApology({
  meetingId,
  people,
  onDone,
}: {
  meetingId: string;
  people: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [personId, setPersonId] = useState('');
  const [substituteId, setSubstituteId] = useState('');
  const [reason, setReason] = useState('');
  const act = useAction();
  return (
    <form
      noValidate
      aria-label="Record apologies received by email"
      style={{ display: 'grid', gap: 8, maxWidth: 640 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () => fetchRecord(meetingId, personId, substituteId, reason),
            'Recorded, marked as recorded by you on their behalf.',
          )
          .then((r) => r !== undefined && onDone());
      }}
    >
      <Field label="Apologies from" required validationMessage={act.fields.personId}>
        <Select value={personId} onChange={(_, d) => setPersonId(d.value)}>
          <option value="">Choose someone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Substitute (optional)" validationMessage={act.fields.substituteId}>
        <Select value={substituteId} onChange={(_, d) => setSubstituteId(d.value)}>
          <option value="">No substitute</option>
          {people
            .filter((p) => p.id !== personId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field label="Reason (optional; never printed)" validationMessage={act.fields.reason}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={act.busy || !personId}>
        Record apologies
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

const fetchRecord = (meetingId: string, personId: string, substituteId: string, reason: string) =>
  call('POST', `meetings/${encodeURIComponent(meetingId)}/apologies`, {
    personId,
    ...(substituteId ? { substituteId } : {}),
    ...(reason.trim() ? { reason } : {}),
  });

/** People's responses per meeting: apologies (with substitutes) and attendance, recordable on their behalf. */
export default function Responses({ committeeId, meetingId }: { committeeId: string; meetingId?: string }) {
  const base = `committees/${encodeURIComponent(committeeId)}`;
  const meetings = useRead<MeetingSummary[]>(`${base}/meetings`);
  const committee = useRead<{ people: { id: string; name: string }[]; interestCategories?: string }>(base);
  const list = (meetings.data ?? []).filter((m) => m.status !== 'cancelled');
  const chosen = meetingId ?? nextMeeting(list)?.id ?? list[list.length - 1]?.id;
  const apologies = useRead<{ apologies: ApologyRow[] }>(
    chosen ? `meetings/${encodeURIComponent(chosen)}/apologies` : undefined,
  );
  const attendance = useRead<Attendance>(chosen ? `meetings/${encodeURIComponent(chosen)}/attendance` : undefined);
  const mark = useAction();
  const [declarant, setDeclarant] = useState('');
  const declarations = useRead<DeclarationRow[]>(
    chosen ? `meetings/${encodeURIComponent(chosen)}/declarations` : undefined,
  );
  // The categories and their names are the domain's own, shared with the server.
  const categories = categoriesFor(
    committee.data?.interestCategories === 'personal-prejudicial' ? 'personal-prejudicial' : 'localism-act-2011',
  ).map((value) => ({ value, label: CATEGORY_NAMES[value] }));
  if (meetings.loading) return <Loading />;
  if (meetings.error) return <Outcome error={meetings.error} />;
  return (
    <>
      <MeetingPicker meetings={list} value={chosen} onChange={(id) => go('c', committeeId, 'responses', id)} />
      {chosen && (
        <>
          <Section title="Apologies">
            {apologies.loading && <Loading />}
            <Outcome error={apologies.error} />
            {apologies.data && !apologies.data.apologies.length && <Text>No apologies have been received.</Text>}
            {!!apologies.data?.apologies.length && (
              <Table aria-label="Apologies received" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Name</TableHeaderCell>
                    <TableHeaderCell>Represents</TableHeaderCell>
                    <TableHeaderCell>Substitute</TableHeaderCell>
                    <TableHeaderCell>Reason</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {apologies.data.apologies.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell>
                        {a.name}
                        {a.afterTheEvent
                          ? ' (recorded by the clerk after the meeting)'
                          : a.onBehalf
                            ? ' (recorded by the clerk)'
                            : ''}
                      </TableCell>
                      <TableCell>{a.represents ?? ''}</TableCell>
                      <TableCell>{a.substitute?.name ?? ''}</TableCell>
                      <TableCell>{a.reason ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {committee.data && (
              <RecordApology
                meetingId={chosen}
                people={committee.data.people}
                onDone={() => {
                  apologies.reload();
                  attendance.reload();
                }}
              />
            )}
          </Section>
          <Section title="Declarations of interest">
            {declarations.loading && <Loading />}
            <Outcome error={declarations.error} />
            {declarations.data && !declarations.data.length && <Text>No declarations have been made.</Text>}
            {!!declarations.data?.length && (
              <ul aria-label="Declarations made">
                {declarations.data.map((d) => (
                  <li key={d.id}>
                    {d.sentence}
                    {d.afterTheEvent ? ` (recorded by ${d.recordedBy} after the meeting)` : ''}
                  </li>
                ))}
              </ul>
            )}
            {committee.data && (
              <DeclarationForm
                categories={categories}
                submitLabel="Record the declaration"
                before={
                  <Field label="Declared by" required>
                    <Select value={declarant} onChange={(_, d) => setDeclarant(d.value)}>
                      <option value="">Choose someone</option>
                      {committee.data.people.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                }
                submit={(f) =>
                  call('POST', `meetings/${encodeURIComponent(chosen)}/declarations`, {
                    personId: declarant,
                    key: submissionId(),
                    ...f,
                  })
                }
                onDone={declarations.reload}
              />
            )}
          </Section>
          <Section title="Attendance">
            {attendance.loading && <Loading />}
            <Outcome error={attendance.error} />
            {attendance.data && (
              <>
                <Text weight="semibold">{attendance.data.quorum.message}</Text>
                <Outcome error={mark.error} done={mark.done} />
                <Table aria-label="The roll" size="small">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>Name</TableHeaderCell>
                      <TableHeaderCell>Body</TableHeaderCell>
                      <TableHeaderCell>As</TableHeaderCell>
                      <TableHeaderCell>Status</TableHeaderCell>
                      <TableHeaderCell>Record as</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {attendance.data.roster.map((r) => (
                      <TableRow key={r.personId}>
                        <TableCell>{r.name}</TableCell>
                        <TableCell>{r.body}</TableCell>
                        <TableCell>{r.group}</TableCell>
                        <TableCell>
                          {r.status}
                          {r.since ? ` ${r.since}` : ''}
                        </TableCell>
                        <TableCell>
                          {(['present', 'absent'] as const).map((status) => (
                            <Button
                              key={status}
                              size="small"
                              disabled={mark.busy || r.status === status}
                              aria-label={`Mark ${r.name} ${status}`}
                              onClick={() =>
                                void mark
                                  .run(
                                    () =>
                                      call('POST', `meetings/${encodeURIComponent(chosen)}/attendance/reconcile`, {
                                        accept: [{ personId: r.personId, status }],
                                      }),
                                    `${r.name}: ${status}, recorded by you.`,
                                  )
                                  .then((done) => done && attendance.reload())
                              }
                            >
                              {status === 'present' ? 'Present' : 'Absent'}
                            </Button>
                          ))}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
          </Section>
        </>
      )}
    </>
  );
}
