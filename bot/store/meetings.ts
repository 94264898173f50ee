import type { Container } from '@azure/cosmos';
import { MeetingSchema, type Meeting } from '../domain/meeting';
import { ConflictError, DocumentStore } from './documentStore';

/**
 * Meetings live in their committee's partition; ids are unique across committees so that routes
 * can be /api/meetings/{id}. `startsAtUtc` is a storage-only sort key: offsets make the text of
 * `startsAt` sort wrongly across a clock change.
 */
export class MeetingRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<Meeting>;

  constructor(container: Container) {
    this.docs = new DocumentStore(
      container,
      MeetingSchema,
      (m) => ({ ...m, startsAtUtc: new Date(m.startsAt).toISOString() }),
      ['startsAtUtc'],
    );
  }

  async put(meeting: Meeting): Promise<Meeting> {
    const existing = await this.find(meeting.id);
    if (existing && existing.committeeId !== meeting.committeeId)
      throw new ConflictError(`meeting id "${meeting.id}" is already used by committee "${existing.committeeId}"`);
    return (await this.docs.upsert(meeting)).value;
  }

  async get(committeeId: string, id: string): Promise<Meeting | undefined> {
    return (await this.docs.get(id, committeeId))?.value;
  }

  /** Read-modify-write under ETag retry (the chair moving to the next item while the clerk edits). */
  async update(
    committeeId: string,
    id: string,
    change: (current: Meeting) => Meeting | Promise<Meeting>,
  ): Promise<Meeting> {
    return (
      await this.docs.update(id, committeeId, (current) => {
        if (!current) throw new Error(`meeting ${id} does not exist`);
        return change(current);
      })
    ).value;
  }

  /** By id alone, across committees. */
  async find(id: string): Promise<Meeting | undefined> {
    const [found] = await this.docs.query('SELECT * FROM m WHERE m.id = @id', [{ name: '@id', value: id }]);
    return found;
  }

  /** Meetings with a circulation set for later and not yet published: what the minute timer looks at. */
  /** The meetings whose Teams meeting has this chat (one, unless a series reuses it), soonest first. */
  async byChatId(chatId: string): Promise<Meeting[]> {
    return this.docs.query('SELECT * FROM m WHERE m.teams.chatId = @chat ORDER BY m.startsAtUtc', [
      { name: '@chat', value: chatId },
    ]);
  }

  async withScheduledPublication(): Promise<Meeting[]> {
    return this.docs.query(
      'SELECT * FROM m WHERE IS_DEFINED(m.scheduledPublication) AND NOT IS_DEFINED(m.publication)',
    );
  }

  /** Soonest first. */
  async forCommittee(committeeId: string): Promise<Meeting[]> {
    return this.docs.query('SELECT * FROM m WHERE m.committeeId = @c ORDER BY m.startsAtUtc', [
      { name: '@c', value: committeeId },
    ]);
  }
}
