import { createHttpsServer } from '@vercel/cosmosdb-server';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import type { ItemDefinition } from '@azure/cosmos';
import { log } from '../../bot/log';

/** The well-known key of the Cosmos DB emulator; the protocol server accepts any key. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmos {
  endpoint: string;
  /** Requests served and response bytes sent so far: what the bench counts a turn's storage work in. */
  traffic: { requests: number; bytes: number };
  key: string;
  /** Trusts exactly this server's certificate; keep-alive makes the SDK ~4× faster here. */
  agent: Agent;
  close(): Promise<void>;
}

/**
 * A self-signed certificate for localhost. The server package ships one, but it is long expired and
 * names another host, so we make our own (kept under `certDir` so restarts reuse it). The tests'
 * HTTPS stand-ins use the same, under their own file names.
 */
export function localhostCertificate(
  certDir?: string,
  files = { cert: 'cosmos-cert.pem', key: 'cosmos-key.pem' },
): { cert: string; key: string } {
  const certFile = certDir && join(certDir, files.cert);
  const keyFile = certDir && join(certDir, files.key);
  if (certFile && keyFile && existsSync(certFile) && existsSync(keyFile))
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  const pems = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    days: 3650,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  if (certDir && certFile && keyFile) {
    mkdirSync(certDir, { recursive: true });
    writeFileSync(certFile, pems.cert);
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
  }
  return { cert: pems.cert, key: pems.private };
}

/** A document write the server has done, told before it is answered. */
export type WriteSeen =
  | { container: string; op: 'put'; doc: ItemDefinition }
  | { container: string; op: 'delete'; id: string; partitionKey: unknown };

const DOCS = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs(?:\/([^/]+))?$/;

/**
 * What a request did to a document, read from the request and the server's answer: creates, upserts,
 * replaces and patches answer with the document as it now is; a delete answers 204.
 */
function writeSeen(req: IncomingMessage, status: number, body: string): WriteSeen | 'unknown' | undefined {
  const m = DOCS.exec(new URL(req.url ?? '/', 'https://localhost').pathname);
  if (!m || status >= 300) return undefined;
  const container = decodeURIComponent(m[1] as string);
  const header = (name: string) => String(req.headers[name] ?? '').toLowerCase();
  const method = req.method ?? 'GET';
  // Queries and query plans are POSTs to the same address: told apart by their headers.
  const query =
    header('x-ms-documentdb-isquery') === 'true' ||
    header('x-ms-cosmos-is-query-plan-request') === 'true' ||
    header('content-type').startsWith('application/query+json');
  if (method === 'GET' || query) return undefined;
  if (method === 'POST' && m[2] === undefined && header('x-ms-cosmos-is-batch-request') === 'true') return 'unknown';
  if (method === 'DELETE' && m[2] !== undefined) {
    const pk = JSON.parse(String(req.headers['x-ms-documentdb-partitionkey'] ?? '[]')) as unknown[];
    return { container, op: 'delete', id: decodeURIComponent(m[2]), partitionKey: pk[0] };
  }
  if (['POST', 'PUT', 'PATCH'].includes(method)) {
    const doc = JSON.parse(body) as ItemDefinition;
    // A document write answers with the document; anything else is not one we know how to journal.
    return typeof doc.id === 'string' && !('Documents' in doc) ? { container, op: 'put', doc } : 'unknown';
  }
  return undefined;
}

/**
 * Starts the Cosmos DB protocol server on loopback (port 0 picks a free one). `onWrite` hears of every
 * document write before the server answers it, so a journal can make it durable first.
 */
export async function startLocalCosmos(
  opts: { port?: number; certDir?: string; onWrite?: (write: WriteSeen) => void } = {},
): Promise<LocalCosmos> {
  const { cert, key } = localhostCertificate(opts.certDir);
  const server = createHttpsServer({ cert, key, keepAlive: true } as Parameters<typeof createHttpsServer>[0]);
  const onWrite = opts.onWrite;
  if (onWrite) {
    const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
      res.end = ((chunk?: unknown) => {
        try {
          const seen = writeSeen(req, res.statusCode, typeof chunk === 'string' ? chunk : String(chunk ?? ''));
          if (seen === 'unknown') throw new Error('a batch write cannot be journalled');
          if (seen) onWrite(seen);
        } catch (err) {
          // Not durable, so not acknowledged: the client sees a failure and nothing claims success.
          log.error('journal-failed', { error: (err as Error).message });
          res.statusCode = 503;
          return end(JSON.stringify({ code: 'ServiceUnavailable', message: 'the write could not be made durable' }));
        }
        return end(chunk);
      }) as typeof res.end;
      handle?.(req, res);
    });
  }
  const traffic = { requests: 0, bytes: 0 };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    traffic.requests++;
    if (process.env.QUORUM_COSMOS_TRACE)
      res.on('finish', () => console.log('cosmos', _req.method, _req.url, res.statusCode));
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) traffic.bytes += Buffer.byteLength(chunk);
      return end(chunk);
    }) as typeof res.end;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: cert, keepAlive: true });
  return {
    endpoint: `https://localhost:${port}`,
    traffic,
    key: LOCAL_COSMOS_KEY,
    agent,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
