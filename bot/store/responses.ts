import type { Container } from '@azure/cosmos';
import { isDeepStrictEqual } from 'node:util';
import { ResponseSchema, type Response } from '../domain/responses';
import { ConflictError, DocumentStore } from './documentStore';

export type AppendResult =
  | { recorded: true; response: Response }
  | { recorded: false; reason: 'duplicate'; response: Response }
  | { recorded: false; reason: 'key-reused' };

/** What a refused reuse of a key says, on every surface. */
export const KEY_REUSED =
  'That request carried the key of a different request already recorded (for another meeting, person or kind of answer), so nothing was recorded. Please send it again.';

/**
 * Whether a stored response is the same operation as a new one with its key: the same answer, about
 * the same person, for the same meeting, by the same hand (only the moment differs). Only then is a
 * repeat a retry.
 */
export const sameOperation = (a: Response, b: Response) =>
  isDeepStrictEqual({ ...a, recordedAt: '' }, { ...b, recordedAt: '' });

/** A key seen in a meeting's history: a retry of this operation, another operation's key, or new. */
export function keyIn(history: readonly Response[], key: string, operation: Pick<Response, 'kind' | 'personId'>) {
  const seen = history.find((r) => r.id === key);
  if (!seen) return 'new' as const;
  return seen.kind === operation.kind && seen.personId === operation.personId
    ? ('retry' as const)
    : ('reused' as const);
}

/**
 * Append-only: there is no update and no delete. A change is a new document naming the one it
 * supersedes. A document's id is the card submission's idempotency key, so a Teams retry of the
 * same submission is refused by the store itself and records once; the same key on another
 * operation is refused as such, never taken for a retry.
 */
export class ResponseRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<Response>;

  constructor(container: Container) {
    this.docs = new DocumentStore(container, ResponseSchema);
  }

  async append(response: Response): Promise<AppendResult> {
    try {
      return { recorded: true, response: (await this.docs.create(response)).value };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // The key is taken: a retry of this very operation, or someone else's key, never acknowledged.
      const stored = await this.docs.get(response.id, response.committeeId);
      return stored && sameOperation(stored.value, response)
        ? { recorded: false, reason: 'duplicate', response: stored.value }
        : { recorded: false, reason: 'key-reused' };
    }
  }

  /** Every response ever made for the meeting, oldest first: history included. */
  async forMeeting(committeeId: string, meetingId: string): Promise<Response[]> {
    return this.docs.query('SELECT * FROM r WHERE r.committeeId = @c AND r.meetingId = @m ORDER BY r.recordedAt', [
      { name: '@c', value: committeeId },
      { name: '@m', value: meetingId },
    ]);
  }
}
