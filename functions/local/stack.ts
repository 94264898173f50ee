import { join } from 'node:path';
import type { Config } from '../../bot/config';
import { loadDemoIfEmpty } from '../../bot/features/demo';
import { log } from '../../bot/log';
import { createCosmosClient, openContainers, type CosmosConnection } from '../../bot/store/database';
import { routes } from '../routes';
import { TIMERS } from '../timers';
import { createServices, type Services } from '../services';
import { startLocalCosmos, type LocalCosmos } from './cosmosServer';
import { startLocalHost } from './host';
import { restoreSnapshot, takeSnapshot, writeSnapshot } from './snapshot';

export interface LocalStack {
  url: string;
  services: Services;
  cosmos: CosmosConnection;
  /** Saves the local Cosmos data now (no-op against a real Cosmos DB). */
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
  if (config.cosmos.endpoint) {
    cosmos = { endpoint: config.cosmos.endpoint, key: config.cosmos.key, database: config.cosmos.database };
  } else {
    local = await startLocalCosmos({ certDir: opts.dataDir && join(opts.dataDir, 'tls') });
    cosmos = { endpoint: local.endpoint, key: local.key, database: config.cosmos.database, agent: local.agent };
  }

  const snapshotFile = local && opts.dataDir ? join(opts.dataDir, 'cosmos-snapshot.json') : undefined;
  const { database } = await openContainers(createCosmosClient(cosmos), cosmos.database, Boolean(cosmos.key));
  if (snapshotFile) {
    const restored = await restoreSnapshot(database, snapshotFile);
    if (restored) log.info('snapshot-restored', { documents: restored, file: snapshotFile });
  }

  const now = opts.now ?? (() => new Date());
  const services = await createServices(config, cosmos, now);
  if (config.loadDemo && (await loadDemoIfEmpty(services.store, now())))
    log.info('demo-loaded', { committee: 'lscsb' });

  const host = await startLocalHost(
    routes(async () => services),
    opts.port ?? config.port,
  );

  let last = '';
  const snapshot = async () => {
    if (!snapshotFile) return;
    const json = await takeSnapshot(database);
    if (json === last) return;
    writeSnapshot(snapshotFile, json);
    last = json;
  };
  if (snapshotFile) last = await takeSnapshot(database).then((j) => (writeSnapshot(snapshotFile, j), j));
  const timer = snapshotFile
    ? setInterval(
        () => void snapshot().catch((e: Error) => log.error('snapshot-failed', { error: e.message })),
        opts.snapshotEveryMs ?? 2000,
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
    snapshot,
    close: async () => {
      if (timer) clearInterval(timer);
      for (const loop of timerLoops) clearInterval(loop);
      await snapshot();
      await host.close();
      await local?.close();
    },
  };
}
