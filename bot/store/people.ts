import type { Container } from '@azure/cosmos';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DocumentStore } from './documentStore';

/**
 * The tenant's directory of Teams users Quorum has met: where to send each one a 1:1 message.
 * Keyed by Entra object id (lower case) within the tenant's partition.
 */
export const DirectoryEntrySchema = z
  .object({
    id: z.string().min(1),
    tenantId: z.string().min(1),
    aadObjectId: z.string().min(1),
    name: z.string().optional(),
    /** A botbuilder ConversationReference for the user's personal chat with Quorum. */
    conversationReference: z.record(z.unknown()),
    updatedAt: z.string(),
  })
  .strict();
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export class PeopleDirectory {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<DirectoryEntry>;

  constructor(container: Container) {
    this.docs = new DocumentStore(container, DirectoryEntrySchema);
  }

  async remember(entry: Omit<DirectoryEntry, 'id'>): Promise<void> {
    await this.docs.upsert({ ...entry, id: entry.aadObjectId.toLowerCase() });
  }

  /**
   * Remembers where to reach someone only if that changed (their chat, or the name Teams gives them):
   * a member's every message in their personal chat costs a small read, not a write.
   */
  async rememberIfChanged(entry: Omit<DirectoryEntry, 'id'>): Promise<void> {
    const known = await this.get(entry.tenantId, entry.aadObjectId);
    if (
      known &&
      known.name === entry.name &&
      isDeepStrictEqual(known.conversationReference, JSON.parse(JSON.stringify(entry.conversationReference)))
    )
      return;
    await this.remember(entry);
  }

  async get(tenantId: string, aadObjectId: string): Promise<DirectoryEntry | undefined> {
    return (await this.docs.get(aadObjectId.toLowerCase(), tenantId))?.value;
  }

  /** Several people's entries in one query (a circulation's recipients), by lower-case Entra object id. */
  async getMany(tenantId: string, aadObjectIds: readonly string[]): Promise<Map<string, DirectoryEntry>> {
    const ids = [...new Set(aadObjectIds.map((a) => a.toLowerCase()))];
    if (!ids.length) return new Map();
    const found = await this.docs.query('SELECT * FROM p WHERE p.tenantId = @t AND ARRAY_CONTAINS(@ids, p.id)', [
      { name: '@t', value: tenantId },
      { name: '@ids', value: ids },
    ]);
    return new Map(found.map((e) => [e.id, e]));
  }
}
