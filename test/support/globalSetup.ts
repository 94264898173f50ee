import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

/**
 * Graph and Entra ID clients talk only HTTPS, and Node reads extra trusted certificates only at start-up:
 * so before any test worker starts, make a localhost certificate and tell every worker to trust it.
 */
export default function setup(): void {
  // Kept between runs (vitest starts processes even after teardown, and they would warn about a missing file).
  const dir = join(process.cwd(), 'node_modules', '.cache', 'quorum-test-tls');
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'cert.pem');
  process.env.QUORUM_TEST_TLS_DIR = dir;
  if (existsSync(join(dir, 'cert.pem')) && existsSync(join(dir, 'key.pem'))) return;
  mkdirSync(dir, { recursive: true });
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
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private);
}
