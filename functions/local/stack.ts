import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../bot/config';
import { loadDemoIfEmpty } from '../../bot/features/demo';
import { log } from '../../bot/log';
import { CONTAINERS, createCosmosClient, openContainers, type CosmosConnection } from '../../bot/store/database';
import { routes } from '../routes';
import { TIMERS } from '../timers';
import { createServices, type Services } from '../services';
import { startLocalCosmos, type LocalCosmos, type WriteSeen } from './cosmosServer';
import { startLocalHost } from './host';
import { Journal, replayJournals, type JournalEntry } from './journal';
import { restoreSnapshot, takeSnapshot, writeSnapshot } from './snapshot';

export interface LocalStack {
  url: string;
  services: Services;
  cosmos: CosmosConnection;
  /** The local Cosmos protocol server, when there is one (tests stop it to see an outage answered). */
  localCosmos?: LocalCosmos;
  /** Folds the journal of writes into the snapshot now (no-op against a real Cosmos DB). */
  snapshot(): Promise<void>;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  config: Config;
  /** 0 picks a free port. */
  port?: number;
  now?: () => Date;
  /** Where snapshots and the certificate live; without it nothing is persisted (tests). */
  dataDir?: string;
  /** Run the scheduled jobs on start and every hour (npm start); tests call them directly. */
  runTimers?: boolean;
  snapshotEveryMs?: number;
  /** Another instance's store: two hosts on one Cosmos database, as Azure Functions scales out. */
  sharedCosmos?: CosmosConnection;
}

/**
 * The whole product on one machine: a Cosmos DB protocol server (unless COSMOS_ENDPOINT points at a
 * real account), the store, the bot and the HTTP API on one port. `npm start` and the integration
 * tests both run exactly this.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const { config } = opts;
  let local: LocalCosmos | undefined;
  let cosmos: CosmosConnection;
  // Against the local protocol server with a data folder, every acknowledged write is journalled first.
  const dataDir = !config.cosmos.endpoint && !opts.sharedCosmos ? opts.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const journal = dataDir ? Journal.open(dataDir) : undefined;
  // Loading the saved data is not journalled: until the first new snapshot, the old files still hold it.
  let restoring = true;
  if (opts.sharedCosmos) cosmos = opts.sharedCosmos;
  else if (config.cosmos.endpoint) {
    cosmos = { endpoint: config.cosmos.endpoint, key: config.cosmos.key, database: config.cosmos.database };
  } else {
    local = await startLocalCosmos({
      certDir: dataDir && join(dataDir, 'tls'),
      ...(journal
        ? {
            onWrite: (w: WriteSeen) => {
              if (!restoring && w.container in CONTAINERS) journal.append(w as JournalEntry);
            },
          }
        : {}),
    });
    cosmos = { endpoint: local.endpoint, key: local.key, database: config.cosmos.database, agent: local.agent };
  }

  const snapshotFile = dataDir ? join(dataDir, 'cosmos-snapshot.json') : undefined;
  const { database } = await openContainers(createCosmosClient(cosmos), cosmos.database, Boolean(cosmos.key));
  if (snapshotFile && dataDir) {
    const restored = await restoreSnapshot(database, snapshotFile);
    const replayed = await replayJournals(database, dataDir, restored.journal);
    if (restored.documents || replayed)
      log.info('data-restored', { documents: restored.documents, journalled: replayed, file: snapshotFile });
  }

  const now = opts.now ?? (() => new Date());
  const services = await createServices(config, cosmos, now);
  if (config.loadDemo && (await loadDemoIfEmpty(services.store, now())))
    log.info('demo-loaded', { committee: 'lscsb' });

  const host = await startLocalHost(
    routes(async () => services),
    opts.port ?? config.port,
  );

  /**
   * Folds the journal into a new snapshot: new writes go to a fresh journal first, so the snapshot
   * holds everything in the older ones, which are then removed.
   */
  const fold = async (evenIfClean: boolean) => {
    if (!snapshotFile || !journal || (!evenIfClean && !journal.dirty)) return;
    const covered = journal.rotate();
    writeSnapshot(snapshotFile, await takeSnapshot(database, covered));
    journal.discardUpTo(covered);
  };
  const snapshot = () => fold(false);
  restoring = false;
  // At start, the journals replayed above are folded in even though nothing new was written.
  await fold(true);
  const timer = snapshotFile
    ? setInterval(
        () => void snapshot().catch((e: Error) => log.error('snapshot-failed', { error: e.message })),
        opts.snapshotEveryMs ?? 30_000,
      )
    : undefined;

  const run = (t: (typeof TIMERS)[number]) =>
    t.run(services).catch((e: Error) => log.error('timer-failed', { timer: t.name, error: e.message }));
  const timerLoops: NodeJS.Timeout[] = [];
  if (opts.runTimers)
    for (const t of TIMERS) {
      void run(t);
      timerLoops.push(setInterval(() => void run(t), t.localEveryMs));
    }

  return {
    url: host.url,
    services,
    cosmos,
    ...(local ? { localCosmos: local } : {}),
    snapshot,
    // In this order: stop accepting and let the turns under way finish, then save, then stop the store.
    close: async () => {
      if (timer) clearInterval(timer);
      for (const loop of timerLoops) clearInterval(loop);
      await host.close();
      await snapshot();
      journal?.close();
      await local?.close();
    },
  };
}
