import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  opts: {
    /** Settings; a function gets the Connector stand-in's address, for settings that point at it. */
    env?: Record<string, string> | ((connectorUrl: string) => Record<string, string>);
    now?: () => Date;
  } & Partial<Omit<LocalStackOptions, 'config'>> = {},
): Promise<TestStack> {
  process.env.QUORUM_LOG ??= 'silent';
  const connector = await new ConnectorStandIn().start();
  const env = typeof opts.env === 'function' ? opts.env(connector.url) : opts.env;
  const config = loadConfig({
    QUORUM_MODE: 'local',
    // Each stack gets its own database so test files running side by side never meet.
    COSMOS_DATABASE: `test-${randomUUID()}`,
    // The tenant of the activities tests send, as a real deployment's activities come from its tenant.
    QUORUM_TENANT_ID: 'tenant-1',
    // Reports and packs in a folder of the test's own, never the developer's .data.
    QUORUM_FILES_DIR: join(tmpdir(), `quorum-files-${randomUUID()}`),
    ...env,
  });
  const { env: _env, ...rest } = opts;
  const stack = await startLocalStack({ port: 0, now: opts.now ?? (() => TEST_TODAY), ...rest, config });
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

export interface InvokeResult {
  status: number;
  /** The card that replaces the one pressed, or the message shown instead. */
  card?: Record<string, unknown>;
  message?: string;
}

/** Presses an Action.Execute button: an adaptiveCard/action invoke, answered in the HTTP response. */
export async function pressButton(
  stack: TestStack,
  from: { aadObjectId: string; name: string },
  verb: string,
  data: unknown,
  conversation: Record<string, unknown> = {
    id: `a:personal-${from.aadObjectId}`,
    conversationType: 'personal',
    tenantId: 'tenant-1',
  },
  /** More of the activity: `replyToId`, the card's message, as Teams sends for a posted card. */
  extra: Record<string, unknown> = {},
): Promise<InvokeResult> {
  const activity = {
    ...teamsMessage(stack, from, ''),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    conversation,
    ...extra,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await stack.send(activity);
  const body = res.body ? (JSON.parse(res.body) as { type?: string; value?: unknown }) : {};
  return body.type === 'application/vnd.microsoft.card.adaptive'
    ? { status: res.status, card: body.value as Record<string, unknown> }
    : { status: res.status, message: typeof body.value === 'string' ? body.value : undefined };
}

/** Every Action.Execute button on a card, with its verb, title and data. */
export function buttonsOf(card: unknown): { verb: string; title: string; data: Record<string, unknown> }[] {
  const found: { verb: string; title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute')
        found.push({ verb: String(o.verb), title: String(o.title), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
