import { createBot, type Bot } from '../bot/app';
import type { Config } from '../bot/config';
import { createCosmosClient, type CosmosConnection } from '../bot/store/database';
import { openStore, type Store } from '../bot/store/store';

/** Everything a request handler needs, built once per process. */
export interface Services {
  config: Config;
  store: Store;
  bot: Bot;
  now: () => Date;
}

export async function createServices(
  config: Config,
  cosmos: CosmosConnection,
  now: () => Date = () => new Date(),
): Promise<Services> {
  const store = await openStore(createCosmosClient(cosmos), cosmos.database);
  return { config, store, bot: createBot({ config, store, now }), now };
}
