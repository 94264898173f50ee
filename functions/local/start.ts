import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { startLocalStack } from './stack';

/**
 * `npm start`: the bot and API on localhost:3978 backed by a local Cosmos DB protocol server, and
 * the Teams App Test Tool on localhost:56150 to talk to it. Ctrl+C saves the data and stops all.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = config.dataDir;
  const stack = await startLocalStack({ config, dataDir, runTimers: true });
  console.log(`Quorum is listening on ${stack.url}/api/messages (API under ${stack.url}/api/)`);

  let testTool: ChildProcess | undefined;
  if (process.env.QUORUM_TEST_TOOL !== 'false') {
    const cli = join(process.cwd(), 'node_modules', '@microsoft', 'teams-app-test-tool', 'cli.js');
    // BROWSER=none: the tool otherwise exits when it cannot open a browser (no xdg-open here).
    testTool = spawn(process.execPath, [cli, 'start', '-e', `${stack.url}/api/messages`, '-c', 'msteams', '--dt'], {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
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
