import { Badge, Button, Field, Input, Select, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, readIfChanged, submissionId } from '../api';
import { DeclarationForm } from '../DeclarationForm';
import { Loading, Outcome, Section, useAction } from '../ui';

type Status = 'present' | 'substitute' | 'apologies' | 'absent' | 'left' | 'unmarked';
interface Row {
  personId: string;
  name: string;
  body: string;
  group: 'members' | 'substitutes' | 'observers' | 'officers' | 'guests';
  status: Status;
  statusWords: string;
  since?: string;
  seatId?: string;
}
interface Roll {
  meeting: {
    id: string;
    title: string;
    startsAt: string;
    open: boolean;
    currentItem: number | null;
    items: { number: number; title: string }[];
  };
  current: {
    number: number;
    title: string;
    exempt: boolean;
    declarations: { personId: string; sentence: string; participation: string }[];
  } | null;
  interestCategories: { value: string; label: string }[];
  quorum: { quorate: boolean; message: string };
  roster: Row[];
  seats: { id: string; represents: string }[];
  you: { personId: string | null; canChair: boolean };
}

const GROUPS: [Row['group'], string][] = [
  ['members', 'Members'],
  ['substitutes', 'Substitutes'],
  ['observers', 'Observers'],
  ['officers', 'Officers'],
  ['guests', 'Also in attendance'],
];
const COLOUR: Record<Status, 'success' | 'warning' | 'danger' | 'informative'> = {
  present: 'success',
  substitute: 'success',
  apologies: 'warning',
  left: 'warning',
  absent: 'danger',
  unmarked: 'informative',
};
/** Often enough that a mark made anywhere shows within the three seconds the chair expects. */
const POLL_MS = 2000;

/**
 * The roll call as the meeting side panel shows it, live: the quorum in words, everyone by seat with
 * their status; the chair and clerk mark anyone, everyone else marks themselves. The server has every
 * rule (seating substitutes, one voice per seat); this screen only shows and asks.
 */
