import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CollectedResponse } from '../functions/messages';
import { forumCommittee } from '../test/support/committees';
import { ConnectorStandIn, visibleText } from '../test/support/connector';
import { DEMO, pressButton, startTestStack, teamsMessage, type TestStack } from '../test/support/stack';

const ms = (n: number) => `${n.toFixed(1)} ms`;
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

async function timed(n: number, once: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await once(-1 - i); // warm up: JIT, connections, first queries
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once(i);
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * The yardstick: a bare botbuilder echo bot on the same machine, answering through the same Bot
 * Connector stand-in. What Quorum adds over it is its own work (Cosmos DB, rules, cards).
 */
async function echoBot(): Promise<{ url: string; close: () => Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const response = new CollectedResponse();
      void adapter
        .process({ body, headers: req.headers, method: 'POST' }, response, async (ctx) => {
          await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
        })
        .then(() => res.writeHead(response.statusCode).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function benchCardActions(): Promise<Record<string, string>> {
  const stack = await startTestStack();
  try {
    const n = 100;
    const update = await timed(n, async (i) => {
      const res = await pressButton(stack, DEMO.officer, 'action.update', {
        committeeId: 'lscsb',
        actionId: 'lscsb-action-6',
        submissionId: randomUUID(),
        status: 'Amber',
        comment: `Progress note ${i}.`,
      });
      if (res.status !== 200 || !res.card) throw new Error('action update failed');
    });
    const confirm = await timed(n, async () => {
      const res = await pressButton(stack, DEMO.member, 'apology.confirm', {
        submissionId: randomUUID(),
        committeeId: 'lscsb',
        meetingId: 'lscsb-2026-12-04',
        personId: 'm-wyatt',
        onBehalf: false,
      });
      if (res.status !== 200 || !res.card) throw new Error('apology confirmation failed');
    });
    const echo = await echoBot();
    const bare = await timed(n, async () => {
      const activity = teamsMessage(stack, DEMO.member, 'hello');
      const res = await fetch(echo.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (res.status !== 200) throw new Error(`echo bot answered ${res.status}`);
    });
    await echo.close();
    return {
      'card action: my actions update (p50 / p95)': `${ms(update.p50)} / ${ms(update.p95)}`,
      'card action: apology confirmation (p50 / p95)': `${ms(confirm.p50)} / ${ms(confirm.p95)}`,
      'bare botbuilder echo bot (p50 / p95)': `${ms(bare.p50)} / ${ms(bare.p95)}`,
      'ratio, update / echo (p50)': `${(update.p50 / bare.p50).toFixed(1)}×`,
      'ratio, apology / echo (p50)': `${(confirm.p50 / bare.p50).toFixed(1)}×`,
    };
  } finally {
    await stack.close();
  }
}

/** One roll-call storm: n members tap "I'm here" at once. */
async function storm(n: number): Promise<Record<string, string>> {
  const stack = await startTestStack({ now: () => new Date('2026-12-04T09:58:00Z') });
  try {
    const id = `storm${n}`;
    const { committee, people, clerk } = forumCommittee(id, n, {
      aadPrefix: `d0000${String(n).padStart(3, '0')}`,
      quorum: { minVotingMembers: Math.ceil(n / 2), minAgencies: 5 },
    });
    await stack.api('PUT', `/api/committees/${id}`, committee);
    await stack.api('PUT', `/api/committees/${id}/meetings/${id}-1`, {
      startsAt: '2026-12-04T10:00:00+00:00',
      venue: { kind: 'teams', name: 'Microsoft Teams' },
    });
    const chat = { id: `19:meeting_${id}@thread.v2`, conversationType: 'groupChat', tenantId: 'tenant-1' };
    const call = teamsMessage(stack, clerk, 'roll call', { conversation: chat });
    await stack.send(call);
    const data = { committeeId: id, meetingId: `${id}-1` };
    const tap = (p: (typeof people)[number]) =>
      pressButton(stack, { aadObjectId: p.aadObjectId, name: p.name }, 'rollcall.here', data, chat);
    const traffic = stack.localCosmos?.traffic ?? { requests: 0, bytes: 0 };

    const refresher = stack.services.bot.rollCall.cardRefresher;
    // Storage work of one tap, alone: first with nobody marked yet, then with everyone but one marked.
    // The tap's own work (what answers the person) and the shared card's refresh that follows it are
    // counted apart: in a storm the refreshes fold together, the taps do not.
    const alone = async (p: (typeof people)[number]) => {
      await refresher.settled();
      const before = { ...traffic };
      await tap(p);
      const own = { requests: traffic.requests - before.requests, bytes: traffic.bytes - before.bytes };
      await refresher.settled();
      return { ...own, refresh: traffic.requests - before.requests - own.requests };
    };
    const first = await alone(people[0]!);

    await refresher.settled();
    const stormBefore = { ...traffic };
    const t = performance.now();
    const results = await Promise.all(people.slice(1, -1).map(tap));
    const answered = performance.now() - t;
    const errors = results.filter((r) => r.status !== 200 || !r.card).length;
    // Settled: the shared card shows everyone who tapped.
    const shows = () =>
      visibleText(
        stack.connector.updated.filter((u) => u.conversationId === chat.id).at(-1)?.activity ?? { type: 'message' },
      );
    while (!shows().includes(`Present: ${n - 1}`) && performance.now() - t < 60_000)
      await new Promise((r) => setTimeout(r, 20));
    const settled = performance.now() - t;
    await refresher.settled();
    const stormRequests = (traffic.requests - stormBefore.requests) / (n - 2);
    const last = await alone(people.at(-1)!);
    const a = (await stack.api('GET', `/api/meetings/${id}-1/attendance`)).json as { history: { personId: string }[] };
    const recorded = new Set(a.history.map((m) => m.personId)).size;
    return {
      [`roll-call storm, ${n} members: all answered / settled (card shows all)`]: `${ms(answered)} / ${ms(settled)}; ${errors} errors, ${n - recorded} marks lost`,
      [`"I'm here", ${n}-member committee: Cosmos requests per tap (first / last; storm average with card refreshes)`]: `${first.requests} / ${last.requests}; ${stormRequests.toFixed(1)} (target ≤ 5: ${Math.max(first.requests, last.requests, stormRequests) <= 5 ? 'met' : 'NOT met'}); a lone tap's card refresh: ${last.refresh}`,
      [`"I'm here", ${n}-member committee: bytes read per tap (first / last)`]: `${(first.bytes / 1024).toFixed(1)} KiB / ${(last.bytes / 1024).toFixed(1)} KiB (must not grow: ${last.bytes <= first.bytes * 1.1 ? 'met' : `NOT met: ${Math.round((last.bytes - first.bytes) / (n - 1))} B more per person already marked, the roll's entry for them read twice`})`,
    };
  } finally {
    await stack.close();
  }
}

export async function benchRollCallStorm(): Promise<Record<string, string>> {
  return { ...(await storm(50)), ...(await storm(150)) };
}

export async function benchCirculation(rate = 10): Promise<Record<string, string>> {
  const stack: TestStack = await startTestStack({ env: { QUORUM_SEND_RATE: String(rate) }, now: () => new Date() });
  try {
    const { committee, people } = forumCommittee('circ', 100, {
      aadPrefix: 'e0000000',
      quorum: { minVotingMembers: 20, minAgencies: 5 },
    });
    await stack.api('PUT', '/api/committees/circ', committee);
    const start = new Date(Date.now() + 21 * 86_400_000).toISOString();
    await stack.api('PUT', '/api/committees/circ/meetings/circ-1', {
      startsAt: start,
      venue: { kind: 'teams', name: 'Microsoft Teams' },
    });
    for (const p of people) await stack.send(teamsMessage(stack, { aadObjectId: p.aadObjectId, name: p.name }, 'help'));
    const before = stack.connector.attempts.length;
    const traffic = stack.localCosmos?.traffic ?? { requests: 0, bytes: 0 };
    const requestsBefore = traffic.requests;
    const t = performance.now();
    await stack.api('POST', '/api/meetings/circ-1/agenda/publish', { by: 'circ-clerk' });
    // Waited for by watching the Bot Connector, not by asking the store (which would count as the sender's reads).
    while (stack.connector.attempts.length - before < people.length) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const perRecipient = (traffic.requests - requestsBefore) / people.length;
    await stack.services.bot.sender.settled();
    const elapsed = performance.now() - t;
    const times = stack.connector.attempts.slice(before).map((a) => a.at);
    const achieved = (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
    const busiest = Math.max(...times.map((x) => times.filter((y) => y >= x && y < x + 1000).length));
    return {
      'circulation to 100 members: cards sent': String(times.length),
      'circulation: achieved rate vs limit': `${achieved.toFixed(1)}/s vs ${rate}/s (${((achieved / rate) * 100).toFixed(0)}%)`,
      'circulation: busiest second': `${busiest} sends`,
      'circulation: publish to last card': ms(elapsed),
      'circulation: Cosmos requests per recipient, publishing and sending (target ≤ 2)': `${perRecipient.toFixed(2)} (${perRecipient <= 2 ? 'met' : 'NOT met'})`,
    };
  } finally {
    await stack.close();
  }
}

/** From `npm start`'s process starting (Cosmos server, demo, bot) to its first answered activity. */
export async function benchColdStart(): Promise<Record<string, string>> {
  const connector = await new ConnectorStandIn().start();
  const port = 39000 + Math.floor(Math.random() * 1000);
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'functions', 'local', 'start.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      QUORUM_PLAYGROUND: 'false',
      QUORUM_LOG: 'silent',
      QUORUM_DATA_DIR: mkdtempSync(join(tmpdir(), 'quorum-cold-')),
      QUORUM_TENANT_ID: 'tenant-1',
    },
    stdio: 'ignore',
  });
  try {
    const activity = teamsMessage({ connector }, DEMO.member, 'help');
    for (;;) {
      try {
        const res = await fetch(`http://localhost:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - t > 60_000) throw new Error('no answer within a minute');
      await new Promise((r) => setTimeout(r, 20));
    }
    const firstAnswer = performance.now() - t;
    return { 'cold start: process start to first answered activity': ms(firstAnswer) };
  } finally {
    child.kill('SIGTERM');
    await connector.stop();
  }
}

/** The Functions app as one file, as it would be deployed bundled (esbuild, minified). */
export async function benchBundleSize(): Promise<Record<string, string>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(__dirname, '..', 'functions', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    write: false,
    logLevel: 'silent',
    // Optional native helpers some SDKs probe for; not part of the app.
    external: ['@azure/functions-core', 'bufferutil', 'utf-8-validate'],
  });
  const bytes = result.outputFiles.reduce((n, f) => n + f.contents.length, 0);
  return { 'Functions app bundle (esbuild, minified)': `${(bytes / 1024 / 1024).toFixed(2)} MiB` };
}
