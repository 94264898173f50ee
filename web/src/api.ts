/**
 * The page's one way to the server: every screen calls the HTTP API with the signed-in person's
 * identity (a Teams SSO token, or the local picker's choice) and gets problems back by field path.
 */
import { answerOf, type Answer } from './start/firstReads';

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
  if (!res.ok) throw refusal(await answerOf(res));
  return res;
}

/** The server's message and field problems, as an error to show. */
function refusal(a: Answer): ApiError {
  let parsed: { error?: string; problems?: Problem[] } = {};
  try {
    parsed = JSON.parse(a.text) as typeof parsed;
  } catch {
    parsed = { error: a.text || a.statusText };
  }
  return new ApiError(a.status, parsed.error ?? `The server answered ${a.status}.`, parsed.problems ?? []);
}

/** A successful answer's JSON; a refusal thrown. */
function bodyOf<T>(a: Answer): T {
  if (a.status >= 400) throw refusal(a);
  return (a.text ? JSON.parse(a.text) : undefined) as T;
}

export async function call<T>(method: string, path: string, payload?: unknown): Promise<T> {
  const res = await send(method, path, payload);
  return bodyOf<T>({ status: res.status, statusText: res.statusText, text: await res.text() });
}

/** An early read (web/src/start/early.ts) older than this is not the first screen's any more: read afresh. */
const EARLY_FOR_MS = 10_000;

/** The early read of `path`, taken (each is used once), if it is this person's and still fresh. */
function takeEarly(path: string) {
  const early = window.quorumEarly?.get(path);
  if (!early || identity?.kind !== 'local' || early.as !== identity.aadObjectId) return undefined;
  window.quorumEarly?.delete(path);
  return Date.now() - early.at < EARLY_FOR_MS ? early : undefined;
}

/** A read: the one the page started before its script ran, if there is a fresh one, else a new one. */
export async function get<T>(path: string): Promise<T> {
  const early = takeEarly(path);
  return early ? bodyOf<T>(await early.answer) : call<T>('GET', path);
}

/**
 * An early read that has already answered, now: the first screen then draws with its data in one
 * go, instead of drawing "Loading…" and drawing again a moment later.
 */
export function readNow<T>(path: string): { value: T } | undefined {
  const early = window.quorumEarly?.get(path);
  if (!early?.settled || early.settled.status >= 400) return undefined;
  const taken = takeEarly(path);
  return taken?.settled ? { value: bodyOf<T>(taken.settled) } : undefined;
}

/**
 * A read that may not have changed: sends back the ETag of what the page already has, and learns
 * "not changed" (304) without a body, so polling a live screen costs almost nothing.
 */
export async function readIfChanged<T>(
  path: string,
  etag: string | undefined,
): Promise<{ changed: false } | { changed: true; data: T; etag: string | undefined }> {
  const res = await fetch(`/api/${path}`, { headers: await headers(etag ? { 'if-none-match': etag } : {}) });
  if (res.status === 304) return { changed: false };
  if (!res.ok) throw refusal(await answerOf(res));
  return { changed: true, data: (await res.json()) as T, etag: res.headers.get('etag') ?? undefined };
}

/** Saves what an object URL holds under `name`, as the browser's download. */
function save(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/** A file from the API (the minutes in Word, say), fetched with the person's identity and saved. */
export async function download(path: string, name: string): Promise<void> {
  const res = await send('GET', path);
  const url = URL.createObjectURL(await res.blob());
  save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file sent as it is (a report to attach), with the person's identity; the answer's JSON. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const res = await fetch(`/api/${path}`, {
    method: 'PUT',
    headers: await headers({ 'content-type': file.type || 'application/octet-stream' }),
    body: file,
  });
  return bodyOf<T>(await answerOf(res));
}

/**
 * A PDF from the API opened in a new window (the browser's, or Teams', viewer): fetched with the
 * person's identity, which a plain link cannot carry. Where a new window is not allowed, it is saved.
 */
export async function openPdf(path: string, name: string): Promise<void> {
  const res = await send('GET', path);
  const url = URL.createObjectURL(await res.blob());
  if (!window.open(url, '_blank')) save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function text(path: string): Promise<string> {
  return (await send('GET', path)).text();
}

/** A fresh id for one press of a button, so that a retried request is recorded once. */
export const submissionId = () => crypto.randomUUID();
