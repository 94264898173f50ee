import { cpus } from 'node:os';
import { benchRecordAssembly } from './recordAssembly';

/** `npm run bench`: figures and ratios on this machine. Targets live here, not in timed tests. */
async function main(): Promise<void> {
  console.log(
    `Quorum benchmarks · ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  const results: Record<string, string> = { ...(await benchRecordAssembly()) };
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
