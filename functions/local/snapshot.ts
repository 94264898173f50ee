import type { Database, ItemDefinition } from '@azure/cosmos';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONTAINERS, type ContainerName } from '../../bot/store/database';

/**
 * The local Cosmos protocol server keeps data in memory, so the local host saves every container to
 * one JSON file and loads it on the next start. Written to a temporary file then renamed, so a crash
 * mid-write leaves the previous snapshot intact.
 */
type Snapshot = Partial<Record<ContainerName, ItemDefinition[]>>;

const SYSTEM_FIELDS = new Set(['_rid', '_self', '_etag', '_ts', '_attachments']);

export async function takeSnapshot(database: Database): Promise<string> {
  const snapshot: Snapshot = {};
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    const { resources } = await database.container(name).items.readAll().fetchAll();
    snapshot[name] = resources
      .map((doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_FIELDS.has(k))) as ItemDefinition)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return JSON.stringify(snapshot);
}

export function writeSnapshot(file: string, json: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, json);
  renameSync(`${file}.tmp`, file);
}

/** Loads the snapshot into empty containers; returns how many documents it restored. */
export async function restoreSnapshot(database: Database, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  let count = 0;
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    for (const doc of snapshot[name] ?? []) {
      await database.container(name).items.upsert(doc);
      count++;
    }
  }
  return count;
}