export default function RollScreen({ meetingId }: { meetingId: string }) {
  const [roll, setRoll] = useState<Roll>();
  const [error, setError] = useState<unknown>();
  const etag = useRef<string | undefined>(undefined);
  const act = useAction();
  const [seatFor, setSeatFor] = useState<Record<string, string>>({});
  const [goTo, setGoTo] = useState('');
  const [guest, setGuest] = useState('');
  const [declaring, setDeclaring] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const got = await readIfChanged<Roll>(`meetings/${encodeURIComponent(meetingId)}/roll`, etag.current);
      if (got.changed) {
        etag.current = got.etag;
        setRoll(got.data);
      }
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, [meetingId]);

  useEffect(() => {
    etag.current = undefined;
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (!roll) return error ? <Outcome error={error} /> : <Loading />;
  const base = `meetings/${encodeURIComponent(meetingId)}/roll`;
  /** Every change to the roll: one POST with its own key, the server's sentence shown, then the roll read again. */
  const post = (path: string, body: Record<string, unknown> = {}) =>
    act
      .run(
        () => call<{ message: string }>('POST', `${base}/${path}`, { ...body, submissionId: submissionId() }),
        (r) => r.message,
      )
      .then(async (r) => {
        await refresh();
        return r;
      });
  const mark = (personId: string, status: Status, seatId?: string) =>
    void post('marks', { personId, status, ...(seatId ? { seatId } : {}) });
  const moveTo = (to: number | 'next') => void post('item', { to });
  const me = roll.roster.find((r) => r.personId === roll.you.personId);
  const counts = (['present', 'substitute', 'apologies', 'unmarked', 'left', 'absent'] as Status[])
    .map(
      (s) =>
        [s, roll.roster.filter((r) => r.status === s && (s !== 'unmarked' || r.group !== 'guests')).length] as const,
    )
    .filter(([s, n]) => n || s === 'present' || s === 'unmarked');

  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <h1 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{roll.meeting.title}</h1>
      <Text
        role="status"
        weight="semibold"
        style={{ color: roll.quorum.quorate ? tokens.colorPaletteGreenForeground1 : tokens.colorPaletteRedForeground1 }}
      >
        {roll.quorum.message}
      </Text>
      <Text>
        {counts
          .map(([s, n]) => `${n} ${s === 'unmarked' ? 'not yet marked' : s === 'substitute' ? 'substitutes' : s}`)
          .join(' · ')}
        {roll.meeting.currentItem ? ` · item ${roll.meeting.currentItem} in progress` : ''}
      </Text>
      {!roll.meeting.open && <Text>The meeting has finished; the roll is closed.</Text>}
      {roll.meeting.open && me && me.status !== 'present' && me.status !== 'substitute' && (
        <Button appearance="primary" disabled={act.busy} onClick={() => void post('here')}>
          I’m here
        </Button>
      )}
      <Outcome error={act.error} done={act.done} />
      <Section title={roll.current ? `Item ${roll.current.number}. ${roll.current.title}` : 'No item in progress yet'}>
        {roll.current?.exempt && (
          <Text weight="semibold">
            An exempt item: the public should be excluded before it is taken (Schedule 12A).
          </Text>
        )}
        {roll.current && (
          <ul aria-label="Declarations for this item" style={{ margin: 0 }}>
            {roll.current.declarations.length ? (
              roll.current.declarations.map((d) => <li key={d.personId + d.sentence}>{d.sentence}</li>)
            ) : (
              <li>No declarations for this item.</li>
            )}
          </ul>
        )}
        {roll.you.canChair && roll.meeting.open && (
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'end' }}>
            <Button appearance="primary" disabled={act.busy} onClick={() => moveTo('next')}>
              Next item
            </Button>
            <Select aria-label="Go to item" value={goTo} onChange={(_, d) => setGoTo(d.value)}>
              <option value="">Go to item…</option>
              {roll.meeting.items.map((i) => (
                <option key={i.number} value={String(i.number)}>
                  {i.number}. {i.title}
                </option>
              ))}
            </Select>
            <Button disabled={act.busy || !goTo} onClick={() => moveTo(Number(goTo))}>
              Go
            </Button>
          </div>
        )}
        {roll.current &&
          me &&
          roll.meeting.open &&
          (declaring ? (
            <DeclarationForm
              categories={roll.interestCategories}
              items={String(roll.current.number)}
              submitLabel="Declare"
              submit={(f) =>
                call('POST', 'me/declarations', { meetingId: roll.meeting.id, submissionId: submissionId(), ...f })
              }
              onDone={() => {
                setDeclaring(false);
                void refresh();
              }}
            />
          ) : (
            <div>
              <Button onClick={() => setDeclaring(true)}>Declare an interest in this item</Button>
            </div>
          ))}
      </Section>
      {GROUPS.map(([group, heading]) => {
        const rows = roll.roster.filter((r) => r.group === group);
        if (!rows.length) return null;
        return (
          <Section key={group} title={`${heading} (${rows.length})`}>
            <ul aria-label={heading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
              {rows.map((r) => (
                <li
                  key={r.personId}
                  aria-label={r.name}
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}
                >
                  <Text weight="semibold">{r.name}</Text>
                  {r.body && <Text size={200}>{r.body}</Text>}
                  <Badge appearance="tint" color={COLOUR[r.status]}>
                    {r.statusWords}
                    {r.since ? ` ${r.since}` : ''}
                  </Badge>
                  {roll.you.canChair && roll.meeting.open && (
                    <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                      {r.status !== 'present' && r.status !== 'substitute' && (
                        <Button size="small" disabled={act.busy} onClick={() => mark(r.personId, 'present')}>
                          Present
                        </Button>
                      )}
                      {(r.status === 'present' || r.status === 'substitute') && (
                        <Button size="small" disabled={act.busy} onClick={() => mark(r.personId, 'left')}>
                          Left
                        </Button>
                      )}
                      {r.status === 'unmarked' && (
                        <Button size="small" disabled={act.busy} onClick={() => mark(r.personId, 'absent')}>
                          Absent
                        </Button>
                      )}
                      {group !== 'members' && group !== 'guests' && r.status !== 'substitute' && (
                        <>
                          <Select
                            size="small"
                            style={{ maxWidth: 260 }}
                            aria-label={`Seat ${r.name} fills`}
                            value={seatFor[r.personId] ?? ''}
                            onChange={(_, d) => setSeatFor({ ...seatFor, [r.personId]: d.value })}
                          >
                            <option value="">Seat as substitute…</option>
                            {roll.seats.map((s) => (
                              <option key={s.id} value={s.id}>
                                {s.represents}
                              </option>
                            ))}
                          </Select>
                          <Button
                            size="small"
                            disabled={act.busy || !seatFor[r.personId]}
                            onClick={() => mark(r.personId, 'substitute', seatFor[r.personId])}
                          >
                            Seat
                          </Button>
                        </>
                      )}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </Section>
        );
      })}
      {roll.you.canChair && roll.meeting.open && (
        <div>
          <Button
            disabled={act.busy}
            onClick={() => {
              if (!window.confirm('Close the meeting now? Its end time is recorded and the roll is closed.')) return;
              void post('close');
            }}
          >
            Close the meeting
          </Button>
        </div>
      )}
      {roll.you.canChair && roll.meeting.open && (
        <form
          aria-label="Add someone not on the list"
          style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}
          onSubmit={(e) => {
            e.preventDefault();
            void post('guests', { guestName: guest }).then((r) => r && setGuest(''));
          }}
        >
          <Field label="Add someone not on the list (also in attendance)" validationMessage={act.fields.guestName}>
            <Input
              value={guest}
              maxLength={120}
              onChange={(_, d) => setGuest(d.value)}
              placeholder="Name, and organisation"
            />
          </Field>
          <Button type="submit" disabled={act.busy || !guest.trim()}>
            Add
          </Button>
        </form>
      )}
    </div>
  );
}
