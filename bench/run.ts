import { cpus } from 'node:os';
import { benchBundleSize, benchCardActions, benchCirculation, benchColdStart, benchRollCallStorm } from './endToEnd';
import { benchAgendaPack } from './agendaPack';
import { benchApologyCorpus } from './apologyCorpus';
import { benchJournal } from './journal';
import { benchRecordAssembly } from './recordAssembly';
import { benchWorkspace } from './workspace';

/** `npm run bench`: figures and ratios on this machine. Targets live here, not in timed tests. */
async function main(): Promise<void> {
  console.log(
    `Quorum benchmarks · ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  process.env.QUORUM_LOG ??= 'silent';
  // One at a time, so no benchmark shares the machine with another.
  const results: Record<string, string> = {
    ...benchApologyCorpus(),
    ...(await benchCardActions()),
    ...(await benchRollCallStorm()),
    ...(await benchJournal()),
    ...(await benchCirculation()),
    ...(await benchRecordAssembly()),
    ...(await benchColdStart()),
    ...(await benchBundleSize()),
    ...(await benchWorkspace()),
    ...(await benchAgendaPack()),
  };
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${v}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
