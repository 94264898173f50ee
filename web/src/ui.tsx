import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { ApiError, get, readNow, upload, type Problem } from './api';
import type { MeetingSummary } from './start/meetings';

/** Data from the API for a screen: loading, the value, or what went wrong; `reload` after a change. */

interface Read<T> {
  path?: string;
  /** The caller's "read again" counter when this was read. */
  again: number;
  data?: T;
  error?: unknown;
  loading: boolean;
  /** Bumped by reload(), to read the same path again. */
  round: number;
}

function startRead<T>(path: string | undefined, again: number): Read<T> {
  const now = path === undefined ? undefined : readNow<T>(path);
  return now
    ? { path, again, data: now.value, loading: false, round: 0 }
    : { path, again, loading: path !== undefined, round: 0 };
}

/**
 * One GET of the API, read again when `path` or `again` changes or on reload(); no path, no read.
 * When the page's early read of the path has already answered, the first draw has the data.
 */
export function useRead<T>(path: string | undefined, again = 0) {
  const [state, setState] = useState(() => startRead<T>(path, again));
  let read = state;
  if (state.path !== path) {
    // Derived from the props during the draw (React's own pattern), so no draw shows the old path's data.
    read = startRead<T>(path, again);
    setState(read);
  } else if (state.again !== again) {
    // The same thing read again: what is on the screen stays there until the new answer comes.
    read = { ...state, again, loading: path !== undefined };
    setState(read);
  }
  const { loading, round } = read;
  useEffect(() => {
    if (!loading || path === undefined) return;
    let live = true;
    get<T>(path).then(
      (data) => live && setState((s) => (s.path === path ? { ...s, data, error: undefined, loading: false } : s)),
      (error: unknown) => live && setState((s) => (s.path === path ? { ...s, error, loading: false } : s)),
    );
    return () => {
      live = false;
    };
  }, [path, loading, round]);
  const reload = useCallback(() => setState((s) => ({ ...s, loading: s.path !== undefined, round: s.round + 1 })), []);
  return { data: read.data, error: read.error, loading: read.loading, reload };
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <Spinner size="small" label={label} />;
}

/**
 * A screen whose code loads the first time it is shown. Not React.lazy: Suspense holds a revealed
 * fallback for ~300 ms, which is most of a screen's load on a fast connection.
 */
export function later<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Later(props: P) {
    const [Screen, setScreen] = useState(() => loaded);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      if (Screen) return;
      let live = true;
      load().then(
        (m) => {
          loaded = m.default;
          if (live) setScreen(() => m.default);
        },
        (err: unknown) => live && setError(err),
      );
      return () => {
        live = false;
      };
    }, [Screen]);
    if (error) return <Outcome error={error} />;
    return Screen ? <Screen {...props} /> : <Loading />;
  };
}

