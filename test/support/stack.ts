import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../bot/config';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../functions/local/stack';
import { ConnectorStandIn } from './connector';

/** The demo is loaded relative to "today"; tests fix it so dates in assertions never drift. */
export const TEST_TODAY = new Date('2026-11-24T09:00:00Z');

export interface TestStack extends LocalStack {
  connector: ConnectorStandIn;
  /** POSTs an activity to /api/messages; returns the HTTP status and body. */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: string }>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export async function startTestStack(
  opts: { env?: Record<string, string>; now?: () => Date } & Partial<Omit<LocalStackOptions, 'config'>> = {},
): Promise<TestStack> {
  process.env.QUORUM_LOG ??= 'silent';
  const config = loadConfig({
    QUORUM_MODE: 'local',
    // Each stack gets its own database so test files running side by side never meet.
    COSMOS_DATABASE: `test-${randomUUID()}`,
    ...opts.env,
  });
  const connector = await new ConnectorStandIn().start();
  const stack = await startLocalStack({ port: 0, now: opts.now ?? (() => TEST_TODAY), ...opts, config });
  return {
    ...stack,
    connector,
    async send(activity) {
      const res = await fetch(`${stack.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: res.status, body: await res.text() };
    },
    async api(method, path, body) {
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      await stack.close();
      await connector.stop();
    },
  };
}

/** The demo's people, by the Entra object ids in examples/lscsb-committee.json. */
export const DEMO = {
  chair: { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Mrs D. Taylor CC' },
  member: { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000008', name: 'Cllr. M. Wyatt' },
  clerk: { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000020', name: 'Euan Walters' },
  officer: { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000025', name: 'Anita Chavda' },
  stranger: { aadObjectId: 'ffffffff-0000-4000-8000-000000000999', name: 'Someone Else' },
} as const;

let counter = 0;

/** A Teams message activity as the Bot Connector delivers it. */
export function teamsMessage(
  stack: Pick<TestStack, 'connector'>,
  from: { aadObjectId: string; name: string },
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { id: string } {
  const id = `act-${++counter}-${randomUUID().slice(0, 8)}`;
  return {
    type: 'message',
    id,
    text,
    channelId: 'msteams',
    serviceUrl: stack.connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: '28:quorum-bot', name: 'Quorum' },
    conversation: { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}
