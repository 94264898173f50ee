import { MessageBar, MessageBarBody, MessageBarTitle, Select, Field, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, type Problem } from './api';

/** Data from the API for a screen: loading, the value, or what went wrong; `reload` after a change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => setState({ error, loading: false }),
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <Spinner size="small" label={label} />;
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

export interface MeetingSummary {
  id: string;
  startsAt: string;
  status: string;
  venue: { name: string };
}

/** The meeting a screen opens on when none is named: the next one to be held. */
export const nextMeeting = (meetings: MeetingSummary[], now = Date.now()) =>
  meetings.find((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) > now);

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
