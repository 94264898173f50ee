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
const REPETITIONS = 9;

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
    banner: { js: '//# allFunctionsCalledOnLoad' },
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

/**
 * One first load in a fresh browser context (nothing cached): from navigation to the moment the
 * page itself has put `selector` into the document, by the page's own clock (what a person waits
 * for, without the test driver's polling), and the driver's wall time to seeing it.
 */
async function firstLoad(browser: Browser, url: string, selector: string): Promise<{ page: number; wall: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    // A string, not a function: this file is compiled without the DOM's types.
    await page.addInitScript({
      content: `new MutationObserver(() => {
        if (window.drawnAt === undefined && document.querySelector(${JSON.stringify(selector)})) window.drawnAt = performance.now();
      }).observe(document, { childList: true, subtree: true });`,
    });
    const start = Date.now();
    await page.goto(url);
    await page.locator(selector).first().waitFor();
    const wall = Date.now() - start;
    const drawn = Number(await page.evaluate('window.drawnAt'));
    return { page: Math.round(drawn), wall };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

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
  const loads: { page: number; wall: number }[] = [];
  const floors: { page: number; wall: number }[] = [];
  try {
    // Interleaved, so that the page and the floor see the same load on a shared machine.
    for (let i = 0; i < REPETITIONS; i++) {
      floors.push(await firstLoad(browser, floor.url, 'button'));
      loads.push(
        await firstLoad(
          browser,
          `${stack.url}/?as=${DEMO.clerk.aadObjectId}#/c/lscsb/agenda`,
          'table[aria-label="Agenda items"] tbody tr',
        ),
      );
    }
  } finally {
    await browser.close();
    await floor.close();
    await stack.close();
  }
  const load = median(loads.map((l) => l.page));
  const floorMs = median(floors.map((l) => l.page));
  return {
    [`workspace first load (navigation → the clerk’s agenda drawn with its data, page clock, median of ${REPETITIONS})`]: `${load} ms (target ≤ ${TARGET_LOAD_MS} ms: ${load <= TARGET_LOAD_MS ? 'met' : 'NOT met'}); ${(load / floorMs).toFixed(1)}× the floor`,
    'floor: React + Fluent UI drawing one button, same browser, same clock': `${floorMs} ms`,
    'workspace first load seen by the test driver (wall, incl. its polling)': `${median(loads.map((l) => l.wall))} ms (floor ${median(floors.map((l) => l.wall))} ms)`,
    'workspace JavaScript, gzipped': `${(all / 1024).toFixed(0)} KiB in ${files.length} files (target ≤ ${TARGET_JS_KB} KB: ${all / 1000 <= TARGET_JS_KB ? 'met' : 'NOT met'})`,
  };
}
