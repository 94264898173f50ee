import { join } from 'node:path';
import { localhostCertificate } from '../../functions/local/cosmosServer';
import { buildWeb } from '../../scripts/buildWeb';

/**
 * Builds the workspace tab once. Graph and Entra ID clients talk only HTTPS, and Node reads extra trusted certificates only at start-up:
 * so before any test worker starts, make a localhost certificate and tell every worker to trust it.
 */
export default async function setup(): Promise<void> {
  // Kept between runs (vitest starts processes even after teardown, and they would warn about a missing file).
  const dir = join(process.cwd(), 'node_modules', '.cache', 'quorum-test-tls');
  process.env.NODE_EXTRA_CA_CERTS = join(dir, 'cert.pem');
  process.env.QUORUM_TEST_TLS_DIR = dir;
  localhostCertificate(dir, { cert: 'cert.pem', key: 'key.pem' });
  // The workspace tab, as production serves it: the browser tests load it from the local host.
  await buildWeb();
}