/** What the server (or the page's own check) said, in words; field problems go beside their fields. */
export function Outcome({ error, done }: { error?: unknown; done?: string }) {
  if (done)
    return (
      <MessageBar intent="success" role="status">
        <MessageBarBody>{done}</MessageBarBody>
      </MessageBar>
    );
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const list = error instanceof ApiError ? error.problems.filter((p) => !p.path || p.path === '(body)') : [];
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{message}</MessageBarTitle>
        {list.map((p) => p.message).join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Problems by field path ("seats.0.holder"), from the server's answer or the shared schema. */
function problemsOf(error: unknown): Record<string, string> {
  const list: Problem[] = error instanceof ApiError ? error.problems : [];
  return Object.fromEntries(list.map((p) => [p.path, p.message]));
}

/**
 * Runs a change, keeping what it said: `error` (with field problems) or `done`. Nothing typed is
 * cleared when the server refuses, so nothing is lost.
 */
export function useAction() {
  const [state, setState] = useState<{ busy: boolean; error?: unknown; done?: string }>({ busy: false });
  const run = useCallback(async <T,>(change: () => Promise<T>, done: string | ((value: T) => string)) => {
    setState({ busy: true });
    try {
      const value = await change();
      setState({ busy: false, done: typeof done === 'string' ? done : done(value) });
      return value;
    } catch (error) {
      setState({ busy: false, error });
      return undefined;
    }
  }, []);
  return { ...state, run, fields: problemsOf(state.error), clear: () => setState({ busy: false }) };
}

// Formatters are costly to make (ICU data for the time zone): one of each for the page's life.
const DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** "Friday 4 December 2026, 10.00am" as the papers write it. */
export function when(iso: string): string {
  const d = new Date(iso);
  return `${DATE.format(d)}, ${TIME.format(d).replace(':', '.').replace(' ', '')}`;
}

/**
 * Several yes/no choices under one label (the committee's clerks, a seat's named substitutes). A
 * fieldset, not a Field: a Field hands its one control id to every checkbox inside it, so each
 * label would tick the first box.
 */
export function Choices(props: {
  legend: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  onChange: (value: string, on: boolean) => void;
  error?: string;
  maxHeight?: number;
}) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend style={{ padding: 0, marginBottom: 2 }}>
        <Text>{props.legend}</Text>
      </legend>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          ...(props.maxHeight ? { maxHeight: props.maxHeight, overflow: 'auto', flexDirection: 'column' } : {}),
        }}
      >
        {props.options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={props.chosen.includes(o.value)}
            onChange={(_, v) => props.onChange(o.value, v.checked === true)}
          />
        ))}
      </div>
      {props.error && (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {props.error}
        </Text>
      )}
    </fieldset>
  );
}

/** Chooses one of the committee's meetings; the label says which is which. */
export function MeetingPicker(props: {
  meetings: MeetingSummary[];
  value?: string;
  onChange: (id: string) => void;
  label?: string;
}) {
  return (
    <Field label={props.label ?? 'Meeting'}>
      <Select value={props.value ?? ''} onChange={(_, d) => props.onChange(d.value)}>
        <option value="" disabled>
          Choose a meeting
        </option>
        {props.meetings.map((m) => (
          <option key={m.id} value={m.id}>
            {when(m.startsAt)}
            {m.status === 'cancelled' ? ' (cancelled)' : m.status === 'agenda-published' ? ' (agenda published)' : ''}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ display: 'grid', gap: 12, marginBottom: 24 }}>
      <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{title}</h2>
      {children}
    </section>
  );
}

/** The options of a select that names someone on the committee (after the select's own first option). */
export function PersonOptions({ people }: { people: readonly { id: string; name: string }[] }) {
  return (
    <>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
}

/**
 * Attaching an item's report (PDF or Word): a button that opens the file chooser, and the answer.
 * The file goes to the server as it is; what is not a report is refused there, in words.
 */
export function AttachReport(props: {
  /** The item's report endpoint under /api/. */
  path: string;
  itemNumber: number;
  attached: boolean;
  /** Said after "Attached <file> to item n." */
  then?: string;
  onAttached: () => void;
  children?: ReactNode;
}) {
  const act = useAction();
  const inputId = `report-${props.path.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
        <input
          id={inputId}
          type="file"
          accept=".pdf,.docx,.doc,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword"
          aria-label={`${props.attached ? 'Replace' : 'Attach'} the report for item ${props.itemNumber}`}
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file)
              void act
                .run(
                  () => upload(`${props.path}?name=${encodeURIComponent(file.name)}`, file),
                  `Attached ${file.name} to item ${props.itemNumber}.${props.then ? ` ${props.then}` : ''}`,
                )
                .then((r) => r && props.onAttached());
          }}
        />
        <Button size="small" disabled={act.busy} onClick={() => document.getElementById(inputId)?.click()}>
          {act.busy ? 'Attaching…' : props.attached ? 'Replace' : 'Attach report'}
        </Button>
        {props.children}
      </div>
      <Outcome error={act.error} done={act.done} />
    </div>
  );
}
