import { startTestStack } from './stack';

/**
 * The local host as its own process, for tests that kill it: the same stack as `npm start` (the
 * Cosmos protocol server, its journal and snapshot under QUORUM_DATA_DIR), without the Agents Playground or
 * the tab's build. Prints "listening <url>" when ready; SIGTERM stops it in order, as npm start does.
 */
async function main() {
  const dataDir = process.env.QUORUM_DATA_DIR;
  if (!dataDir) throw new Error('QUORUM_DATA_DIR is required');
  const stack = await startTestStack({ env: { COSMOS_DATABASE: 'quorum' }, dataDir });
  process.on('SIGTERM', () => {
    void stack.close().then(() => process.exit(0));
  });
  console.log(`listening ${stack.url}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
