import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cardInputWords } from '../../bot/teams/cardInputWords';
import {
  ActionCreatePayloadSchema,
  ActionUpdatePayloadSchema,
  MinutesItemPayloadSchema,
  RollCallMarkPayloadSchema,
} from '../../bot/teams/cardPayloads';

const RAW = /Expected|received|String must|Invalid enum|^Required|Number must|invalid_/;

describe('what a refused card input says', () => {
  it('puts every rule in words, never the validator’s', () => {
    const cases: [z.ZodTypeAny, unknown][] = [
      [
        ActionUpdatePayloadSchema,
        { committeeId: 'lscsb', actionId: 'a', submissionId: crypto.randomUUID(), status: 'Purple' },
      ],
      [
        ActionUpdatePayloadSchema,
        {
          committeeId: 'lscsb',
          actionId: 'a',
          submissionId: crypto.randomUUID(),
          status: 'Red',
          comment: 'x'.repeat(2001),
        },
      ],
      [
        ActionCreatePayloadSchema,
        {
          committeeId: 'lscsb',
          meetingId: 'm',
          submissionId: crypto.randomUUID(),
          fromMinute: 'abc',
          text: 'Do it.',
          responsible: 'r-basra',
        },
      ],
      [
        ActionCreatePayloadSchema,
        { committeeId: 'lscsb', meetingId: 'm', submissionId: crypto.randomUUID(), fromMinute: 2, text: 'Do it.' },
      ],
      [
        RollCallMarkPayloadSchema,
        { committeeId: 'lscsb', meetingId: 'm', status: 'present', guestName: 'x'.repeat(500) },
      ],
      [MinutesItemPayloadSchema, { meetingId: 'm', itemNumber: 'seven' }],
    ];
    for (const [schema, data] of cases) {
      const parsed = schema.safeParse(data);
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      const words = cardInputWords(parsed.error.issues[0]);
      expect(words, JSON.stringify(parsed.error.issues[0])).not.toMatch(RAW);
      expect(words).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('keeps a sentence the schema already words for people', () => {
    expect(cardInputWords({ code: 'custom', path: ['text'], message: 'Write what is to be done.' })).toBe(
      'Write what is to be done.',
    );
    expect(
      cardInputWords({
        code: 'invalid_type',
        path: ['fromMinute'],
        expected: 'number',
        received: 'nan',
        message: 'Expected number, received nan',
      }),
    ).toBe('The agenda item must be a number.');
  });
});
