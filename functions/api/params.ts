import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { IdSchema } from '../../bot/domain/common';
import { problems } from '../http';

/** Route parameters become ids in the store: check them like any other input. */
export function idParam(req: HttpRequest, name: string): string | undefined {
  const parsed = IdSchema.safeParse(req.params[name]);
  return parsed.success ? parsed.data : undefined;
}

export const badId = (name: string): HttpResponseInit =>
  problems(400, `The ${name} in the address is not a valid id.`, [
    { path: name, message: 'may contain only letters, digits, dots, dashes and underscores' },
  ]);

/** A whole number from the address, written plainly ("6"): not "0x6", " 6", "6.0" or "06". */
export function wholeNumberParam(req: HttpRequest, name: string, max = 999): number | undefined {
  const raw = req.params[name] ?? '';
  if (!/^[1-9]\d{0,5}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= max ? n : undefined;
}
