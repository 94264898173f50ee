import type { Database, ItemDefinition } from '@azure/cosmos';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../../bot/log';
import { CONTAINERS, type ContainerName } from '../../bot/store/database';
import { statusOf } from '../../bot/store/documentStore';

/**
 * The local Cosmos protocol server keeps its data in memory. Every write it acknowledges is first
 * appended to a journal and flushed to disk (fsync), so a crash loses nothing that was answered; on
 * start the snapshot is loaded and the journals after it replayed; now and then the journal is
 * folded into a new snapshot (see stack.ts). A journal is one JSON line per write.
 */
export type JournalEntry =
  | { container: ContainerName; op: 'put'; doc: ItemDefinition }
  | { container: ContainerName; op: 'delete'; id: string; partitionKey: unknown };

const FILE = /^cosmos-journal-(\d+)\.jsonl$/;
const fileOf = (dir: string, generation: number) => join(dir, `cosmos-journal-${generation}.jsonl`);
const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_ts', '_attachments']);

export const withoutSystemFields = (doc: ItemDefinition) =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.has(k))) as ItemDefinition;

/** The journals in a folder, oldest first. */
function generations(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => FILE.exec(f)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export class Journal {
  private fd: number;
  private written = 0;

  private constructor(
    private readonly dir: string,
    private generation: number,
  ) {
    this.fd = openSync(fileOf(dir, generation), 'a', 0o600);
  }

  /** Opens a new journal after every existing one (they stay until a snapshot covers them). */
  static open(dir: string): Journal {
    return new Journal(dir, (generations(dir).at(-1) ?? 0) + 1);
  }

  /** Durable before it returns: the caller answers the write only after this. */
  append(entry: JournalEntry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
    this.written++;
  }

  /** Whether anything was written since the journal was last rotated. */
  get dirty(): boolean {
    return this.written > 0;
  }

  /**
   * Starts a new journal and returns the generation every later snapshot covers: writes from now
   * on go to the new file, and a snapshot taken after this holds everything in the older ones.
   */
  rotate(): number {
    const covered = this.generation;
    closeSync(this.fd);
    this.generation++;
    this.fd = openSync(fileOf(this.dir, this.generation), 'a', 0o600);
    this.written = 0;
    return covered;
  }

  /** Removes the journals a saved snapshot now holds. */
  discardUpTo(generation: number): void {
    for (const g of generations(this.dir)) if (g <= generation) rmSync(fileOf(this.dir, g), { force: true });
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Applies the journals written after the snapshot (generation `after`), oldest first. A line cut off
 * by a crash was never acknowledged (the write is answered after its line is on disk): it is skipped.
 */
export async function replayJournals(database: Database, dir: string, after: number): Promise<number> {
  let count = 0;
  for (const g of generations(dir).filter((x) => x > after)) {
    for (const line of readFileSync(fileOf(dir, g), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        log.warn('journal-line-skipped', { generation: g });
        continue;
      }
      if (!(entry.container in CONTAINERS)) continue;
      const container = database.container(entry.container);
      if (entry.op === 'put') await container.items.upsert(withoutSystemFields(entry.doc));
      else
        await container
          .item(entry.id, entry.partitionKey as string)
          .delete()
          .catch((err: unknown) => {
            if (statusOf(err) !== 404) throw err;
          });
      count++;
    }
  }
  return count;
}
