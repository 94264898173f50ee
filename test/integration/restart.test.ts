import { mkdtempSync, rmSync } from 'node:fs';
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
