import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

/**
 * Graph and Entra ID clients talk only HTTPS, and Node reads extra trusted certificates only at start-up:
 * so before any test worker starts, make a localhost certificate and tell every worker to trust it.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-tls-'));
  const pems = selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    days: 2,
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
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private);
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'cert.pem');
  process.env.QUORUM_TEST_TLS_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
