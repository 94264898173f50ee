import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { startLocalStack, type LocalStack } from '../../functions/local/stack';
import { startPlayground, playgroundFolder } from '../../functions/local/playground';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';
import { DEMO, TEST_TODAY } from '../support/stack';

/**
 * As people see it: the Microsoft 365 Agents Playground's web client in Debian's Chromium, talking to the whole
 * local stack (bot, API, Cosmos DB protocol server). Each person gets their own Agents Playground, because the
 * tool's signed-in user is fixed by its configuration file.
 */
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'e2e');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** An Agents Playground whose signed-in user is `aadObjectId`, connected to the stack. */
async function playgroundAs(stack: LocalStack, aadObjectId: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = startPlayground({ botUrl: stack.url, port, folder: playgroundFolder(aadObjectId), quiet: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Agents Playground did not start')), 30_000);
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`the Agents Playground exited (${code})`)));
  });
  return { url: `http://localhost:${port}/`, process: child };
}

let stack: LocalStack;
let browser: Browser;
const tools: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install chromium (.ci/run does this).`,
    );
  mkdirSync(SHOTS, { recursive: true });
  process.env.QUORUM_LOG ??= 'silent';
  const config = loadConfig({ QUORUM_MODE: 'local', COSMOS_DATABASE: `e2e-${randomUUID()}` });
  stack = await startLocalStack({ port: 0, config, now: () => TEST_TODAY });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const t of tools) t.kill('SIGTERM');
  await stack?.close();
});

async function chatAs(aadObjectId: string): Promise<Page> {
  const tool = await playgroundAs(stack, aadObjectId);
  tools.push(tool.process);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(tool.url, { waitUntil: 'networkidle' });
  await page.getByText('Personal Chat', { exact: true }).first().click();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor=true]').click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

describe('in the Microsoft 365 Agents Playground', () => {
  it('a member sends apologies in chat and confirms them on the card', async () => {
    const page = await chatAs(DEMO.member.aadObjectId);
    await say(page, 'please send my apologies for the next meeting, I am at a conference');
    await expect
      .poll(() => page.getByText('Record apologies from Cllr. M. Wyatt').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await shot(page, '1-apology-card');
    await page.getByRole('button', { name: 'Send apologies', exact: true }).last().click();
    await expect
      .poll(() => page.getByText('Apologies recorded', { exact: true }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await shot(page, '2-apology-recorded');
    await page.close();
  }, 90_000);

  it('an officer sets an action to Amber with a comment and sees the card update', async () => {
    const page = await chatAs(DEMO.officer.aadObjectId);
    await say(page, 'my actions');
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Action 6' }).last();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The Agents Playground renders a compact choice set as a Fluent UI combobox.
    await card.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Amber: in progress, some risk' }).click();
    await card.locator('textarea').fill('Funding bid submitted to the OPCC on 20 November.');
    await shot(page, '3-action-card');
    await card.getByRole('button', { name: 'Update' }).click();
    await expect
      .poll(() => page.getByText('Updated to Amber with your comment. Thank you.').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await shot(page, '4-action-updated');
    await page.close();
  }, 90_000);

  it('the clerk finds both in the record', async () => {
    const res = await fetch(`${stack.url}/api/meetings/lscsb-2026-12-04/record?format=md`);
    const md = await res.text();
    expect(md).toMatch(/Apologies[\s\S]*Cllr\. M\. Wyatt/);
    expect(md).toContain('Funding bid submitted to the OPCC on 20 November.');
  });
});
