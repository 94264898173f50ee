import type { Container, ItemDefinition, SqlParameter } from '@azure/cosmos';
import { isDeepStrictEqual } from 'node:util';
import type { ZodType, ZodTypeDef } from 'zod';

export interface Versioned<T> {
  value: T;
  etag: string;
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn'];

/** The HTTP status a Cosmos SDK error carries. */
export function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number'
    ? err.code
    : undefined;
}

/**
 * One container's documents, parsed with a zod schema on the way out so nothing malformed reaches
 * the domain. `toDoc`/`fromDoc` add and strip storage-only fields (partition key, sort keys).
 */
export class DocumentStore<T> {
  constructor(
    private readonly container: Container,
    private readonly schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly toDoc: (value: T) => Record<string, unknown> = (v) => ({ ...(v as object) }),
    private readonly storageFields: readonly string[] = [],
  ) {}

  private fromDoc(doc: ItemDefinition): Versioned<T> {
    const etag = String(doc._etag ?? '');
    const clean = Object.fromEntries(
      Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.includes(k) && !this.storageFields.includes(k)),
    );
    return { value: this.schema.parse(clean), etag };
  }

  async get(id: string, partitionKey: string): Promise<Versioned<T> | undefined> {
    try {
      const { resource } = await this.container.item(id, partitionKey).read<ItemDefinition>();
      return resource ? this.fromDoc(resource) : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Fails with ConflictError if the id exists: how idempotency keys make a retry record once. */
  async create(value: T): Promise<Versioned<T>> {
    try {
      const { resource } = await this.container.items.create(this.toDoc(value));
      return this.fromDoc(resource as ItemDefinition);
    } catch (err) {
      if (statusOf(err) === 409) throw new ConflictError('a document with this id already exists');
      throw err;
    }
  }

  async upsert(value: T): Promise<Versioned<T>> {
    const { resource } = await this.container.items.upsert(this.toDoc(value));
    return this.fromDoc(resource as ItemDefinition);
  }

  /**
   * Read-modify-write under optimistic concurrency: `change` sees the current value (or undefined)
   * and returns the new one; a concurrent writer makes us read again and re-apply, so no update is lost.
   */
  async update(
    id: string,
    partitionKey: string,
    change: (current: T | undefined) => T | Promise<T>,
    attempts = 20,
  ): Promise<Versioned<T>> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.get(id, partitionKey);
      // The change may read other documents: it sees them as they are after `current` was read.
      const next = await change(current?.value);
      if (current && isDeepStrictEqual(next, current.value)) return current;
      try {
        if (!current) return await this.create(next);
        const { resource } = await this.container
          .item(id, partitionKey)
          .replace(this.toDoc(next), { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return this.fromDoc(resource as ItemDefinition);
      } catch (err) {
        const raced = statusOf(err) === 412 || err instanceof ConflictError;
        if (!raced || attempt >= attempts - 1) throw err;
        // Jitter so that forty people checking in at once do not retry in lock-step.
        await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  async query(sql: string, parameters: SqlParameter[] = []): Promise<T[]> {
    const { resources } = await this.container.items.query<ItemDefinition>({ query: sql, parameters }).fetchAll();
    return resources.map((r) => this.fromDoc(r).value);
  }
}
