import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from '../domain/common';
import { MinutesDraftSchema, minutesDraftId, type MinutesDraft } from '../domain/minutes';
import type { MeetingRecord } from '../domain/record';
import { DocumentStore, type Versioned } from './documentStore';

const MeetingRecordSchema = z.custom<MeetingRecord>(
  (v) => typeof v === 'object' && v !== null && 'heading' in v && Array.isArray((v as { minutes?: unknown }).minutes),
  'not an assembled meeting record',
);

/** One assembly of the minutes: drafts accumulate; a confirmed version is frozen. */
export const RecordVersionSchema = z
  .object({
    id: IdSchema,
    committeeId: IdSchema,
    meetingId: IdSchema,
    version: z.number().int().min(1),
    status: z.enum(['draft', 'confirmed']),
    full: MeetingRecordSchema,
    public: MeetingRecordSchema,
    createdAt: IsoInstantSchema,
    createdBy: IdSchema,
    confirmedAt: IsoInstantSchema.optional(),
    confirmedAtMeeting: IdSchema.optional(),
    amendment: shortText(2000).optional(),
  })
  .strict();
export type RecordVersion = z.infer<typeof RecordVersionSchema>;

export const recordVersionId = (meetingId: string, version: number) => `${meetingId}-record-v${version}`;

/**
 * The `records` container holds the clerk's minute text for each meeting and every assembled version
 * of its minutes, told apart by a storage-only `docType`.
 */
export class RecordRepository {
  readonly minutes: DocumentStore<MinutesDraft>;
  readonly versions: DocumentStore<RecordVersion>;

  constructor(container: Container) {
    this.minutes = new DocumentStore(container, MinutesDraftSchema, (m) => ({ ...m, docType: 'minutes' }), ['docType']);
    this.versions = new DocumentStore(container, RecordVersionSchema, (v) => ({ ...v, docType: 'record' }), [
      'docType',
    ]);
  }

  async minutesOf(committeeId: string, meetingId: string): Promise<MinutesDraft | undefined> {
    return (await this.minutes.get(minutesDraftId(meetingId), committeeId))?.value;
  }

  /** Read-modify-write of the clerk's text under ETag retry: two clerks editing different items both land. */
  async updateMinutes(
    committeeId: string,
    meetingId: string,
    change: (current: MinutesDraft | undefined) => MinutesDraft,
  ): Promise<Versioned<MinutesDraft>> {
    return this.minutes.update(minutesDraftId(meetingId), committeeId, change);
  }

  async versionsOf(committeeId: string, meetingId: string): Promise<RecordVersion[]> {
    return this.versions.query(
      "SELECT * FROM r WHERE r.committeeId = @c AND r.meetingId = @m AND r.docType = 'record' ORDER BY r.version",
      [
        { name: '@c', value: committeeId },
        { name: '@m', value: meetingId },
      ],
    );
  }

  /** Fails with ConflictError if that version number was just taken by another assembly. */
  async addVersion(v: RecordVersion): Promise<RecordVersion> {
    return (await this.versions.create(v)).value;
  }

  async confirm(committeeId: string, id: string, change: (v: RecordVersion) => RecordVersion): Promise<RecordVersion> {
    return (
      await this.versions.update(id, committeeId, (v) => {
        if (!v) throw new Error(`record version ${id} does not exist`);
        return change(v);
      })
    ).value;
  }
}
