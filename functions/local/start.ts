import type { ChildProcess } from 'node:child_process';
import { ConfigError, loadConfig } from '../../bot/config';
import { buildWeb } from '../../scripts/buildWeb';
import { startLocalStack } from './stack';
import { startTestTool, testToolFolder } from './testTool';

/**
 * `npm start`: the bot and API on localhost:3978 backed by a local Cosmos DB protocol server, and
 * the Teams App Test Tool on localhost:56150 to talk to it. Ctrl+C saves the data and stops all.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = config.dataDir;
  // The workspace tab is built from web/src on every start, so what you see is what you have.
  await buildWeb();
  const stack = await startLocalStack({ config, dataDir, runTimers: true });
  console.log(`Quorum is listening on ${stack.url}/api/messages (API under ${stack.url}/api/)`);
  console.log(`The Quorum workspace (the Teams tab): open ${stack.url}/ in your browser and choose who you are.`);

  let testTool: ChildProcess | undefined;
  if (process.env.QUORUM_TEST_TOOL !== 'false') {
    // QUORUM_AS="Euan Walters" (or "Chavda", or an Entra object id): try Quorum as the clerk, an officer, a member.
    const folder = testToolFolder(process.env.QUORUM_AS);
    testTool = startTestTool({ botUrl: stack.url, port: 56150, folder });
    testTool.on('exit', (code) => {
      if (code) console.error(`The Teams App Test Tool stopped (exit ${code}); see devTools/m365agentsplayground.log.`);
    });
    console.log('Teams App Test Tool: open http://localhost:56150 in your browser and say "help".');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    testTool?.kill('SIGTERM');
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
