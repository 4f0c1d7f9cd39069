// One bulk-sync size in a fresh process: `tsx bench/bulk-child.ts <issues> <result.json>`.
// run.ts starts it with --expose-gc, so heap figures are after a real full GC.
import { writeFileSync } from 'node:fs';
import { runBulkScale } from './bulk';

async function main(): Promise<void> {
  const [nRaw, out] = process.argv.slice(2);
  const n = Number(nRaw);
  if (!Number.isInteger(n) || n < 1 || !out) throw new Error('usage: bulk-child.ts <issues (positive integer)> <result.json>');
  const figures = await runBulkScale(n, (m) => process.stderr.write(`  [bulk ${n}] ${m}\n`));
  writeFileSync(out, JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
