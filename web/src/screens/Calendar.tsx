import {
  Button,
  Checkbox,
  Field,
  Input,
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
import { Loading, Outcome, Section, useAction, useRead, when } from '../ui';

interface Meeting {
  id: string;
  committeeId: string;
  startsAt: string;
  status: string;
  venue: { name: string };
  firstMinuteNumber?: number;
  [key: string]: unknown;
}

function MeetingRow({ meeting, onDone }: { meeting: Meeting; onDone: () => void }) {
  const [mode, setMode] = useState<'' | 'move' | 'cancel' | 'number'>('');
  const [value, setValue] = useState('');
  const act = useAction();
  const base = `meetings/${encodeURIComponent(meeting.id)}`;
  const submit = () => {
    if (mode === 'move')
      return act.run(
        () => call('POST', `${base}/move`, { date: value.slice(0, 10), time: value.slice(11, 16) }),
        'Moved; members are told.',
      );
    if (mode === 'cancel')
      return act.run(() => call('POST', `${base}/cancel`, { reason: value }), 'Cancelled; members are told why.');
    const { id: _id, committeeId: _c, ...rest } = meeting;
    return act.run(
      () =>
        call(
          'PUT',
          `committees/${encodeURIComponent(meeting.committeeId)}/meetings/${encodeURIComponent(meeting.id)}`,
          {
            ...rest,
            firstMinuteNumber: Number(value),
          },
        ),
      'Saved: the minutes of this meeting start at that number.',
    );
  };
  return (
    <TableRow>
      <TableCell>{when(meeting.startsAt)}</TableCell>
      <TableCell>{meeting.venue.name}</TableCell>
      <TableCell>{meeting.status}</TableCell>
      <TableCell>{meeting.firstMinuteNumber ?? '—'}</TableCell>
      <TableCell>
        {mode ? (
          <form
            noValidate
            style={{ display: 'grid', gap: 4 }}
            onSubmit={(e) => {
              e.preventDefault();
              void submit().then((r) => r && (setMode(''), onDone()));
            }}
          >
            <Field
              label={
                mode === 'move'
                  ? 'New date and time'
                  : mode === 'cancel'
                    ? 'Reason members are given'
                    : 'First minute number'
              }
              validationMessage={
                act.fields.startsAt ??
                act.fields.date ??
                act.fields.time ??
                act.fields.reason ??
                act.fields.firstMinuteNumber
              }
            >
              <Input
                type={mode === 'move' ? 'datetime-local' : mode === 'number' ? 'number' : 'text'}
                value={value}
                onChange={(_, d) => setValue(d.value)}
              />
            </Field>
            <div style={{ display: 'flex', gap: 4 }}>
              <Button type="submit" size="small" appearance="primary" disabled={act.busy}>
                Save
              </Button>
              <Button size="small" onClick={() => (setMode(''), act.clear())}>
                Cancel
              </Button>
            </div>
            <Outcome error={act.error} />
          </form>
        ) : (
          <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {meeting.status !== 'cancelled' && (
              <>
                <Button size="small" onClick={() => setMode('move')}>
                  Move
                </Button>
                <Button size="small" onClick={() => setMode('cancel')}>
                  Cancel meeting
                </Button>
              </>
            )}
            <Button size="small" onClick={() => (setMode('number'), setValue(String(meeting.firstMinuteNumber ?? '')))}>
              First minute no.
            </Button>
            <Outcome done={act.done} />
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}

/** Dates picked one by one (date and time in London); the same checks and warnings as the resolution's. */
function PickDates({ base, onBooked }: { base: string; onBooked: () => void }) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [dates, setDates] = useState<{ date: string; time: string }[]>([]);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const act = useAction();
  const warnings = act.error instanceof ApiError ? act.error.problems : [];
  return (
    <form
      noValidate
      aria-label="Pick meeting dates"
      style={{ display: 'grid', gap: 8, maxWidth: 720 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () => call<{ bookings: { status: string }[] }>('PUT', `${base}/calendar`, { dates, confirmWarnings }),
            (r) => {
              const made = r.bookings.filter((b) => b.status === 'created').length;
              return `Booked ${made} new meeting${made === 1 ? '' : 's'}.`;
            },
          )
          .then((r) => r && (setDates([]), setConfirmWarnings(false), onBooked()));
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}>
        <Field label="Date">
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label="Time">
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
        </Field>
        <Button
          disabled={!date || !time}
          onClick={() => {
            setDates(
              [...dates.filter((d) => d.date !== date), { date, time }].sort((a, b) => a.date.localeCompare(b.date)),
            );
            setDate('');
          }}
        >
          Add the date
        </Button>
      </div>
      {dates.length > 0 && (
        <ul aria-label="Dates to book">
          {dates.map((d) => (
            <li key={d.date}>
              {when(`${d.date}T12:00:00Z`).split(',')[0]} at {d.time}{' '}
              <Button size="small" onClick={() => setDates(dates.filter((x) => x.date !== d.date))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul aria-label="What to check before booking">
          {warnings.map((w) => (
            <li key={`${w.path}-${w.message}`}>{w.message}</li>
          ))}
        </ul>
      )}
      {warnings.some((w) => w.severity === 'warning') && (
        <Checkbox
          checked={confirmWarnings}
          onChange={(_, d) => setConfirmWarnings(Boolean(d.checked))}
          label="Book them anyway: I have checked the warnings"
        />
      )}
      <Button type="submit" appearance="primary" disabled={act.busy || !dates.length}>
        Book {dates.length || ''} {dates.length === 1 ? 'meeting' : 'meetings'}
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

/** The committee's meetings by year; book the year's dates as the resolution words them. */
export default function Calendar({ committeeId }: { committeeId: string }) {
  const base = `committees/${encodeURIComponent(committeeId)}`;
  const meetings = useRead<Meeting[]>(`${base}/meetings`);
  const [resolution, setResolution] = useState('');
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const act = useAction();
  const years = new Map<string, Meeting[]>();
  for (const m of meetings.data ?? []) {
    const y = m.startsAt.slice(0, 4);
    years.set(y, [...(years.get(y) ?? []), m]);
  }
  const warnings = act.error instanceof ApiError ? act.error.problems : [];
  return (
    <>
      {meetings.loading && <Loading />}
      <Outcome error={meetings.error} />
      {[...years.entries()].map(([year, list]) => (
        <Section key={year} title={year}>
          <Table aria-label={`Meetings in ${year}`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Where</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
                <TableHeaderCell>First minute</TableHeaderCell>
                <TableHeaderCell>Change</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((m) => (
                <MeetingRow key={m.id} meeting={m} onDone={meetings.reload} />
              ))}
            </TableBody>
          </Table>
        </Section>
      ))}
      <Section title="Or pick the dates">
        <PickDates base={base} onBooked={meetings.reload} />
      </Section>
      <Section title="Book the year's meetings">
        <Text>
          Paste the resolution as the minutes word it, e.g. “That future meetings of the Board take place on the
          following dates all at 10.00am: Friday 26 March 2027; Friday 25 June 2027.”
        </Text>
        <form
          noValidate
          aria-label="Book meetings"
          style={{ display: 'grid', gap: 8, maxWidth: 720 }}
          onSubmit={(e) => {
            e.preventDefault();
            void act
              .run(
                () =>
                  call<{ bookings: { status: string }[] }>('PUT', `${base}/calendar`, {
                    text: resolution,
                    confirmWarnings,
                  }),
                (r) => {
                  const made = r.bookings.filter((b) => b.status === 'created').length;
                  return `Booked ${made} new meeting${made === 1 ? '' : 's'}${r.bookings.length > made ? `; ${r.bookings.length - made} already in the calendar` : ''}.`;
                },
              )
              .then((r) => r && (setResolution(''), setConfirmWarnings(false), meetings.reload()));
          }}
        >
          <Field label="The resolution" required validationMessage={act.fields.text}>
            <Textarea rows={4} value={resolution} onChange={(_, d) => setResolution(d.value)} />
          </Field>
          {warnings.length > 0 && (
            <ul aria-label="What to check">
              {warnings.map((w) => (
                <li key={`${w.path}-${w.message}`}>
                  {w.path !== 'text' ? `${w.path}: ` : ''}
                  {w.message}
                </li>
              ))}
            </ul>
          )}
          {warnings.some((w) => w.severity === 'warning') && (
            <Checkbox
              checked={confirmWarnings}
              onChange={(_, d) => setConfirmWarnings(Boolean(d.checked))}
              label="Book them anyway: I have checked the warnings"
            />
          )}
          <Button type="submit" appearance="primary" disabled={act.busy}>
            Book these meetings
          </Button>
          <Outcome error={act.error} done={act.done} />
        </form>
      </Section>
    </>
  );
}
