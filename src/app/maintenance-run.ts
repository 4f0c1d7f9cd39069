// One five-minute maintenance run (entry/scheduled/maintenance.ts calls it): send outbox entries
// whose queue wake-up was lost (the entry is the truth, the event only a hint) or whose immediate
// send died with its invocation; rebuild the routes when configuration changed since their last
// rebuild (so one left stale by a crash or by index lag heals); start a poll run for each active
// ServiceNow connection (inbound from ServiceNow, which cannot push without the business rule:
// app/servicenow/poll-work.ts queues it a slice at a time); sweep every shared project for changes
// no product event carried (app/sweep.ts: one search per project when nothing changed); look for
// pairs whose issue was deleted without an event (app/lost-deletes.ts: a slice of a connection's
// pairs when its walk is due); queue again the page a stalled bulk sync waits for (only when a run
// is going); and ping an active partner when nothing was heard from it for a while.
//
// What is paced rather than done every run reads its timing from one small schedule record, read
// with the route stamps in a single storage request and written only when a paced duty ran
// (core/sync/maintenance-schedule.ts). An idle run costs: that request, the outbox's due query, the
// connection listing (query and read-back), the bulk-status query, and per shared project its route
// and sweep watermark (plus the sweep's one Jira search).
import { anyBulkRunning } from '../adapters/forge/kvs-bulk-running';
import { readMaintenanceState, writeSchedule } from '../adapters/forge/kvs-maintenance-schedule';
import { drainOutbox } from '../core/sync';
import { forConnections, sameSchedule } from '../core/sync/maintenance-schedule';
import { resumeStalledBulkRuns } from './bulk-resume';
import { listingConnectionsOnce } from './listed-once';
import { findLostDeletes, type LostDeleteReport } from './lost-deletes';
import { pingQuietPartners } from './partner-health';
import { startServiceNowPolls } from './servicenow/poll-work';
import { startSweeps } from './sweep';
import { syncDeps, type AppDeps } from './sync-deps';

export type MaintenanceReport = { routesRebuilt: number; lostDeletes: LostDeleteReport | null; bulkResumed: number };

export async function runMaintenance(base: AppDeps = syncDeps()): Promise<MaintenanceReport> {
  const deps = listingConnectionsOnce(base);
  const state = await readMaintenanceState();
  await drainOutbox(deps, 50);
  const routesRebuilt = await deps.config.rebuildIfDue(state.stamps);
  // Before the sweeps and the rest: a failure there must not hold ServiceNow's changes back.
  await startServiceNowPolls(deps).catch((e: unknown) => console.warn(`liaison: ServiceNow polls not started: ${(e as Error).message}`));
  await startSweeps(deps);
  let lostDeletes: LostDeleteReport | null = null;
  try {
    const connections = await deps.config.listConnections();
    const schedule = forConnections(state.schedule, new Set(connections.filter((c) => c.state !== 'ended').map((c) => c.id)));
    lostDeletes = await findLostDeletes(deps, connections, schedule);
    if (!sameSchedule(schedule, state.schedule)) await writeSchedule(schedule);
  } catch (e) {
    console.warn(`liaison: the lost-delete checks did not run: ${(e as Error).message}`);
  }
  const bulkResumed = (await anyBulkRunning()) ? await resumeStalledBulkRuns(deps) : 0;
  await pingQuietPartners(deps);
  return { routesRebuilt, lostDeletes, bulkResumed };
}
