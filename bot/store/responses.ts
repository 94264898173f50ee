import type { Container } from '@azure/cosmos';
import { ResponseSchema, type Response } from '../domain/responses';
import { ConflictError, DocumentStore } from './documentStore';

export type AppendResult = { recorded: true; response: Response } | { recorded: false; reason: 'duplicate' };

/**
 * Append-only: there is no update and no delete. A change is a new document naming the one it
 * supersedes. A document's id is the card submission's idempotency key, so a Teams retry of the
 * same submission is refused by the store itself and records once.
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
      if (err instanceof ConflictError) return { recorded: false, reason: 'duplicate' };
      throw err;
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
