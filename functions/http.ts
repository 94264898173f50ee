import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';

export interface Problem {
  path: string;
  message: string;
}

export function json(status: number, body: unknown): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8' } };
}

export function problems(status: number, error: string, list: Problem[] = []): HttpResponseInit {
  return json(status, { error, problems: list });
}

export const notFound = (what: string) => problems(404, `${what} was not found.`);

export function zodProblems(err: ZodError): Problem[] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/**
 * 256 KB is far beyond any request Quorum's screens, cards or API callers make (a whole committee is
 * ~30 KB, an action-log import of 500 rows ~150 KB); a larger body is a mistake or an attack.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyBytes = { ok: true; bytes: Uint8Array } | { ok: false; response: HttpResponseInit };
export type BodyText = { ok: true; text: string } | { ok: false; response: HttpResponseInit };

const sizeWords = (limit: number) =>
  limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;

/**
 * The request body, read as a stream and abandoned as soon as it passes the limit, so a huge body
 * never sits in memory or reaches a parser. A declared length over the limit is refused unread.
 */
export async function readBodyBytes(
  req: HttpRequest,
  limit = MAX_BODY_BYTES,
  tooLargeWhy?: string,
): Promise<BodyBytes> {
  const tooLarge = {
    ok: false as const,
    response: problems(413, tooLargeWhy ?? `The request is too large: at most ${sizeWords(limit)} is accepted.`),
  };
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) return tooLarge;
  if (!req.body) return { ok: true, bytes: new Uint8Array() };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) };
}

export async function readBodyText(req: HttpRequest, limit = MAX_BODY_BYTES): Promise<BodyText> {
  const read = await readBodyBytes(req, limit);
  return read.ok ? { ok: true, text: Buffer.from(read.bytes).toString('utf8') } : read;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

/** Reads the body as JSON and validates it: every problem listed by field path, or the value. */
export async function parseBody<T>(
  req: HttpRequest,
  schema: ZodType<T, ZodTypeDef, unknown>,
  overlay: Record<string, unknown> = {},
  /** A signed-in caller acts as themselves: this field is theirs, filled in when left out. */
  actor?: { field: string; personId: string },
): Promise<Parsed<T>> {
  const read = await readBodyText(req);
  if (!read.ok) return read;
  const text = read.text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      response: problems(400, 'The request body is not valid JSON.', [
        { path: '(body)', message: (err as Error).message },
      ]),
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, response: problems(400, 'The request body must be a JSON object.') };
  for (const [key, value] of Object.entries(overlay)) {
    const given = (body as Record<string, unknown>)[key];
    if (given !== undefined && given !== value)
      return {
        ok: false,
        response: problems(400, 'The body does not match the address.', [
          { path: key, message: `must be "${String(value)}" (from the URL) or left out` },
        ]),
      };
  }
  if (actor) {
    const given = (body as Record<string, unknown>)[actor.field];
    if (given !== undefined && given !== actor.personId)
      return {
        ok: false,
        response: problems(403, 'You can act only as yourself; nothing was saved.', [
          { path: actor.field, message: `must be your own id ("${actor.personId}") or left out` },
        ]),
      };
  }
  const parsed = schema.safeParse({ ...body, ...overlay, ...(actor ? { [actor.field]: actor.personId } : {}) });
  if (!parsed.success)
    return {
      ok: false,
      response: problems(400, 'The request was not valid; nothing was saved.', zodProblems(parsed.error)),
    };
  return { ok: true, value: parsed.data };
}
