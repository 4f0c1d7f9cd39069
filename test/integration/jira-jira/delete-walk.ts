// The lost-delete walk is paced by the maintenance schedule: a connection's pairs are walked once a
// day (core/sync/lost-deletes.ts; its timing is unit-tested in test/unit/core/lost-deletes.test.ts).
// Simulating a whole day of five-minute runs costs a test most of a minute, so a test that means
// "a day later, when the walk comes round" moves the walk's due time to now in the stored schedule,
// exactly as a day's wait would leave it, and lets the next maintenance run take it from there.
import type { Mirror, SiteHandle } from './support';

const KEY = 'maintenance:schedule';

export function walkDueNow(m: Pick<Mirror, 'clock'>, site: SiteHandle): void {
  const store = site.site.installation.store;
  const row = store.get('kvs', KEY);
  if (!row) return; // no walk yet: the next run starts one
  const schedule = JSON.parse(row.value) as { deleteChecks: Record<string, { nextAt: number }> };
  for (const state of Object.values(schedule.deleteChecks)) state.nextAt = m.clock.now();
  store.put('kvs', KEY, JSON.stringify(schedule));
}
