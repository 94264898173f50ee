import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  /** The id the Connector gave the activity (what a later update or a card button refers to). */
  id?: string;
  conversationId: string;
  replyToId?: string;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    recipient?: { id: string; aadObjectId?: string };
    [k: string]: unknown;
  };
}

/**
 * A local Bot Connector: the HTTP service the bot posts its replies to (the activity's serviceUrl).
 * It speaks the v3 conversations protocol and records what it was sent.
 */
export class ConnectorStandIn {
  readonly sent: SentActivity[] = [];
  /** Updates to activities already sent (PUT), in the order they arrived. */
  readonly updated: SentActivity[] = [];
  /** Targeted in-meeting notifications (POST /v1/meetings/{id}/notification), as Teams takes them. */
  readonly meetingNotifications: { meetingId: string; body: Record<string, unknown> }[] = [];
  /** Every POST, answered or refused, with when it arrived: what a send rate is measured on. */
  readonly attempts: { conversationId: string; at: number; status: number }[] = [];
  /** Answers to give a conversation before it accepts (e.g. [429, 429]); `always` refuses for good. */
  private readonly failures = new Map<string, { statuses: number[]; always?: number; retryAfter?: string }>();
  private server?: Server;

  /** The next POSTs to this conversation are refused with these statuses, then accepted. */
  failNext(conversationId: string, statuses: number[], retryAfter?: string): void {
    this.failures.set(conversationId, { statuses: [...statuses], ...(retryAfter ? { retryAfter } : {}) });
  }

  /** Every POST to this conversation is refused (a user who blocked the bot, a chat that is gone). */
  failAlways(conversationId: string, status: number): void {
    this.failures.set(conversationId, { statuses: [], always: status });
  }
  url = '';

  async start(): Promise<this> {
    let n = 0;
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const meeting = /^\/v1\/meetings\/([^/]+)\/notification$/.exec(req.url ?? '');
        if (meeting && req.method === 'POST') {
          this.meetingNotifications.push({
            meetingId: decodeURIComponent(meeting[1] as string),
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          });
          res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (!m || (req.method !== 'POST' && !(req.method === 'PUT' && m[2]))) {
          res.writeHead(404).end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity'];
        if (req.method === 'PUT') {
          this.updated.push({ conversationId: decodeURIComponent(m[1] as string), replyToId: m[2], activity });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m[2] }));
          return;
        }
        const conversationId = decodeURIComponent(m[1] as string);
        const failure = this.failures.get(conversationId);
        const refusal = failure?.always ?? failure?.statuses.shift();
        this.attempts.push({ conversationId, at: Date.now(), status: refusal ?? 200 });
        if (refusal) {
          const headers = {
            'content-type': 'application/json',
            ...(failure?.retryAfter ? { 'retry-after': failure.retryAfter } : {}),
          };
          res.writeHead(refusal, headers).end(
            JSON.stringify({
              error: { code: refusal === 429 ? 'Throttled' : 'ServiceError', message: `refused with ${refusal}` },
            }),
          );
          return;
        }
        const id = `sent-${++n}`;
        this.sent.push({ id, conversationId: decodeURIComponent(m[1] as string), replyToId: m[2], activity });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Replies to one incoming activity. */
  repliesTo(activityId: string): SentActivity['activity'][] {
    return this.sent
      .filter((s) => s.replyToId === activityId || s.activity.replyToId === activityId)
      .map((s) => s.activity);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.closeAllConnections();
      this.server?.close(() => r());
    });
  }
}

/** All the visible text of a reply: its text and every TextBlock and fact of its cards. */
export function visibleText(activity: SentActivity['activity']): string {
  const parts: string[] = [activity.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') parts.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(activity.attachments?.map((a) => a.content));
  return parts.filter(Boolean).join('\n');
}
