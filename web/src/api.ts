/**
 * The page's one way to the server: every screen calls the HTTP API with the signed-in person's
 * identity (a Teams SSO token, or the local picker's choice) and gets problems back by field path.
 */
export interface Problem {
  path: string;
  message: string;
  severity?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

export type Identity = { kind: 'token'; token: () => Promise<string> } | { kind: 'local'; aadObjectId: string };

let identity: Identity | undefined;
export const setIdentity = (i: Identity | undefined) => {
  identity = i;
};

async function headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const h: Record<string, string> = { ...extra };
  if (identity?.kind === 'token') h.authorization = `Bearer ${await identity.token()}`;
  if (identity?.kind === 'local') h['x-quorum-as'] = identity.aadObjectId;
  return h;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`/api/${path}`, {
    method,
    headers: await headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    const text = await res.text();
    let parsed: { error?: string; problems?: Problem[] } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { error: text || res.statusText };
    }
    throw new ApiError(res.status, parsed.error ?? `The server answered ${res.status}.`, parsed.problems ?? []);
  }
  return res;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Reads started before the page has drawn anything (who you are, the first screen's list), handed to
 * the first screen that asks for them, once: the page's first load is then one round of requests
 * overlapping the script's start-up, not a chain of them.
 */
const early = new Map<string, { at: number; value: Promise<unknown> }>();
/** An early read older than this is not the first screen's any more: read afresh. */
const EARLY_FOR_MS = 10_000;

export function prefetch(path: string): void {
  if (!early.has(path)) early.set(path, { at: Date.now(), value: call('GET', path).catch((err: unknown) => err) });
}

export async function get<T>(path: string): Promise<T> {
  const started = early.get(path);
  early.delete(path);
  if (started && Date.now() - started.at < EARLY_FOR_MS) {
    const value = await started.value;
    if (value instanceof Error) throw value;
    return value as T;
  }
  return call<T>('GET', path);
}

/** A file from the API (the minutes in Word, say), fetched with the person's identity and saved. */
export async function download(path: string, name: string): Promise<void> {
  const res = await send('GET', path);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function text(path: string): Promise<string> {
  return (await send('GET', path)).text();
}

/** A fresh id for one press of a button, so that a retried request is recorded once. */
export const submissionId = () => crypto.randomUUID();
