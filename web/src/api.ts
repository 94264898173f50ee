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

export const get = <T>(path: string) => call<T>('GET', path);

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
