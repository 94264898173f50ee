import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildWeb } from '../scripts/buildWeb';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser';
import { DEMO, startTestStack } from '../test/support/stack';

const TARGET_LOAD_MS = 1000;
const TARGET_JS_KB = 400;

/**
 * The floor: React and Fluent UI drawing one button, built and served the same way, in the same
 * browser. What a page of this stack cannot beat on this machine.
 */
async function floorPage(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-floor-'));
  writeFileSync(
    join(dir, 'floor.tsx'),
    `import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, teamsLightTheme } from '@fluentui/react-components';
createRoot(document.getElementById('root')!).render(<FluentProvider theme={teamsLightTheme}><Button>Floor</Button></FluentProvider>);`,
  );
  await build({
    entryPoints: [join(dir, 'floor.tsx')],
    bundle: true,
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    outfile: join(dir, 'floor.js'),
    nodePaths: [join(__dirname, '..', 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = readFileSync(join(dir, 'floor.js'));
  const server = createServer((req, res) => {
    if (req.url === '/floor.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><div id="root"></div><script type="module" src="/floor.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Median over five fresh browser contexts (nothing cached) of navigation → `ready` resolved. */
async function medianLoad(
  browser: Browser,
  url: string,
  ready: (page: import('playwright-core').Page) => Promise<void>,
) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(url);
    await ready(page);
    times.push(Date.now() - start);
    await context.close();
  }
  return [...times].sort((a, b) => a - b)[2] ?? 0;
}

/**
 * The workspace tab's production build: its JavaScript gzipped (the first screen's, and all of it),
 * and the first load in Chromium against the local stack, from navigation to the clerk's agenda table
 * drawn with its data, beside the floor page's.
 */
export async function benchWorkspace(): Promise<Record<string, string>> {
  const out = await buildWeb();
  const assets = join(out, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  const all = files.reduce((n, f) => n + gz(f), 0);
  const stack = await startTestStack();
  const floor = await floorPage();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let median = 0;
  let floorMs = 0;
  try {
    floorMs = await medianLoad(browser, floor.url, (p) => p.getByRole('button', { name: 'Floor' }).waitFor());
    median = await medianLoad(browser, `${stack.url}/?as=${DEMO.clerk.aadObjectId}#/c/lscsb/agenda`, (p) =>
      p.getByRole('table', { name: 'Agenda items' }).waitFor(),
    );
  } finally {
    await browser.close();
    await floor.close();
    await stack.close();
  }
  return {
    'workspace first load (the clerk’s agenda drawn with its data, median of 5)': `${median} ms (target ≤ ${TARGET_LOAD_MS} ms: ${median <= TARGET_LOAD_MS ? 'met' : 'NOT met'}); ${(median / floorMs).toFixed(1)}× the floor`,
    'floor: React + Fluent UI drawing one button, same browser': `${floorMs} ms`,
    'workspace JavaScript, gzipped': `${(all / 1024).toFixed(0)} KiB in ${files.length} files (target ≤ ${TARGET_JS_KB} KB: ${all / 1000 <= TARGET_JS_KB ? 'met' : 'NOT met'})`,
  };
}
