import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { ConflictError, DocumentStore, type Versioned } from './documentStore';

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

/** One card to one recipient (a person's 1:1 chat, or the committee's channel), with its fate. */
export const DeliverySchema = z
  .object({
    id: z.string().min(1),
    committeeId: z.string().min(1),
    meetingId: z.string().min(1),
    circulationId: z.string().min(1),
    kind: z.enum(['agenda', 'supplement', 'notice']),
    /** A notice's words ("The meeting on … has moved to …"); agendas are drawn from the meeting when sent. */
    text: z.string().max(2000).optional(),
    /** A person, or undefined for the committee's channel. */
    personId: z.string().optional(),
    status: z.enum(['pending', 'sent', 'dead']),
    attempts: z.number().int().min(0),
    nextTryAt: z.string(),
    lastError: z.string().max(500).optional(),
    sentAt: z.string().optional(),
    activityId: z.string().optional(),
    createdAt: z.string(),
    /** In the recipient's papers link: who opened the papers, without a sign-in. */
    token: z.string().uuid(),
  })
  .strict();
export type Delivery = z.infer<typeof DeliverySchema>;

export class OutboxRepository {
  readonly markers: DocumentStore<SentMarker>;
  readonly deliveries: DocumentStore<Delivery>;

  constructor(container: Container) {
    this.markers = new DocumentStore(container, SentMarkerSchema, (m) => ({ ...m, docType: 'marker' }), ['docType']);
    this.deliveries = new DocumentStore(container, DeliverySchema, (d) => ({ ...d, docType: 'delivery' }), ['docType']);
  }

  /** True if this caller won the right to send; false if it was already claimed. */
  async claim(marker: SentMarker): Promise<boolean> {
    try {
      await this.markers.create(marker);
      return true;
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  async settle(marker: SentMarker, delivery: SentMarker['delivery']): Promise<void> {
    await this.markers.upsert({ ...marker, delivery });
  }

  async forMeeting(committeeId: string, meetingId: string): Promise<SentMarker[]> {
    return this.markers.query(
      "SELECT * FROM o WHERE o.committeeId = @c AND o.meetingId = @m AND o.docType = 'marker'",
      [
        { name: '@c', value: committeeId },
        { name: '@m', value: meetingId },
      ],
    );
  }

  /** Queues a delivery; an existing one with the same id (the same circulation, the same person) is kept. */
  async enqueue(d: Delivery): Promise<boolean> {
    try {
      await this.deliveries.create(d);
      return true;
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  /** `known`: the delivery as just read (with its ETag), so the write needs no read first unless it changed since. */
  async updateDelivery(
    committeeId: string,
    id: string,
    change: (d: Delivery) => Delivery,
    known?: Versioned<Delivery>,
  ): Promise<Versioned<Delivery>> {
    return this.deliveries.update(
      id,
      committeeId,
      (d) => {
        if (!d) throw new Error(`delivery ${id} does not exist`);
        return change(d);
      },
      known ? { known } : {},
    );
  }

  async deliveriesFor(committeeId: string, meetingId: string): Promise<Delivery[]> {
    return this.deliveries.query(
      "SELECT * FROM o WHERE o.committeeId = @c AND o.meetingId = @m AND o.docType = 'delivery' ORDER BY o.createdAt",
      [
        { name: '@c', value: committeeId },
        { name: '@m', value: meetingId },
      ],
    );
  }

  async byToken(token: string): Promise<Delivery | undefined> {
    const [found] = await this.deliveries.query("SELECT * FROM o WHERE o.docType = 'delivery' AND o.token = @t", [
      { name: '@t', value: token },
    ]);
    return found;
  }

  /** Everything still to send, across committees: what the sender picks up after a restart. */
  async pending(): Promise<Delivery[]> {
    return (await this.pendingVersioned()).map((v) => v.value);
  }

  /** Everything still to send, each with its ETag, for the sender to settle without reading it again. */
  async pendingVersioned(): Promise<Versioned<Delivery>[]> {
    return this.deliveries.queryVersioned("SELECT * FROM o WHERE o.docType = 'delivery' AND o.status = 'pending'");
  }
}
