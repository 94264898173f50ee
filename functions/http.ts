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

/** 1 MB is far beyond any committee; a larger body is a mistake or an attack. */
const MAX_BODY_BYTES = 1_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: HttpResponseInit };

/** Reads the body as JSON and validates it: every problem listed by field path, or the value. */
export async function parseBody<T>(
  req: HttpRequest,
  schema: ZodType<T, ZodTypeDef, unknown>,
  overlay: Record<string, unknown> = {},
  /** A signed-in caller acts as themselves: this field is theirs, filled in when left out. */
  actor?: { field: string; personId: string },
): Promise<Parsed<T>> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    return { ok: false, response: problems(413, 'The request body is too large.') };
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
