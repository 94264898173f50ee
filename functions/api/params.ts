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
