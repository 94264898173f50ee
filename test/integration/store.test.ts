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

  it("keeps each meeting's roll folded from its responses: built from the history when first asked, made good by a retry", async () => {
    const { responses } = stack.services.store;
    const meetingId = 'lscsb-2027-03-05';
    const mark = (id: string, personId: string, at: string): Response => ({
      id,
      kind: 'attendance',
      committeeId: 'lscsb',
      meetingId,
      personId,
      recordedBy: 'd-taylor',
      recordedAt: at,
      withdrawn: false,
      status: 'present',
      remote: false,
    });
    // Written straight into the history, as by a fold that never happened (a crash between the two).
    await responses.docs.create(mark('roll-1', 'l-phillimore', '2027-03-05T10:00:00.000Z'));
    expect(await responses.rolls.get(meetingId, 'lscsb')).toBeUndefined();
    // Asked for, the roll is built from the history.
    expect(Object.keys((await responses.roll('lscsb', meetingId)).value.attendance)).toEqual(['l-phillimore']);
    // Marks made at once all land in it, none lost.
    const many = ['l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss', 'k-loydall', 'd-taylor'].map((p, i) =>
      mark(`roll-many-${i}`, p, `2027-03-05T10:01:0${i}.000Z`),
    );
    await Promise.all(many.map((m) => responses.append(m)));
    expect(Object.keys((await responses.roll('lscsb', meetingId)).value.attendance).sort()).toEqual([
      'd-taylor',
      'd-woodiwiss',
      'k-loydall',
      'l-blackshaw',
      'l-phillimore',
      'm-mullaney',
      'p-cumbers',
    ]);
    // A mark whose fold was lost is made good when the same submission is retried.
    const lost = mark('roll-lost', 'j-mavji', '2027-03-05T10:02:00.000Z');
    await responses.docs.create(lost);
    expect((await responses.roll('lscsb', meetingId)).value.attendance['j-mavji']).toBeUndefined();
    expect(await responses.append(lost)).toMatchObject({ recorded: false, reason: 'duplicate' });
    expect((await responses.roll('lscsb', meetingId)).value.attendance['j-mavji']?.id).toBe('roll-lost');
    // An older mark arriving late never replaces a newer one.
    await responses.append(mark('roll-old', 'j-mavji', '2027-03-05T09:59:00.000Z'));
    expect((await responses.roll('lscsb', meetingId)).value.attendance['j-mavji']?.id).toBe('roll-lost');
    // A withdrawn mark brings back the one before it, as the history reads.
    await responses.append({
      ...mark('roll-withdrawn', 'j-mavji', '2027-03-05T10:03:00.000Z'),
      withdrawn: true,
      supersedes: 'roll-lost',
    });
    expect((await responses.roll('lscsb', meetingId)).value.attendance['j-mavji']?.id).toBe('roll-lost');
  });
});
