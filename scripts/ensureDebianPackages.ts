// Before `npm test`: the browser tests drive Debian's Chromium (npm downloads no browser), and a Word
// report is turned into PDF by LibreOffice on one machine (SharePoint does it in production). When
// either is missing, install it from Debian's packages if this machine lets us (root, or sudo without
// a password); otherwise say exactly what to do, and stop before the tests fail for a reason nobody can read.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const needed = [
  { package: 'chromium', why: 'the browser tests', present: () => existsSync(chromium) },
  { package: 'libreoffice-writer', why: 'turning Word reports into PDF', present: () => has('soffice') },
];
const missing = needed.filter((n) => !n.present());
if (!missing.length) process.exit(0);

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

if (has('apt-get') && (root || sudo)) {
  console.log(
    `The tests need ${missing.map((m) => `${m.package} (${m.why})`).join(' and ')}: installing from Debian's packages…`,
  );
  const apt = (args: string[]) => (root ? run('apt-get', args) : run('sudo', ['apt-get', ...args]));
  if (
    apt(['update', '-qq']) &&
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.package)]) &&
    missing.every((m) => m.present())
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
    `The tests need ${missing.map((m) => `${m.package} (${m.why})`).join(' and ')}, which could not be installed here (${version}).`,
    'Install them, then run `npm test` again:',
    `  Debian or Ubuntu:  sudo apt-get install --no-install-recommends ${missing.map((m) => m.package).join(' ')}`,
    '  elsewhere:         install Chromium (set CHROMIUM_PATH to its executable) and LibreOffice (soffice on the PATH)',
  ].join('\n'),
);
process.exit(1);
