import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Agent } from 'node:https';

/** Containers and their partition keys (DESIGN.md, "Data"). */
export const CONTAINERS = {
  committees: '/committeeId',
  meetings: '/committeeId',
  responses: '/committeeId',
  actions: '/committeeId',
  records: '/committeeId',
  people: '/tenantId',
  outbox: '/committeeId',
  /** teams-ai turn state (conversation and user state), keyed by its own storage key. */
  botstate: '/id',
} as const;
export type ContainerName = keyof typeof CONTAINERS;
export type Containers = Record<ContainerName, Container>;

export interface CosmosConnection {
  endpoint: string;
  /** Account key; absent means the managed identity. */
  key?: string;
  database: string;
  /** For the local protocol server's self-signed certificate; never set in production. */
  agent?: Agent;
}

export function createCosmosClient(c: CosmosConnection): CosmosClient {
  return new CosmosClient({
    endpoint: c.endpoint,
    ...(c.key ? { key: c.key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(c.agent ? { agent: c.agent } : {}),
    connectionPolicy: { enableEndpointDiscovery: !c.agent },
  });
}

/** Creates the database and containers if missing (Bicep creates them in Azure; this is for local runs). */
export async function openContainers(
  client: CosmosClient,
  databaseId: string,
): Promise<{ database: Database; containers: Containers }> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const entries = await Promise.all(
    (Object.entries(CONTAINERS) as [ContainerName, string][]).map(async ([id, pk]) => {
      const { container } = await database.containers.createIfNotExists({ id, partitionKey: { paths: [pk] } });
      return [id, container] as const;
    }),
  );
  return { database, containers: Object.fromEntries(entries) as Containers };
}
