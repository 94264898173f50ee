import { PDFDocument, StandardFonts } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GraphRequest {
  method: string;
  path: string;
  authorization?: string;
  body: Buffer;
}

/**
 * A local server speaking the two protocols Quorum's Graph client uses: Entra ID's token endpoint
 * (client credentials, with its OpenID metadata) and Microsoft Graph itself. It records what it is
 * asked, and can be told to answer the next requests with 429 and a Retry-After.
 */
export class GraphStandIn {
  readonly requests: GraphRequest[] = [];
  /** Statuses to answer the next Graph (not token) requests with, in order, before serving normally. */
  readonly failures: { status: number; retryAfter?: number }[] = [];
  /** What GET …/onlineMeetings/{id}/attendanceReports(/…/attendanceRecords) serves. */
  readonly attendance = {
    reports: [] as { id: string; meetingEndDateTime: string }[],
    records: [] as {
      identity: { id: string | null; displayName: string };
      totalAttendanceInSeconds: number;
      attendanceIntervals: { joinDateTime: string; leaveDateTime: string }[];
    }[],
  };
  /** Calendar events booked through Graph, by id, as Graph holds them (with their online meeting). */
  readonly events = new Map<
    string,
    { organizer: string; body: Record<string, unknown>; cancelled?: string; joinUrl: string }
  >();
  /** The organisation's directory, for GET /users?$search. */
  readonly users: { id: string; displayName: string; mail?: string; jobTitle?: string; companyName?: string }[] = [];
  /** Chats the Teams app was added to. */
  readonly chatsWithApp = new Set<string>();
  /** Users for whom the Teams app is installed (proactive installation), by Entra object id. */
  readonly installedFor = new Set<string>();
  /** The drive's files by item id: what was uploaded, as SharePoint keeps it. */
  readonly driveItems = new Map<string, { name: string; bytes: Buffer }>();
  url = '';
  private server?: Server;
  private tokens = 0;

