import {
  Button,
  Checkbox,
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
import { useEffect, useState } from 'react';
import { go } from '../App';
import { call, download, text } from '../api';
import { Loading, MeetingPicker, Outcome, Section, useAction, useRead, when } from '../ui';
import { type MeetingSummary } from '../start/meetings';

interface MinuteText {
  itemNumber: number;
  paragraphs: string[];
  pointsIntro?: string;
  points: string[];
  outcome?: { heading: 'RESOLVED' | 'AGREED' | 'NOTED'; resolutions: string[] };
  chairTakesOver: boolean;
  publicSummary?: string;
}

interface MinutesState {
  meetingId: string;
  held: { startedAt: string; endedAt?: string } | null;
  agenda: { number: number; title: string; standing: string | null; exempt: number | null }[];
  items: MinuteText[];
  previousMinutes: PreviousMinutes | null;
  previousMeeting: { id: string; startsAt: string; latestDraft: number | null; confirmed: boolean } | null;
}

interface PreviousMinutes {
  outcome: 'confirmed' | 'noted' | 'deferred';
  amendment?: string;
  heldOn?: string;
}

interface Version {
  version: number;
  status: 'draft' | 'confirmed';
  createdAt: string;
  missing: number[];
  confirmedAtMeeting?: string;
  amendment?: string;
  /** Since the version before, in words (the server compares them). */
  changes: string[];
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const paras = (s: string) =>
  s
    .split(/\n\s*\n/)
    .map((l) => l.trim())
    .filter(Boolean);
/** "paragraphs.0" and "outcome.resolutions.2" land on their field. */
const problemAt = (fields: Record<string, string>, prefix: string) =>
  Object.entries(fields).find(([p]) => p === prefix || p.startsWith(`${prefix}.`))?.[1];

function MinuteForm(props: {
  meetingId: string;
  item: MinutesState['agenda'][number];
  text?: MinuteText;
  onSaved: () => void;
}) {
  const t = props.text;
  const [paragraphs, setParagraphs] = useState((t?.paragraphs ?? []).join('\n\n'));
  const [pointsIntro, setPointsIntro] = useState(t?.pointsIntro ?? '');
  const [points, setPoints] = useState((t?.points ?? []).join('\n'));
  const [heading, setHeading] = useState<string>(t?.outcome?.heading ?? '');
  const [resolutions, setResolutions] = useState((t?.outcome?.resolutions ?? []).join('\n'));
  const [chair, setChair] = useState(t?.chairTakesOver ?? false);
  const [summary, setSummary] = useState(t?.publicSummary ?? '');
  const act = useAction();
  const f = act.fields;
  return (
    <form
      noValidate
      aria-label={`Minute for item ${props.item.number}`}
      style={{ display: 'grid', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          paragraphs: paras(paragraphs),
          points: lines(points),
          ...(pointsIntro.trim() ? { pointsIntro: pointsIntro.trim() } : {}),
          ...(heading ? { outcome: { heading, resolutions: lines(resolutions) } } : {}),
          chairTakesOver: chair,
          ...(summary.trim() ? { publicSummary: summary } : {}),
        };
        void act
          .run(
            () => call('PUT', `meetings/${encodeURIComponent(props.meetingId)}/minutes/${props.item.number}`, body),
            `Item ${props.item.number} saved.`,
          )
          .then((r) => r && props.onSaved());
      }}
    >
      <Field
        label="What the meeting considered"
        hint="One paragraph after another, separated by an empty line"
        validationMessage={problemAt(f, 'paragraphs')}
      >
        <Textarea resize="vertical" rows={4} value={paragraphs} onChange={(_, d) => setParagraphs(d.value)} />
      </Field>
      <Field label="Points noted, one a line" validationMessage={problemAt(f, 'points')}>
        <Textarea resize="vertical" rows={3} value={points} onChange={(_, d) => setPoints(d.value)} />
      </Field>
      <Field
        label="Lead-in to the points"
        hint="Left empty, the papers' own: “Arising from discussions the following points were noted:” (after a presentation, “Arising from the presentation …”)"
        validationMessage={problemAt(f, 'pointsIntro')}
      >
        <Input value={pointsIntro} onChange={(_, d) => setPointsIntro(d.value)} />
      </Field>
      <Field label="Outcome" validationMessage={problemAt(f, 'outcome.heading')}>
        <Select value={heading} onChange={(_, d) => setHeading(d.value)}>
          <option value="">None</option>
          <option>RESOLVED</option>
          <option>AGREED</option>
          <option>NOTED</option>
        </Select>
      </Field>
      {heading && (
        <Field
          label="Resolutions, one a line, each starting “That …” (lettered (a), (b) … for you)"
          hint="A resolution ending in “:” takes the lines under it as its list, one a line (the dates of future meetings)"
          validationMessage={problemAt(f, 'outcome')}
        >
          <Textarea resize="vertical" rows={3} value={resolutions} onChange={(_, d) => setResolutions(d.value)} />
        </Field>
      )}
      <Checkbox
        checked={chair}
        onChange={(_, d) => setChair(Boolean(d.checked))}
        label="The Chairman takes the chair after this minute (the election of the Chairman)"
      />
      {props.item.exempt && (
        <Field
          label="Public summary (the public version carries this instead of the exempt minute)"
          validationMessage={problemAt(f, 'publicSummary')}
        >
          <Textarea value={summary} onChange={(_, d) => setSummary(d.value)} />
        </Field>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          Save item {props.item.number}
        </Button>
      </div>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'long' });

/**
 * What the meeting did with the previous meeting's minutes. The minutes print only what is recorded
 * here; "confirmed" also confirms and freezes them where Quorum holds them.
 */
function PreviousMinutesForm(props: {
  meetingId: string;
  previous: MinutesState['previousMinutes'];
  prior: MinutesState['previousMeeting'];
  onSaved: () => void;
}) {
  const [outcome, setOutcome] = useState(props.previous?.outcome ?? '');
  const [amendment, setAmendment] = useState(props.previous?.amendment ?? '');
  const [heldOn, setHeldOn] = useState(props.previous?.heldOn ?? '');
  const act = useAction();
  const prior = props.prior;
  return (
    <form
      noValidate
      aria-label="The previous minutes"
      style={{ display: 'grid', gap: 8, marginBottom: 12 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call('PUT', `meetings/${encodeURIComponent(props.meetingId)}/previous-minutes`, {
                outcome,
                ...(outcome === 'confirmed' && amendment.trim() ? { amendment } : {}),
                ...(!prior && heldOn ? { heldOn } : {}),
              }),
            outcome === 'confirmed' && prior && !prior.confirmed
              ? 'Recorded: the previous minutes are confirmed and frozen.'
              : 'Recorded.',
          )
          .then((r) => r && props.onSaved());
      }}
    >
      <Text>
        {prior
          ? `The minutes of the meeting of ${DAY.format(new Date(prior.startsAt))}: ${prior.confirmed ? 'confirmed' : prior.latestDraft ? `draft ${prior.latestDraft}, not yet confirmed` : 'no draft made in Quorum yet'}.`
          : 'Quorum holds no earlier meeting of this committee: give the date the previous meeting was held.'}
      </Text>
      <Field label="At this meeting the previous minutes were" validationMessage={act.fields.outcome}>
        <Select value={outcome} onChange={(_, d) => setOutcome(d.value as PreviousMinutes['outcome'])}>
          <option value="">Not yet recorded (the minutes show a placeholder)</option>
          <option value="confirmed">Taken as read and confirmed as a correct record</option>
          <option value="noted">Circulated and noted</option>
          <option value="deferred">Deferred to the next meeting</option>
        </Select>
      </Field>
      {outcome === 'confirmed' && (
        <Field label="Subject to an amendment that … (optional)" validationMessage={act.fields.amendment}>
          <Textarea value={amendment} onChange={(_, d) => setAmendment(d.value)} />
        </Field>
      )}
      {!prior && (
        <Field label="The previous meeting was held on" validationMessage={act.fields.heldOn}>
          <Input type="date" value={heldOn} onChange={(_, d) => setHeldOn(d.value)} />
        </Field>
      )}
      <div>
        <Button type="submit" disabled={act.busy || !outcome}>
          Record what was done with the previous minutes
        </Button>
      </div>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

const HHMM = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
const hhmm = (iso?: string) => (iso ? HHMM.format(new Date(iso)) : '');

/** When the meeting actually began and closed: the minutes print "10.00 - 11.35 am" from these. */
function HeldTimes(props: { meetingId: string; held: MinutesState['held']; onSaved: () => void }) {
  const [began, setBegan] = useState(hhmm(props.held?.startedAt));
  const [closed, setClosed] = useState(hhmm(props.held?.endedAt));
  const act = useAction();
  return (
    <form
      noValidate
      aria-label="When the meeting was held"
      style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call('PUT', `meetings/${encodeURIComponent(props.meetingId)}/held`, {
                began,
                ...(closed ? { closed } : {}),
              }),
            'Saved: the minutes print these times.',
          )
          .then((r) => r && props.onSaved());
      }}
    >
      <Field label="The meeting began at" validationMessage={act.fields.began}>
        <Input type="time" value={began} onChange={(_, d) => setBegan(d.value)} />
      </Field>
      <Field label="and closed at" validationMessage={act.fields.closed}>
        <Input type="time" value={closed} onChange={(_, d) => setClosed(d.value)} />
      </Field>
      <Button type="submit" disabled={act.busy || !began}>
        Save the times
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

function Versions(props: { meetingId: string; later: MeetingSummary[]; refresh: number; onChange: () => void }) {
  const versions = useRead<Version[]>(`meetings/${encodeURIComponent(props.meetingId)}/record/versions`, props.refresh);
  const [at, setAt] = useState('');
  const [amendment, setAmendment] = useState('');
  const act = useAction();
  const latest = versions.data?.[versions.data.length - 1];
  const confirmed = versions.data?.find((v) => v.status === 'confirmed');
  const base = `meetings/${encodeURIComponent(props.meetingId)}`;
  const file = (format: string, view: string) =>
    act.run(
      () =>
        download(
          `${base}/record?format=${format}&view=${view}`,
          `${props.meetingId}-minutes${view === 'public' ? '-public' : ''}.${format}`,
        ),
      'Downloaded.',
    );
  return (
    <Section title="Drafts and confirmation">
      {versions.loading && <Loading />}
      <Outcome error={versions.error} />
      {versions.data && (
        <Table aria-label="Versions of the minutes" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Version</TableHeaderCell>
              <TableHeaderCell>Made</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>What changed</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {versions.data.map((v) => (
              <TableRow key={v.version}>
                <TableCell>{v.version}</TableCell>
                <TableCell>{when(v.createdAt)}</TableCell>
                <TableCell>
                  {v.status === 'confirmed' ? (
                    <Text weight="semibold">Confirmed{v.amendment ? ', with an amendment' : ''}</Text>
                  ) : v.missing.length ? (
                    `draft; items ${v.missing.join(', ')} still need text`
                  ) : (
                    'draft'
                  )}
                </TableCell>
                <TableCell>
                  {v.version === 1 ? (
                    'The first draft.'
                  ) : v.changes.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {v.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    `Nothing changed since version ${v.version - 1}.`
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {!confirmed && (
          <Button
            appearance="primary"
            disabled={act.busy}
            onClick={() =>
              void act
                .run(
                  () =>
                    call<{ version: number; upload?: { webUrl?: string; error?: string } }>(
                      'POST',
                      `${base}/record/drafts`,
                      {},
                    ),
                  (r) =>
                    `Draft ${r.version} is ready.${r.upload?.webUrl ? ` It is in the committee's files: ${r.upload.webUrl}` : ''}${r.upload?.error ? ` ${r.upload.error}` : ''}`,
                )
                .then((r) => r && props.onChange())
            }
          >
            Make a draft
          </Button>
        )}
        <Button onClick={() => void file('docx', 'full')}>Word</Button>
        <Button onClick={() => void file('html', 'full')}>Web page</Button>
        <Button onClick={() => void file('md', 'full')}>Markdown</Button>
        <Button onClick={() => void file('json', 'full')}>JSON</Button>
        <Button onClick={() => void file('docx', 'public')}>Public version (Word)</Button>
      </div>
      {latest && !confirmed && (
        <form
          noValidate
          aria-label="Confirm the minutes"
          style={{ display: 'grid', gap: 8, maxWidth: 640 }}
          onSubmit={(e) => {
            e.preventDefault();
            void act
              .run(
                () =>
                  call('POST', `${base}/record/confirm`, {
                    version: latest.version,
                    atMeetingId: at,
                    ...(amendment.trim() ? { amendment } : {}),
                  }),
                'The minutes are confirmed and frozen.',
              )
              .then((r) => r && props.onChange());
          }}
        >
          <Text weight="semibold">Confirmed at a later meeting</Text>
          <MeetingPicker meetings={props.later} value={at} onChange={setAt} label="Confirmed at the meeting of" />
          <Field
            label="Subject to an amendment that … (optional; printed in that meeting's minutes)"
            validationMessage={act.fields.amendment}
          >
            <Textarea value={amendment} onChange={(_, d) => setAmendment(d.value)} />
          </Field>
          <Button type="submit" disabled={act.busy || !at}>
            Confirm version {latest.version}
          </Button>
        </form>
      )}
      <Outcome error={act.error} done={act.done} />
    </Section>
  );
}

/** The minutes of a held meeting: item by item beside the live preview in the house style. */
export default function Minutes({ committeeId, meetingId }: { committeeId: string; meetingId?: string }) {
  const meetings = useRead<MeetingSummary[]>(`committees/${encodeURIComponent(committeeId)}/meetings`);
  const held = (meetings.data ?? []).filter((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) <= Date.now());
  const chosen = meetingId ?? held[held.length - 1]?.id;
  const [refresh, setRefresh] = useState(0);
  const minutes = useRead<MinutesState>(chosen ? `meetings/${encodeURIComponent(chosen)}/minutes` : undefined, refresh);
  const [preview, setPreview] = useState('');
  useEffect(() => {
    if (!chosen) return;
    text(`meetings/${encodeURIComponent(chosen)}/record?format=html&live=true`).then(setPreview, () => setPreview(''));
  }, [chosen, refresh]);
  const bump = () => setRefresh((n) => n + 1);
  if (meetings.loading) return <Loading />;
  if (meetings.error) return <Outcome error={meetings.error} />;
  if (!held.length) return <Text>No meeting has been held yet, so there are no minutes to write.</Text>;
  const meeting = held.find((m) => m.id === chosen);
  const later = (meetings.data ?? []).filter(
    (m) => m.status !== 'cancelled' && meeting && Date.parse(m.startsAt) > Date.parse(meeting.startsAt),
  );
  return (
    <>
      <MeetingPicker meetings={held} value={chosen} onChange={(id) => go('c', committeeId, 'minutes', id)} />
      {minutes.loading && !minutes.data && <Loading />}
      <Outcome error={minutes.error} />
      {minutes.data && chosen && (
        <div style={{ display: 'grid', gap: 24, gridTemplateColumns: 'minmax(360px, 1fr) minmax(360px, 1fr)' }}>
          <div>
            <HeldTimes key={chosen} meetingId={chosen} held={minutes.data.held} onSaved={bump} />
            {minutes.data.agenda.map((item) => (
              <Section key={`${chosen}-${item.number}`} title={`${item.number}. ${item.title}`}>
                {item.standing === 'minutes' && (
                  <PreviousMinutesForm
                    meetingId={chosen}
                    previous={minutes.data?.previousMinutes ?? null}
                    prior={minutes.data?.previousMeeting ?? null}
                    onSaved={bump}
                  />
                )}
                <MinuteForm
                  meetingId={chosen}
                  item={item}
                  text={minutes.data?.items.find((t) => t.itemNumber === item.number)}
                  onSaved={bump}
                />
              </Section>
            ))}
            <Versions meetingId={chosen} later={later} refresh={refresh} onChange={bump} />
          </div>
          <div style={{ position: 'sticky', top: 8, alignSelf: 'start' }}>
            <Text weight="semibold">Preview, as the minutes will print</Text>
            <iframe
              title="Preview of the minutes"
              srcDoc={preview}
              sandbox=""
              style={{ width: '100%', height: '80vh', border: '1px solid #ccc', background: 'white' }}
            />
          </div>
        </div>
      )}
    </>
  );
}
