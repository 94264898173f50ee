import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/stack';

const dataDir = mkdtempSync(join(tmpdir(), 'quorum-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('local host restart', () => {
  it('keeps everything created before a restart, and does not load the demo over it', async () => {
    const env = { COSMOS_DATABASE: 'quorum' };
    const first = await startTestStack({ env, dataDir });
    const meeting = {
      startsAt: '2026-12-04T10:00:00+00:00',
      venue: { kind: 'teams', name: 'Microsoft Teams' },
      agenda: [{ number: 1, title: 'Introductions', standing: 'introductions' }],
    };
    expect((await first.api('PUT', '/api/committees/lscsb/meetings/extra-2026', meeting)).status).toBe(201);
    const committee = (await first.api('GET', '/api/committees/lscsb')).json as { name: string };
    expect(
      (
        await first.api('PUT', '/api/committees/lscsb', {
          ...committee,
          name: 'Leicestershire and Rutland Safer Communities Strategy Board',
        })
      ).status,
    ).toBe(200);
    await first.close();

    const second = await startTestStack({ env, dataDir });
    try {
      expect((await second.api('GET', '/api/committees/lscsb/meetings/extra-2026')).status).toBe(200);
      expect((await second.api('GET', '/api/committees/lscsb')).json).toMatchObject({
        name: 'Leicestershire and Rutland Safer Communities Strategy Board',
      });
      expect((await second.api('GET', '/api/committees')).json).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

/** The local host in a process of its own, so that it can be killed. */
async function startHostProcess(
  dir: string,
): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'hostProcess.ts')], {
    env: { ...process.env, QUORUM_DATA_DIR: dir, QUORUM_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`the host exited (${code}) before listening: ${out}`)));
  });
  return { url, child, exited };
}

/** Adds actions through the API, `parallel` at a time, until `stop` says so; returns the texts acknowledged (201). */
async function addActions(url: string, label: string, count: number, parallel = 8, stop = () => false) {
  const acknowledged: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count && !stop()) {
        const text = `${label} ${next++}`;
        try {
          const res = await fetch(`${url}/api/committees/lscsb/actions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text, responsiblePersonIds: ['r-basra'], createdBy: 'e-walters' }),
          });
          if (res.status === 201) acknowledged.push(text);
        } catch {
          // The host went away mid-request: not acknowledged, so not counted.
        }
      }
    }),
  );
  return acknowledged;
}

async function actionTexts(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/api/committees/lscsb/actions`);
  const body = (await res.json()) as { actions: { text: string }[] };
  return new Set(body.actions.map((a) => a.text));
}

describe('nothing acknowledged is lost when the local host dies', { timeout: 120_000 }, () => {
  it('keeps every acknowledged write across kill -9, and across a stop while writes are under way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-crash-'));
    try {
      const first = await startHostProcess(dir);
      const written = await addActions(first.url, 'before the crash', 200);
      expect(written).toHaveLength(200);
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await startHostProcess(dir);
      const afterCrash = await actionTexts(second.url);
      expect(written.filter((t) => !afterCrash.has(t))).toEqual([]);

      // Writes still arriving when the stop comes: the ones answered 201 are kept.
      let stopping = false;
      const during = addActions(second.url, 'during the stop', 400, 8, () => stopping);
      await new Promise((r) => setTimeout(r, 300));
      second.child.kill('SIGTERM');
      stopping = true;
      const answered = await during;
      expect(await second.exited).toBe(0);

      const third = await startHostProcess(dir);
      try {
        const afterStop = await actionTexts(third.url);
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.filter((t) => !afterStop.has(t))).toEqual([]);
        expect(written.filter((t) => !afterStop.has(t))).toEqual([]);
      } finally {
        third.child.kill('SIGTERM');
        await third.exited;
      }
      // People's reasons are in these files: only their owner may read them.
      for (const f of readdirSync(dir).filter((n) => n.startsWith('cosmos-')))
        expect(statSync(join(dir, f)).mode & 0o077, f).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
