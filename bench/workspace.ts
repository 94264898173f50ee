import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildWeb } from '../scripts/buildWeb';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser';
import { DEMO, startTestStack } from '../test/support/stack';

const TARGET_LOAD_MS = 1000;
const TARGET_JS_KB = 400;

/**
 * The workspace tab's production build: its JavaScript gzipped (the first screen's, and all of it),
 * and the first load in Chromium against the local stack, from navigation to the clerk's agenda table
 * drawn with its data (median of five fresh browser contexts, so nothing is cached).
 */
export async function benchWorkspace(): Promise<Record<string, string>> {
  const out = await buildWeb();
  const assets = join(out, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  const all = files.reduce((n, f) => n + gz(f), 0);
  const stack = await startTestStack();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const times: number[] = [];
  let firstScreenBytes = 0;
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      let js = 0;
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) js += Number(r.headers()['content-length'] ?? 0);
      });
      const start = Date.now();
      await page.goto(`${stack.url}/?as=${DEMO.clerk.aadObjectId}#/c/lscsb/agenda`);
      await page.getByRole('table', { name: 'Agenda items' }).waitFor();
      times.push(Date.now() - start);
      firstScreenBytes = js;
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  const median = [...times].sort((a, b) => a - b)[2] ?? 0;
  return {
    'workspace first load (agenda drawn, median of 5)': `${median} ms (target ≤ ${TARGET_LOAD_MS} ms: ${median <= TARGET_LOAD_MS ? 'met' : 'NOT met'})`,
    'workspace JavaScript, gzipped': `${(all / 1024).toFixed(0)} KiB in all, ${files.length} files (target ≤ ${TARGET_JS_KB} KB: ${all / 1000 <= TARGET_JS_KB ? 'met' : 'NOT met'}); the agenda screen loads ${(firstScreenBytes / 1024).toFixed(0)} KiB unzipped`,
  };
}
