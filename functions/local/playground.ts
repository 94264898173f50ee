import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const CONFIG = '.m365agentsplayground.yml';

type User = { id: string; name: string; aadObjectId: string };

/**
 * The folder to run the Microsoft 365 Agents Playground in. Its signed-in user is fixed by its configuration file,
 * so to be someone else (the clerk, an officer) we write a copy with them as the current user.
 * `who` matches a user's name or Entra object id; undefined keeps the repository's own file.
 */
export function playgroundFolder(who?: string): string {
  if (!who) return ROOT;
  const config = parse(readFileSync(join(ROOT, CONFIG), 'utf8')) as { currentUser: User; users: User[] };
  const everyone = [config.currentUser, ...config.users];
  const wanted = who.toLowerCase();
  const me = everyone.find((u) => u.aadObjectId.toLowerCase() === wanted || u.name.toLowerCase().includes(wanted));
  if (!me)
    throw new Error(
      `No Agents Playground user matches "${who}"; try one of: ${everyone.map((u) => u.name).join(', ')}.`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'quorum-testtool-'));
  writeFileSync(join(dir, CONFIG), stringify({ ...config, currentUser: me, users: everyone.filter((u) => u !== me) }));
  return dir;
}

/** Starts the Agents Playground against the bot; `onReady` when it is listening. */
export function startPlayground(opts: { botUrl: string; port: number; folder: string; quiet?: boolean }): ChildProcess {
  const cli = join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  // BROWSER=none: the tool otherwise exits when it cannot open a browser (no xdg-open here).
  return spawn(
    process.execPath,
    [cli, 'start', '-e', `${opts.botUrl}/api/messages`, '-c', 'msteams', '-p', String(opts.port), '--dt'],
    {
      cwd: opts.folder,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
      stdio: ['ignore', opts.quiet ? 'pipe' : 'inherit', opts.quiet ? 'pipe' : 'inherit'],
    },
  );
}
