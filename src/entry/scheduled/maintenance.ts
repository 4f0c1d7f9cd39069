// Every five minutes: send outbox entries whose queue wake-up was lost (the entry is the truth,
// the event only a hint) or whose immediate send died with its invocation, rebuild the routes when
// configuration changed since their last rebuild (so one left stale by a crash or by index lag
// heals), sweep every shared project for changes no product event carried (app/sweep.ts: one search
// per project when nothing changed), unlink pairs whose issue was deleted without an event
// (app/lost-deletes.ts: a slice of each connection's pairs per run), queue again the page a stalled bulk sync waits for
// (app/bulk-resume.ts), start a poll run for each active ServiceNow connection (inbound from
// ServiceNow, which cannot push without the business rule: app/servicenow/poll-work.ts queues it
// a slice at a time), and ping an active partner when nothing was heard from it for a while, so
// the admin page shows live health. An idle run touches only what is stale or due. The poll rides
// here rather than on a five-minute trigger of its own: a site with no ServiceNow connection pays
// nothing for it (the connection list is read once per run anyway), where its own trigger cost 12
// invocations and 12 index queries an hour.
import { drainOutbox } from '../../core/sync';
import { resumeStalledBulkRuns } from '../../app/bulk-resume';
import { findLostDeletes } from '../../app/lost-deletes';
import { startServiceNowPolls } from '../../app/servicenow/poll-work';
import { startSweeps } from '../../app/sweep';
import { syncDeps } from '../../app/sync-deps';
import { listingConnectionsOnce } from '../../app/listed-once';
import { pingQuietPartners } from '../../app/partner-health';

export async function maintenance(): Promise<void> {
  const deps = listingConnectionsOnce(syncDeps());
  await drainOutbox(deps, 50);
  await deps.config.rebuildIfDue();
  // Before the sweeps and the rest: a failure there must not hold ServiceNow's changes back.
  await startServiceNowPolls(deps).catch((e: unknown) => console.warn(`liaison: ServiceNow polls not started: ${(e as Error).message}`));
  await startSweeps(deps);
  await findLostDeletes(deps);
  await resumeStalledBulkRuns(deps);
  await pingQuietPartners(deps);
}
