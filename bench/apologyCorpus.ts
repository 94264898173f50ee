import { scoreCorpus } from '../test/support/apologyScore';

/** The apology reader's accuracy on the corpus (test/fixtures/apologyCorpus.ts), per category, beside the target. */
export function benchApologyCorpus(): Record<string, string> {
  const { tuned, heldOut } = scoreCorpus();
  const out: Record<string, string> = {};
  for (const [category, held] of Object.entries(heldOut)) {
    const t = tuned[category as keyof typeof tuned];
    const pct = (s: { right: number; of: number }) => (100 * s.right) / s.of;
    out[`apology reader, ${category}: tuned / held-out`] =
      `${t.right}/${t.of} (${pct(t).toFixed(0)}%) / ${held.right}/${held.of} (${pct(held).toFixed(0)}%) (target ≥ 95% held out: ${pct(held) >= 95 ? 'met' : 'NOT met'})`;
  }
  return out;
}
