// The maintenance's health pings: a partner not heard from for a while is pinged, so the admin page
// shows live health, and now and then this side's profile goes with the ping if it changed.
// Imports only the core, so a test may read its constants without loading Forge's SDKs.
import type { Connection } from '../core/connection';
import type { SyncDeps } from '../core/sync/deps';
import { sendProfile } from '../core/sync/partner-profile';
import { pingPartner } from '../core/sync/ping';

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

export async function pingQuietPartners(deps: SyncDeps): Promise<void> {
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
