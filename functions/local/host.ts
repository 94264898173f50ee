import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { log } from '../../bot/log';
import { failureWords } from '../../bot/store/failureWords';
import { MAX_BODY_BYTES } from '../http';
import type { Route } from '../routes';

/** "api/committees/{committeeId}" → a matcher returning the named parameters. */
function compile(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .split('/')
    .map((part) => {
      const m = /^\{(\*?)(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[2] as string);
      // {*path}: Functions' catch-all, the rest of the path (or nothing).
      return m[1] ? '(.*)' : '([^/]+)';
    })
    .join('/');
  const re = new RegExp(`^/${pattern}/?$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    try {
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] as string)]));
    } catch {
      return undefined;
    }
  };
}

/** The body, or undefined once it passes the limit: a huge body is never held whole in memory. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function write(res: ServerResponse, out: HttpResponseInit): Promise<void> {
  const headers: Record<string, string> = {};
  new Headers(out.headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => (headers[k] = v));
  let body: string | Buffer | undefined;
  if (out.jsonBody !== undefined) {
    body = JSON.stringify(out.jsonBody);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (typeof out.body === 'string' || Buffer.isBuffer(out.body)) body = out.body;
  else if (out.body instanceof Uint8Array) body = Buffer.from(out.body);
  res.writeHead(out.status ?? 200, headers);
  res.end(body);
}

/**
 * Serves the same handlers Azure Functions runs, on one local port: Functions Core Tools cannot be
 * installed here (its installer downloads a binary), and the handlers are plain functions anyway.
 */
export async function startLocalHost(
  routes: Route[],
  port: number,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const compiled = routes.map((r) => ({ route: r, match: compile(r.route) }));
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight++;
    res.on('close', () => {
      if (--inFlight === 0) drained?.();
    });
    void (async () => {
      const url = new URL(req.url ?? '/', `http://localhost`);
      const method = (req.method ?? 'GET').toUpperCase();
      let params: Record<string, string> | undefined;
      const candidates = compiled.filter(
        (c) =>
          (params = c.match(url.pathname)) !== undefined &&
          // A catch-all (the tab's files) answers only its own methods: elsewhere 404, not 405.
          (!c.route.route.includes('{*') || c.route.methods.includes(method as never)),
      );
      const found = candidates.find((c) => c.route.methods.includes(method as never));
      if (!found) {
        await write(res, {
          status: candidates.length ? 405 : 404,
          jsonBody: {
            error: candidates.length ? `${method} is not allowed here.` : 'There is nothing at this address.',
          },
        });
        return;
      }
      params = found.match(url.pathname) ?? {};
      const limit = found.route.maxBodyBytes ?? MAX_BODY_BYTES;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, limit);
      if (body === undefined && method !== 'GET' && method !== 'HEAD') {
        res.setHeader('connection', 'close');
        await write(res, {
          status: 413,
          jsonBody: {
            error: `The request is too large: at most ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} KB`} is accepted.`,
          },
        });
        req.destroy();
        return;
      }
      const request = new HttpRequest({
        method,
        url: url.toString(),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        ),
        params,
        body: body ? { bytes: body } : undefined,
      });
      const context = new InvocationContext({ functionName: found.route.name });
      await write(res, await found.route.handler(request, context));
    })().catch((err: unknown) => {
      const reference = randomUUID();
      log.error('local-host-failed', { error: (err as Error).message, reference });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: failureWords(err, reference).text }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://localhost:${actual}`,
    // Stops accepting, lets the requests under way finish (up to 10 s), then closes every connection.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0)
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
        ]);
      server.closeAllConnections();
      await closed;
    },
  };
}
