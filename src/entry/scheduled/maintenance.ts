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
import type { Connection } from '../../core/connection';
import { drainOutbox, pingPartner } from '../../core/sync';
import { sendProfile } from '../../core/sync/partner-profile';
import { resumeStalledBulkRuns } from '../../app/bulk-resume';
import { findLostDeletes } from '../../app/lost-deletes';
import { startServiceNowPolls } from '../../app/servicenow/poll-work';
import { startSweeps } from '../../app/sweep';
import { syncDeps } from '../../app/sync-deps';
import { listingConnectionsOnce } from '../../app/listed-once';

/** A partner heard from within this long is not pinged (its health on the admin page is that fresh). */
export const PING_EVERY_MS = 30 * 60_000;

/**
 * How often a ping also checks this side's profile for changes nobody announced (a status, priority,
 * component or version added in Jira: a name, contacts or rule save is sent at once anyway). Building
 * the profile reads the shared projects' metadata from Jira (createmeta per issue type: about 65
 * points a project), which on every half-hourly ping made most of an idle site's Jira cost.
 */
export const PROFILE_CHECK_EVERY_MS = 6 * 3_600_000;

/** The ping at `now` is the first since the last exchange in a new PROFILE_CHECK_EVERY_MS period (or the partner has no profile of ours yet). */
const profileCheckDue = (c: Connection, now: number): boolean =>
  c.profileSentHash === undefined || c.partnerProfile === undefined || Math.floor((c.lastExchangeAt ?? 0) / PROFILE_CHECK_EVERY_MS) !== Math.floor(now / PROFILE_CHECK_EVERY_MS);

export async function maintenance(): Promise<void> {
  const deps = listingConnectionsOnce(syncDeps());
  await drainOutbox(deps, 50);
  await deps.config.rebuildIfDue();
  // Before the sweeps and the rest: a failure there must not hold ServiceNow's changes back.
  await startServiceNowPolls(deps).catch((e: unknown) => console.warn(`liaison: ServiceNow polls not started: ${(e as Error).message}`));
  await startSweeps(deps);
  await findLostDeletes(deps);
  await resumeStalledBulkRuns(deps);
  const now = deps.clock.now();
  for (const connection of await deps.config.listConnections()) {
    if (connection.state !== 'active' || now - (connection.lastExchangeAt ?? 0) < PING_EVERY_MS) continue;
    const result = await pingPartner(deps, connection.id);
    if (!result.ok) console.warn(`liaison: partner of connection ${connection.id} did not answer the health ping: ${result.message}`);
    // With the ping, now and then, this side's profile goes again if it changed (a project's values,
    // the site's name) or if the partner never had one; unchanged, it costs the reads of building it.
    else if (profileCheckDue(connection, now)) await sendProfile(deps, connection.id).catch((e: unknown) => console.warn(`liaison: profile for ${connection.id} not sent: ${(e as Error).message}`));
  }
}
