import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Agent } from 'node:https';

/** Containers and their partition keys (DESIGN.md, "Data"). */
export const CONTAINERS = {
  committees: '/committeeId',
  meetings: '/committeeId',
  responses: '/committeeId',
  rolls: '/committeeId',
  actions: '/committeeId',
  records: '/committeeId',
  people: '/tenantId',
  outbox: '/committeeId',
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

/**
 * The database and its containers. With an account key (the local server, or an account set up that
 * way) missing ones are created; with the managed identity they are Bicep's to create, because
 * data-plane roles cannot create databases or containers.
 */
export async function openContainers(
  client: CosmosClient,
  databaseId: string,
  createMissing = true,
): Promise<{ database: Database; containers: Containers }> {
  const database = createMissing
    ? (await client.databases.createIfNotExists({ id: databaseId })).database
    : client.database(databaseId);
  const entries = await Promise.all(
    (Object.entries(CONTAINERS) as [ContainerName, string][]).map(async ([id, pk]) => {
      const container = createMissing
        ? (await database.containers.createIfNotExists({ id, partitionKey: { paths: [pk] } })).container
        : database.container(id);
      return [id, container] as const;
    }),
  );
  return { database, containers: Object.fromEntries(entries) as Containers };
}
