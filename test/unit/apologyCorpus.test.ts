import { describe, expect, it } from 'vitest';
import { CORPUS } from '../fixtures/apologyCorpus';
import { parseApology } from '../../bot/domain/apologyParser';
import { CORPUS_COMMITTEES, CORPUS_TODAY, scoreCorpus } from '../support/apologyScore';

const pct = (s: { right: number; of: number }) => (100 * s.right) / s.of;

describe(`the apology reader on ${CORPUS.length} messages written as members write them (issue #19)`, () => {
  const { tuned, heldOut, misses } = scoreCorpus();
  const line = (name: string, scores: typeof tuned) =>
    `${name}: ${Object.entries(scores)
      .map(([k, v]) => `${k} ${v.right}/${v.of} (${pct(v).toFixed(0)}%)`)
      .join(', ')}`;
  // The per-category figures, in the test output (and in `npm run bench`).
  console.log(`${line('tuned', tuned)}\n${line('held out', heldOut)}`);

  it('has at least 250 messages, a held-out third, and every category in both parts', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(250);
    for (const part of [tuned, heldOut]) for (const s of Object.values(part)) expect(s.of).toBeGreaterThan(15);
  });

  it('reads every message of the tuned part as meant', () => {
    expect(misses).toEqual([]);
  });

  it('reads at least nine in ten of the held-out third as meant, in every category', () => {
    // The issue's target is 95% in every category; the floor here only stops it slipping back.
    for (const [category, s] of Object.entries(heldOut)) expect(pct(s), category).toBeGreaterThanOrEqual(90);
  });

  it('never reads a withdrawal as a new apology, nor anything else as a withdrawal (tuned part; held out counted)', () => {
    // These are the mistakes that cost a member's trust at once.
    const trustBreaking = (rows: typeof CORPUS) =>
      rows.filter(([text, category]) => {
        const read = parseApology(text, CORPUS_TODAY, CORPUS_COMMITTEES);
        return (
          (category === 'withdrawal' && read?.action === 'apologise') ||
          (category === 'not' && read?.action === 'withdraw')
        );
      }).length;
    expect(trustBreaking(CORPUS.filter((_, i) => i % 3 !== 2))).toBe(0);
    console.log(`held out: ${trustBreaking(CORPUS.filter((_, i) => i % 3 === 2))} withdrawal/other message(s) misread`);
  });
});
