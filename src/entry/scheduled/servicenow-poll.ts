// Every few minutes: poll each active ServiceNow connection's table for records changed since its
// watermark and queue those changes to Jira through the connection's peer. One connection failing
// (instance asleep, credentials revoked) does not stop the others.
import { serviceNowPeerFor } from '../../app/servicenow/app-peer';
import { pollServiceNow } from '../../app/servicenow/poll';
import { kvsWatermarks } from '../../app/servicenow/settings';
import { syncDeps } from '../../app/sync-deps';

export async function pollServiceNowPartners(): Promise<void> {
  const deps = syncDeps();
  for (const connection of await deps.config.listConnections()) {
    if (connection.partnerKind !== 'servicenow' || connection.state !== 'active') continue;
    try {
      const { peer, tracker, settings } = await serviceNowPeerFor(deps, connection);
      const excludeUser = settings.auth.kind === 'basic' ? settings.auth.username : undefined;
      await pollServiceNow({ peer, client: tracker.client, table: settings.table, watermarks: kvsWatermarks(connection.id), since: connection.createdAt, ...(excludeUser ? { excludeUser } : {}) });
    } catch (e) {
      console.warn(`liaison: polling ServiceNow for connection ${connection.id} failed: ${(e as Error).message}`);
    }
  }
}
