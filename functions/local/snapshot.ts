import type { Database, ItemDefinition } from '@azure/cosmos';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONTAINERS, type ContainerName } from '../../bot/store/database';
import { withoutSystemFields } from './journal';

/**
 * The local Cosmos protocol server keeps data in memory, so the local host saves every container to
 * one JSON file and loads it on the next start; the writes since are in the journals (journal.ts).
 * Written to a temporary file, flushed, then renamed, so a crash mid-write leaves the previous
 * snapshot intact. Readable by its owner only: it holds people's reasons for apologies.
 */
type Snapshot = Partial<Record<ContainerName, ItemDefinition[]>> & {
  /** The last journal this snapshot holds; later ones are replayed on top of it. */
  journal?: number;
};

export async function takeSnapshot(database: Database, journal?: number): Promise<string> {
  const snapshot: Snapshot = journal === undefined ? {} : { journal };
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    const { resources } = await database.container(name).items.readAll().fetchAll();
    snapshot[name] = resources.map(withoutSystemFields).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return JSON.stringify(snapshot);
}

export function writeSnapshot(file: string, json: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(`${file}.tmp`, 'w', 0o600);
  try {
    writeSync(fd, json);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.tmp`, file);
}

/** Loads the snapshot into empty containers: how many documents, and the last journal it holds. */
export async function restoreSnapshot(
  database: Database,
  file: string,
): Promise<{ documents: number; journal: number }> {
  if (!existsSync(file)) return { documents: 0, journal: 0 };
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  let documents = 0;
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    for (const doc of snapshot[name] ?? []) {
      await database.container(name).items.upsert(doc);
      documents++;
    }
  }
  return { documents, journal: snapshot.journal ?? 0 };
}