  async start(): Promise<this> {
    const dir = process.env.QUORUM_TEST_TLS_DIR;
    if (!dir) throw new Error('test/support/globalSetup.ts has not run');
    this.server = createServer(
      { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const path = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname);
          const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(status, { 'content-type': 'application/json', ...headers });
            res.end(JSON.stringify(body));
          };
          const tenant = /^\/([^/]+)\//.exec(path)?.[1] ?? 'common';
          if (req.method === 'GET' && path.endsWith('/v2.0/.well-known/openid-configuration')) {
            const base = `${this.url}/${tenant}`;
            send(200, {
              token_endpoint: `${base}/oauth2/v2.0/token`,
              authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
              issuer: `${base}/v2.0`,
              jwks_uri: `${base}/discovery/v2.0/keys`,
              end_session_endpoint: `${base}/oauth2/v2.0/logout`,
              response_types_supported: ['code', 'token'],
              subject_types_supported: ['pairwise'],
              id_token_signing_alg_values_supported: ['RS256'],
            });
            return;
          }
          if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
            this.tokens++;
            send(200, {
              token_type: 'Bearer',
              expires_in: 3600,
              ext_expires_in: 3600,
              access_token: `graph-token-${this.tokens}`,
            });
            return;
          }
          // Graph redirects a download to a short-lived, pre-authenticated address: no token there.
          const download = /^\/download\/([^/]+)$/.exec(path);
          if (req.method === 'GET' && download) {
            const file = this.driveItems.get(download[1] as string);
            const format = new URL(req.url ?? '/', this.url).searchParams.get('format');
            if (!file) return send(404, { error: { code: 'itemNotFound', message: 'No such file.' } });
            void (format === 'pdf' ? sharePointPdf(file.name) : Promise.resolve(file.bytes)).then((bytes) => {
              res.writeHead(200, { 'content-type': format === 'pdf' ? 'application/pdf' : 'application/octet-stream' });
              res.end(bytes);
            });
            return;
          }
          this.requests.push({
            method: req.method ?? 'GET',
            path,
            authorization: req.headers.authorization,
            body: Buffer.concat(chunks),
          });
          if (!req.headers.authorization?.startsWith('Bearer graph-token-')) {
            send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
            return;
          }
          const failure = this.failures.shift();
          if (failure) {
            send(
              failure.status,
              { error: { code: 'TooManyRequests', message: 'Please retry.' } },
              failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {},
            );
            return;
          }
          if (req.method === 'GET' && path === '/v1.0/users') {
            // Graph answers $search only with ConsistencyLevel: eventual.
            if (req.headers.consistencylevel !== 'eventual') {
              send(400, {
                error: { code: 'Request_UnsupportedQuery', message: 'ConsistencyLevel header is required.' },
              });
              return;
            }
            const search = new URL(req.url ?? '/', this.url).searchParams.get('$search') ?? '';
            const words = /"displayName:([^"]*)"/.exec(search)?.[1]?.toLowerCase() ?? '';
            send(200, {
              value: this.users.filter((u) =>
                u.displayName
                  .toLowerCase()
                  .split(/\s+/)
                  .some((w) => w.startsWith(words)),
              ),
            });
            return;
          }
          const reports =
            /^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)\/attendanceReports(?:\/([^/]+)\/attendanceRecords)?$/.exec(
              path,
            );
          if (req.method === 'GET' && reports) {
            send(200, { value: reports[3] ? this.attendance.records : this.attendance.reports });
            return;
          }
          const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(path);
          if (apps) {
            const user = apps[1] as string;
            if (req.method === 'POST' && !apps[2]) {
              if (this.installedFor.has(user))
                send(409, { error: { code: 'Conflict', message: 'App is already installed.' } });
              else {
                this.installedFor.add(user);
                send(201, {});
              }
              return;
            }
            if (req.method === 'GET' && !apps[2]) {
              send(200, {
                value: this.installedFor.has(user)
                  ? [{ id: `installation-${user}`, teamsApp: { id: 'quorum-catalog-app' } }]
                  : [],
              });
              return;
            }
            if (req.method === 'GET' && apps[3] && this.installedFor.has(user)) {
              send(200, { id: `19:${user}_quorum@unq.gbl.spaces`, chatType: 'oneOnOne' });
              return;
            }
          }
          const events = /^\/v1\.0\/users\/([^/]+)\/events(?:\/([^/]+)(\/cancel)?)?$/.exec(path);
          if (events) {
            const organizer = events[1] as string;
            const body = chunks.length
              ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
              : {};
            if (req.method === 'POST' && !events[2]) {
              // transactionId: a retried create returns the event already made.
              const existing = [...this.events.entries()].find(([, e]) => e.body.transactionId === body.transactionId);
              const id = existing?.[0] ?? `event-${this.events.size + 1}`;
              const joinUrl =
                existing?.[1].joinUrl ?? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id}%40thread.v2/0`;
              if (!existing) this.events.set(id, { organizer, body, joinUrl });
              send(201, { id, ...body, onlineMeeting: { joinUrl } });
              return;
            }
            const event = events[2] ? this.events.get(events[2]) : undefined;
            if (!event) {
              send(404, {
                error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' },
              });
              return;
            }
            if (req.method === 'PATCH' && !events[3]) {
              event.body = { ...event.body, ...body };
              send(200, { id: events[2], ...event.body });
              return;
            }
            if (req.method === 'POST' && events[3]) {
              event.cancelled = String(body.comment ?? '');
              res.writeHead(202).end();
              return;
            }
          }
          const meetings = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings$/.exec(path);
          if (req.method === 'GET' && meetings) {
            const filter = new URL(req.url ?? '/', this.url).searchParams.get('$filter') ?? '';
            const joinUrl = /JoinWebUrl eq '(.+)'$/.exec(filter)?.[1]?.replace(/''/g, "'");
            const found = [...this.events.entries()].find(([, e]) => e.joinUrl === joinUrl);
            send(200, {
              value: found
                ? [
                    {
                      id: `online-${found[0]}`,
                      joinWebUrl: joinUrl,
                      chatInfo: { threadId: `19:meeting_${found[0]}@thread.v2` },
                    },
                  ]
                : [],
            });
            return;
          }
          const chatApps = /^\/v1\.0\/chats\/([^/]+)\/installedApps$/.exec(path);
          if (req.method === 'POST' && chatApps) {
            const chat = chatApps[1] as string;
            if (this.chatsWithApp.has(chat))
              send(409, { error: { code: 'Conflict', message: 'App already installed.' } });
            else {
              this.chatsWithApp.add(chat);
              send(201, {});
            }
            return;
          }
          const upload = /^\/v1\.0\/drives\/([^/]+)\/root:\/(.+):\/content$/.exec(path);
          if (req.method === 'PUT' && upload) {
            const name = upload[2]?.split('/').pop() ?? 'file';
            const id = `item-${this.requests.length}`;
            this.driveItems.set(id, { name, bytes: Buffer.concat(chunks) });
            send(201, {
              id,
              name,
              size: Buffer.concat(chunks).length,
              webUrl: `https://contoso.sharepoint.com/sites/lscsb/Shared%20Documents/${encodeURIComponent(upload[2] ?? '')}`,
            });
            return;
          }
          const content = /^\/v1\.0\/drives\/([^/]+)\/items\/([^/]+)\/content$/.exec(path);
          if (req.method === 'GET' && content) {
            if (!this.driveItems.has(content[2] as string))
              return send(404, { error: { code: 'itemNotFound', message: 'The resource could not be found.' } });
            const format = new URL(req.url ?? '/', this.url).searchParams.get('format');
            res.writeHead(302, { location: `${this.url}/download/${content[2]}${format ? `?format=${format}` : ''}` });
            res.end();
            return;
          }
          send(404, { error: { code: 'itemNotFound', message: `No such resource: ${req.method} ${path}` } });
        });
      },
    );
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `https://localhost:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Environment settings pointing Quorum's Graph client here. */
  env(): Record<string, string> {
    return {
      GRAPH_CLIENT_ID: 'quorum-app',
      GRAPH_CLIENT_SECRET: 'test-secret',
      GRAPH_TENANT_ID: 'tenant-1',
      GRAPH_BASE_URL: this.url,
      GRAPH_AUTHORITY_HOST: this.url,
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.closeAllConnections();
      this.server?.close(() => r());
    });
  }
}

/** SharePoint's PDF rendering of a Word document (format=pdf), as far as a test needs: one page naming it. */
async function sharePointPdf(name: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(`${name} as rendered by SharePoint`, { x: 60, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}
