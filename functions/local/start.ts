import type { ChildProcess } from 'node:child_process';
import { ConfigError, loadConfig } from '../../bot/config';
import { buildWeb } from '../../scripts/buildWeb';
import { startLocalStack } from './stack';
import { startPlayground, playgroundFolder } from './playground';

/**
 * `npm start`: the bot and API on localhost:3978 backed by a local Cosmos DB protocol server, and
 * the Microsoft 365 Agents Playground on localhost:56150 to talk to it. Ctrl+C saves the data and stops all.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = config.dataDir;
  // The workspace tab is built from web/src on every start, so what you see is what you have.
  await buildWeb();
  const stack = await startLocalStack({ config, dataDir, runTimers: true });
  console.log(`Quorum is listening on ${stack.url}/api/messages (API under ${stack.url}/api/)`);
  console.log(`The Quorum workspace (the Teams tab): open ${stack.url}/ in your browser and choose who you are.`);

  let playground: ChildProcess | undefined;
  if (process.env.QUORUM_PLAYGROUND !== 'false') {
    // QUORUM_AS="Euan Walters" (or "Chavda", or an Entra object id): try Quorum as the clerk, an officer, a member.
    const folder = playgroundFolder(process.env.QUORUM_AS);
    playground = startPlayground({ botUrl: stack.url, port: 56150, folder });
    playground.on('exit', (code) => {
      if (code)
        console.error(
          `The Microsoft 365 Agents Playground stopped (exit ${code}); see devTools/m365agentsplayground.log.`,
        );
    });
    console.log('Microsoft 365 Agents Playground: open http://localhost:56150 in your browser and say "help".');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    playground?.kill('SIGTERM');
    await stack.close();
    console.log('Quorum stopped; data saved under', dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
