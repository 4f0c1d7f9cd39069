// Every five minutes: send outbox entries whose queue wake-up was lost (the entry is the truth,
// the event only a hint) or whose immediate send died with its invocation, rebuild the routes (so
// one left stale by a crash heals), sweep every shared project for changes no product event carried
// (app/sweep.ts: one search per project when nothing changed), queue again the page a stalled bulk
// sync waits for (app/bulk-resume.ts), and ping each active partner so the admin page shows live health.
import { drainOutbox, pingPartner } from '../../core/sync';
import { resumeStalledBulkRuns } from '../../app/bulk-resume';
import { startSweeps } from '../../app/sweep';
import { syncDeps } from '../../app/sync-deps';

export async function maintenance(): Promise<void> {
  const deps = syncDeps();
  await drainOutbox(deps, 50);
  await deps.config.rebuildAll();
  await startSweeps(deps);
  await resumeStalledBulkRuns(deps);
  for (const connection of await deps.config.listConnections()) {
    if (connection.state !== 'active') continue;
    const result = await pingPartner(deps, connection.id);
    if (!result.ok) console.warn(`liaison: partner of connection ${connection.id} did not answer the health ping: ${result.message}`);
  }
}
