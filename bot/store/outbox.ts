import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { ConflictError, DocumentStore } from './documentStore';

/**
 * A record that a proactive message was sent, keyed by what it was for (meeting, round, person):
 * claiming the key before sending makes a timer that runs twice send once.
 */
export const SentMarkerSchema = z
  .object({
    id: z.string().min(1),
    committeeId: z.string().min(1),
    kind: z.enum(['chaser', 'chaser-summary']),
    meetingId: z.string().min(1),
    personId: z.string().optional(),
    createdAt: z.string(),
    delivery: z.enum(['pending', 'sent', 'unreachable', 'failed']),
  })
  .strict();
export type SentMarker = z.infer<typeof SentMarkerSchema>;

export class OutboxRepository {
  private readonly docs: DocumentStore<SentMarker>;

  constructor(container: Container) {
    this.docs = new DocumentStore(container, SentMarkerSchema);
  }

  /** True if this caller won the right to send; false if it was already claimed. */
  async claim(marker: SentMarker): Promise<boolean> {
    try {
      await this.docs.create(marker);
      return true;
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  async settle(marker: SentMarker, delivery: SentMarker['delivery']): Promise<void> {
    await this.docs.upsert({ ...marker, delivery });
  }

  async forMeeting(committeeId: string, meetingId: string): Promise<SentMarker[]> {
    return this.docs.query('SELECT * FROM o WHERE o.committeeId = @c AND o.meetingId = @m', [
      { name: '@c', value: committeeId },
      { name: '@m', value: meetingId },
    ]);
  }
}
