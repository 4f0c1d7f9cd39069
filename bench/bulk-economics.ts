// The economics phase's bulk sync alone, at one size (issue 13): `node --import tsx bench/bulk-economics.ts 10000`.
// Prints the figures (bench/economics-bulk.ts says what each is) and a JSON line with all of them.
import { bulkOnVirtualClock, describeBulk } from './economics-bulk';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: bulk-economics.ts <issues (positive integer)>');
  const b = await bulkOnVirtualClock(n);
  console.log(`=== Bulk sync of ${b.issues} issues under the default limits, manual clock ===`);
  for (const line of describeBulk(b)) console.log(line);
  const { storage, ...rest } = b;
  console.log(JSON.stringify({ bulk: { ...rest, storage: { source: { ...storage.source, endpoints: undefined }, target: { ...storage.target, endpoints: undefined } }, endpoints: { source: storage.source.endpoints, target: storage.target.endpoints } } }));
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
