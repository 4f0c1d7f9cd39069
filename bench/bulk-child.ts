// One bulk-sync size in a fresh process: `tsx bench/bulk-child.ts <issues> <result.json> [latency JSON]`.
// run.ts starts it with --expose-gc, so heap figures are after a real full GC.
import { writeFileSync } from 'node:fs';
import { runBulkScale } from './bulk';
import type { LatencyModel } from './world-setup';

async function main(): Promise<void> {
  const [nRaw, out, latencyRaw] = process.argv.slice(2);
  const n = Number(nRaw);
  if (!Number.isInteger(n) || n < 1 || !out) throw new Error('usage: bulk-child.ts <issues (positive integer)> <result.json> [latency JSON]');
  const latency = latencyRaw ? (JSON.parse(latencyRaw) as LatencyModel) : null;
  const tag = latency ? `bulk ${n}, modelled network` : `bulk ${n}`;
  const figures = await runBulkScale(n, (m) => process.stderr.write(`  [${tag}] ${m}\n`), latency);
  writeFileSync(out, JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
