import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/domain/action';
import type { Response } from '../../bot/domain/responses';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('store on the Cosmos DB protocol server', () => {
  it('lands every one of 25 concurrent updates to one action (ETag + retry), none lost', async () => {
    const { actions } = stack.services.store;
    const updates = Array.from({ length: 25 }, (_, i) =>
      actions.update('lscsb', 'lscsb-action-6', (a: Action) => ({
        ...a,
        history: [
          ...a.history,
          {
            at: new Date(Date.UTC(2026, 10, 24, 9, 0, i)).toISOString(),
            by: 'a-chavda',
            status: 'Amber',
            comment: `update ${i}`,
          },
        ],
      })),
    );
    await Promise.all(updates);
    const after = await actions.get('lscsb', 'lscsb-action-6');
    const concurrent = after?.history.filter((h) => h.by === 'a-chavda') ?? [];
    expect(concurrent).toHaveLength(25);
    expect(new Set(concurrent.map((h) => h.comment)).size).toBe(25);
  });

  it('appends responses, records a retry once, and refuses the same key for something else', async () => {
    const apology: Response = {
      id: 'submission-123',
      kind: 'apology',
      committeeId: 'lscsb',
      meetingId: 'lscsb-2026-12-04',
      personId: 'm-wyatt',
      recordedBy: 'm-wyatt',
      recordedAt: '2026-11-24T09:00:00Z',
      withdrawn: false,
      onBehalf: false,
    };
    expect((await stack.services.store.responses.append(apology)).recorded).toBe(true);
    const retry = await stack.services.store.responses.append({ ...apology, recordedAt: '2026-11-24T09:00:05Z' });
    expect(retry).toMatchObject({ recorded: false, reason: 'duplicate', response: { id: 'submission-123' } });
    const other = await stack.services.store.responses.append({ ...apology, substituteId: 'd-southall' });
    expect(other).toEqual({ recorded: false, reason: 'key-reused' });
    const someoneElse = await stack.services.store.responses.append({ ...apology, personId: 'd-taylor' });
    expect(someoneElse).toEqual({ recorded: false, reason: 'key-reused' });
    const stored = await stack.services.store.responses.forMeeting('lscsb', 'lscsb-2026-12-04');
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toHaveProperty('substituteId');
  });
});
