import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { startLocalStack, type LocalStack } from '../../functions/local/stack';
import { ConnectorStandIn } from '../support/connector';
import { DEMO, startTestStack, teamsMessage, TEST_TODAY, type TestStack } from '../support/stack';

const TENANT = '6e2c0d9a-1111-4222-8333-444455556666';
const AUDIENCE = 'api://quorum-api';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

/** Entra ID's key endpoint, locally: the public half of a key pair the tests sign tokens with. */
class KeySetStandIn {
  private server?: Server;
  url = '';
  key!: CryptoKey;
  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.key = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    this.server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/discovery/v2.0/keys`;
    return this;
  }
  async stop() {
    await new Promise<void>((r) => {
      this.server?.closeAllConnections();
      this.server?.close(() => r());
    });
  }
}

async function token(
  key: CryptoKey,
  claims: JWTPayload,
  opts: { audience?: string; issuer?: string; expires?: string } = {},
) {
  return new SignJWT({ tid: TENANT, oid: randomUUID(), roles: ['Quorum.Clerk'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expires ?? '10m')
    .sign(key);
}

describe('a production-configured host', () => {
  let keys: KeySetStandIn;
  let stack: LocalStack;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    process.env.QUORUM_LOG ??= 'silent';
    keys = await new KeySetStandIn().start();
    connector = await new ConnectorStandIn().start();
    const config = loadConfig({
      QUORUM_MODE: 'production',
      MicrosoftAppId: 'c0ffee00-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      QUORUM_TENANT_ID: TENANT,
      COSMOS_ENDPOINT: 'https://unused.documents.azure.com:443/',
      QUORUM_API_AUDIENCE: AUDIENCE,
      QUORUM_API_JWKS_URL: keys.url,
      QUORUM_LOAD_DEMO: 'true',
    });
    // Everything as in production but the storage: the local Cosmos DB protocol server stands in.
    stack = await startLocalStack({
      port: 0,
      now: () => TEST_TODAY,
      config: { ...config, cosmos: { database: `test-${randomUUID()}` } },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await keys?.stop();
    await connector?.stop();
  });

  const call = (path: string, bearer?: string, init: RequestInit = {}) =>
    fetch(`${stack.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });

  it('refuses an activity without the Bot Framework’s token with 401, and sends nothing', async () => {
    const activity = teamsMessage({ connector }, DEMO.member, 'help', {
      conversation: { id: 'a:1', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    const res = await call('/api/messages', undefined, { method: 'POST', body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(connector.sent).toHaveLength(0);
  });

  it('refuses an activity from another tenant, or from none, before anything else', async () => {
    const other = teamsMessage({ connector }, DEMO.member, 'help', {
      conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'another-tenant' },
      channelData: { tenant: { id: 'another-tenant' } },
    });
    expect((await call('/api/messages', undefined, { method: 'POST', body: JSON.stringify(other) })).status).toBe(403);
    const none = { ...other, conversation: { id: 'a:1' }, channelData: {} };
    expect((await call('/api/messages', undefined, { method: 'POST', body: JSON.stringify(none) })).status).toBe(403);
  });

  it('opens the API only to a valid token for Quorum from the tenant, then per person and committee role', async () => {
    expect((await call('/api/committees')).status).toBe(401);
    expect((await call('/api/committees')).headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('/api/committees', 'not-a-jwt')).status).toBe(401);

    // A tenant clerk (the Entra app role) sees every committee; the clerk of the board can open it.
    const clerk = await token(keys.key, { oid: DEMO.clerk.aadObjectId });
    const ok = await call('/api/committees', clerk);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([expect.objectContaining({ id: 'lscsb', roles: ['officer', 'clerk'] })]);
    expect((await call('/api/committees/lscsb', clerk)).status).toBe(200);
    expect((await call('/api/committees/lscsb/meetings/x-1', clerk)).status).toBe(404);

    expect((await call('/api/committees', await token(keys.key, {}, { audience: 'api://someone-else' }))).status).toBe(
      401,
    );
    expect(
      (await call('/api/committees', await token(keys.key, {}, { issuer: 'https://evil.example/v2.0' }))).status,
    ).toBe(401);
    expect((await call('/api/committees', await token(keys.key, {}, { expires: '-1m' }))).status).toBe(401);
    expect((await call('/api/committees', await token(keys.key, { tid: 'another-tenant' }))).status).toBe(403);
    expect(
      (await call('/api/me', await token(keys.key, { tid: 'another-tenant', oid: DEMO.member.aadObjectId }))).status,
    ).toBe(403);

    // Signed by a key Entra ID does not publish: refused, whatever it claims.
    const { privateKey } = await generateKeyPair('RS256');
    expect((await call('/api/committees', await token(privateKey, {}))).status).toBe(401);

    // A member (no app role) sees only their own committees, and is refused the clerk's routes.
    const member = await token(keys.key, { oid: DEMO.member.aadObjectId, roles: [] });
    const mine = await call('/api/committees', member);
    expect(await mine.json()).toEqual([expect.objectContaining({ id: 'lscsb', roles: ['member'] })]);
    const refused = await call('/api/committees/lscsb', member);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain('Only a clerk');
    const put = await call('/api/committees/lscsb/meetings/x-1', member, {
      method: 'PUT',
      body: JSON.stringify({ startsAt: '2026-12-20T10:00:00Z', venue: { kind: 'teams', name: 'Teams' } }),
    });
    expect(put.status).toBe(403);
    expect((await call('/api/committees/lscsb/meetings/x-1', clerk)).status).toBe(404);

    // …but their own things are theirs: their meetings, and their apologies.
    const meetings = await call('/api/me/meetings', member);
    expect(meetings.status).toBe(200);
    const next = ((await meetings.json()) as { id: string }[])[0];
    expect(next).toBeDefined();
    const sent = await call('/api/me/apologies', member, {
      method: 'POST',
      body: JSON.stringify({ meetingId: next?.id, submissionId: randomUUID() }),
    });
    expect(sent.status).toBe(201);
    // Someone not on any committee has nothing, and cannot act on the board's meetings.
    const stranger = await token(keys.key, { oid: DEMO.stranger.aadObjectId, roles: [] });
    expect(await (await call('/api/committees', stranger)).json()).toEqual([]);
    expect((await call(`/api/meetings/${next?.id}/apologies`, stranger)).status).toBe(403);
    expect(
      (
        await call('/api/me/apologies', stranger, {
          method: 'POST',
          body: JSON.stringify({ meetingId: next?.id, submissionId: randomUUID() }),
        })
      ).status,
    ).toBe(403);

    // A clerk acts as themselves: the body cannot name someone else as the one acting.
    const asOther = await call(`/api/meetings/${next?.id}/record/drafts`, clerk, {
      method: 'POST',
      body: JSON.stringify({ by: 'd-taylor' }),
    });
    expect(asOther.status).toBe(403);
  });

  it('refuses the local sign-in header in production, whoever it names', async () => {
    const res = await fetch(`${stack.url}/api/me`, { headers: { 'x-quorum-as': DEMO.clerk.aadObjectId } });
    expect(res.status).toBe(401);
    const clerk = await token(keys.key, { oid: DEMO.clerk.aadObjectId });
    const both = await fetch(`${stack.url}/api/committees/lscsb`, {
      headers: { 'x-quorum-as': DEMO.clerk.aadObjectId, authorization: `Bearer ${clerk}` },
    });
    expect(both.status).toBe(401);
  });

  it('keeps the papers page (opened from cards in a browser) outside the token check', async () => {
    const res = await call('/api/meetings/lscsb-2026-12-04/papers');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('has not been published yet');
  });
});

describe('the tenant allow-list on one machine', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it('answers people of the allowed tenant and refuses anyone else’s, storing nothing about them', async () => {
    const mine = teamsMessage(stack, DEMO.member, 'help');
    expect((await stack.send(mine)).status).toBe(200);
    expect(stack.connector.repliesTo(mine.id)).toHaveLength(1);

    const theirs = teamsMessage(stack, DEMO.member, 'help', {
      conversation: { id: 'a:personal-x', conversationType: 'personal', tenantId: 'tenant-2' },
      channelData: { tenant: { id: 'tenant-2' } },
    });
    expect((await stack.send(theirs)).status).toBe(403);
    expect(stack.connector.repliesTo(theirs.id)).toHaveLength(0);
  });

  it('logs ids and outcomes with a correlation id, never what people wrote', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const level = process.env.QUORUM_LOG;
    process.env.QUORUM_LOG = 'info';
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    try {
      const private_ = 'my biopsy results appointment at the Royal Infirmary';
      const activity = teamsMessage(stack, DEMO.member, `please send my apologies for the next meeting, ${private_}`);
      await stack.send(activity);
      const other = teamsMessage(stack, DEMO.member, 'help', {
        conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'tenant-9' },
      });
      await stack.send(other);
      const logged = lines.join('');
      expect(logged).not.toContain('biopsy');
      const refusal = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.event === 'activity-refused');
      expect(refusal).toMatchObject({ reason: 'tenant', tenant: 'tenant-9', correlationId: other.id });
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      process.env.QUORUM_LOG = level;
    }
  });
});
