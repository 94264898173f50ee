import { createHttpsServer } from '@vercel/cosmosdb-server';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

/** The well-known key of the Cosmos DB emulator; the protocol server accepts any key. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmos {
  endpoint: string;
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

/** Starts the Cosmos DB protocol server on loopback (port 0 picks a free one). */
export async function startLocalCosmos(opts: { port?: number; certDir?: string } = {}): Promise<LocalCosmos> {
  const { cert, key } = localhostCertificate(opts.certDir);
  const server = createHttpsServer({ cert, key, keepAlive: true } as Parameters<typeof createHttpsServer>[0]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: cert, keepAlive: true });
  return {
    endpoint: `https://localhost:${port}`,
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
