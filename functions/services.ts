import { createBot, type Bot } from '../bot/app';
import type { Config } from '../bot/config';
import { createCosmosClient, type CosmosConnection } from '../bot/store/database';
import { openStore, type Store } from '../bot/store/store';
import { createGraph, type GraphApi } from '../bot/graph/graphClient';

/** Everything a request handler needs, built once per process. */
export interface Services {
  config: Config;
  store: Store;
  bot: Bot;
  /** Microsoft Graph, when configured. */
  graph?: GraphApi;
  /** Local mode: the folder reports and packs are kept in (production: the committee's SharePoint). */
  filesDir?: string;
  now: () => Date;
}

export async function createServices(
  config: Config,
  cosmos: CosmosConnection,
  now: () => Date = () => new Date(),
): Promise<Services> {
  // Under the managed identity (no key) the containers are Bicep's: nothing is created at run time.
  const store = await openStore(createCosmosClient(cosmos), cosmos.database, Boolean(cosmos.key));
  const graph = createGraph(config.graph);
  return {
    config,
    store,
    bot: createBot({ config, store, graph, now }),
    ...(graph ? { graph } : {}),
    ...(config.filesDir ? { filesDir: config.filesDir } : {}),
    now,
  };
}
