// Before `npm test`: the browser tests drive Debian's Chromium (npm downloads no browser). When it is
// missing, install it from Debian's packages if this machine lets us (root, or sudo without a password);
// otherwise say exactly what to do, and stop before the tests fail for a reason nobody can read.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

if (has('apt-get') && (root || sudo)) {
  console.log(`The browser tests need Chromium, which is not at ${path}: installing Debian's chromium package…`);
  const apt = (args: string[]) => (root ? run('apt-get', args) : run('sudo', ['apt-get', ...args]));
  if (
    apt(['update', '-qq']) &&
    apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) &&
    existsSync(path)
  )
    process.exit(0);
}

const version = (() => {
  try {
    return execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']).toString().trim();
  } catch {
    return 'this machine';
  }
})();
console.error(
  [
    `The browser tests need Chromium at ${path}, and it could not be installed here (${version}).`,
    'Install it, then run `npm test` again:',
    '  Debian or Ubuntu:  sudo apt-get install --no-install-recommends chromium',
    '  elsewhere:         install Chromium and set CHROMIUM_PATH to its executable',
  ].join('\n'),
);
process.exit(1);
