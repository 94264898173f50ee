import type { Container, ItemDefinition, SqlParameter } from '@azure/cosmos';
import { isDeepStrictEqual } from 'node:util';
import type { ZodType, ZodTypeDef } from 'zod';
import { log } from '../log';

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

/**
 * A write the store refused because the document would break a rule it is read with (a limit, most
 * often): nothing was written. Its message says what, in words a clerk can act on.
 */
export class RefusedWrite extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'RefusedWrite';
  }
}

/** A stored document that no longer passes its schema (written by an older version, or by hand). */
export class UnreadableDocument extends Error {
  constructor(
    readonly container: string,
    readonly id: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`the stored document "${id}" in ${container} cannot be read`);
    this.name = 'UnreadableDocument';
  }
}

const problemsOf = (issues: { path: (string | number)[]; message: string }[]) =>
  issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn'];

/** The HTTP status a Cosmos SDK error carries. */
export function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number'
    ? err.code
    : undefined;
}

/**
 * One container's documents, checked with the same zod schema on the way in and on the way out: a
 * write that would make a document unreadable is refused before anything is written, and nothing
 * malformed reaches the domain. `toDoc`/`fromDoc` add and strip storage-only fields (partition key,
 * sort keys).
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
    const parsed = this.schema.safeParse(clean);
    if (!parsed.success)
      throw new UnreadableDocument(this.container.id, String(doc.id), problemsOf(parsed.error.issues));
    return { value: parsed.data, etag };
  }

  /** The document to write, checked exactly as it will be read back. */
  private docOf(value: T): Record<string, unknown> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new RefusedWrite(problemsOf(parsed.error.issues));
    return this.toDoc(parsed.data);
  }

  get containerId(): string {
    return this.container.id;
  }

  /** The stored document as it is, unchecked: for a clerk repairing one that cannot be read. */
  async raw(id: string, partitionKey: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { resource } = await this.container.item(id, partitionKey).read<ItemDefinition>();
      return resource
        ? Object.fromEntries(Object.entries(resource).filter(([k]) => !SYSTEM_FIELDS.includes(k)))
        : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Whether a document (storage fields included, as `raw` gives it) is one of this store's, read as it would be. */
  check(
    raw: Record<string, unknown>,
  ): { ok: true; value: T } | { ok: false; problems: { path: string; message: string }[] } {
    const clean = Object.fromEntries(
      Object.entries(raw).filter(([k]) => !SYSTEM_FIELDS.includes(k) && !this.storageFields.includes(k)),
    );
    const parsed = this.schema.safeParse(clean);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error.issues) };
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
      const { resource } = await this.container.items.create(this.docOf(value));
      return this.fromDoc(resource as ItemDefinition);
    } catch (err) {
      if (statusOf(err) === 409) throw new ConflictError('a document with this id already exists');
      throw err;
    }
  }

  /** Replaces the document at this id and partition, whatever it held (a repair): checked like any write. */
  async replaceAt(id: string, partitionKey: string, value: T): Promise<Versioned<T>> {
    const { resource } = await this.container.item(id, partitionKey).replace(this.docOf(value));
    return this.fromDoc(resource as ItemDefinition);
  }

  async upsert(value: T): Promise<Versioned<T>> {
    const { resource } = await this.container.items.upsert(this.docOf(value));
    return this.fromDoc(resource as ItemDefinition);
  }

  /**
   * Read-modify-write under optimistic concurrency: `change` sees the current value (or undefined)
   * and returns the new one; a concurrent writer makes us read again and re-apply, so no update is lost.
   * `known` is the document as the caller has just read it: the first attempt starts from it instead
   * of reading again (a stale one simply loses the ETag race and is read afresh).
   */
  async update(
    id: string,
    partitionKey: string,
    change: (current: T | undefined) => T | Promise<T>,
    { attempts = 20, known }: { attempts?: number; known?: Versioned<T> } = {},
  ): Promise<Versioned<T>> {
    for (let attempt = 0; ; attempt++) {
      const current = attempt === 0 && known ? known : await this.get(id, partitionKey);
      // The change may read other documents: it sees them as they are after `current` was read.
      const next = await change(current?.value);
      if (current && isDeepStrictEqual(next, current.value)) return current;
      try {
        if (!current) return await this.create(next);
        const { resource } = await this.container
          .item(id, partitionKey)
          .replace(this.docOf(next), { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return this.fromDoc(resource as ItemDefinition);
      } catch (err) {
        const raced = statusOf(err) === 412 || err instanceof ConflictError;
        if (!raced || attempt >= attempts - 1) throw err;
        // Jitter so that forty people checking in at once do not retry in lock-step.
        await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
      }
    }
  }

  /**
   * The documents a query finds. One that cannot be read is left out and logged with its id, so that
   * a single bad document never takes a whole list (a committee's meetings, its action log) down.
   */
  async query(sql: string, parameters: SqlParameter[] = []): Promise<T[]> {
    return (await this.queryVersioned(sql, parameters)).map((v) => v.value);
  }

  /** As `query`, with each document's ETag: a later conditional write needs no read first. */
  async queryVersioned(sql: string, parameters: SqlParameter[] = []): Promise<Versioned<T>[]> {
    const { resources } = await this.container.items.query<ItemDefinition>({ query: sql, parameters }).fetchAll();
    const values: Versioned<T>[] = [];
    for (const r of resources) {
      try {
        values.push(this.fromDoc(r));
      } catch (err) {
        if (!(err instanceof UnreadableDocument)) throw err;
        log.error('document-unreadable', {
          container: err.container,
          id: err.id,
          problems: err.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        });
      }
    }
    return values;
  }
}
