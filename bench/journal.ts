import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../functions/local/journal';
import { DEMO, startTestStack } from '../test/support/stack';

/**
 * What durability costs on the local stack: one journal line flushed to disk (fsync) per acknowledged
 * write, alone and as part of an action update through the API, with and without the journal.
 */
export async function benchJournal(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-journal-bench-'));
  try {
    const journal = Journal.open(dir);
    const doc = { id: 'x', committeeId: 'lscsb', text: 'y'.repeat(2000) };
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      journal.append({ container: 'actions', op: 'put', doc: { ...doc, id: `x-${i}` } });
      times.push(performance.now() - t);
    }
    journal.close();
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

    const update = async (withJournal: boolean) => {
      const stack = await startTestStack(withJournal ? { dataDir: join(dir, 'stack') } : {});
      const ms: number[] = [];
      try {
        for (let i = 0; i < 60; i++) {
          const t = performance.now();
          const res = await fetch(`${stack.url}/api/me/actions/lscsb/lscsb-action-${(i % 5) + 1}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.clerk.aadObjectId },
            body: JSON.stringify({ status: 'Amber', comment: `Bench ${i}.`, submissionId: crypto.randomUUID() }),
          });
          await res.text();
          if (i >= 10) ms.push(performance.now() - t);
        }
      } finally {
        await stack.close();
      }
      return p50(ms);
    };
    const without = await update(false);
    const withJournalMs = await update(true);
    return {
      'journal: one write made durable (append + fsync, 2 KB), p50 of 200': `${p50(times).toFixed(2)} ms`,
      'action update through the API, p50: without the journal / with it': `${without.toFixed(1)} ms / ${withJournalMs.toFixed(1)} ms (${(withJournalMs / without).toFixed(2)}×)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
