// The ServiceNow peer of one connection, built on the app's Forge deps: credentials from secret
// storage, the Table API through Forge fetch, messages applied on the Jira side with the deps a
// partner's message gets (syncDepsForConnection).
import { forgeServiceNowHttp, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import { ServiceNowTracker } from '../../adapters/servicenow/servicenow-tracker';
import type { Connection } from '../../core/connection';
import type { SyncDeps } from '../../core/sync/deps';
import { syncDepsForConnection } from '../sync-deps';
import { createServiceNowPeer, type ServiceNowPeer } from './peer';
import { getServiceNowSettings, type ServiceNowSettings } from './settings';

export type AppPeer = { peer: ServiceNowPeer; tracker: ServiceNowTracker; settings: ServiceNowSettings; http: ServiceNowHttp };

export async function serviceNowPeerFor(jira: SyncDeps, connection: Connection): Promise<AppPeer> {
  const settings = await getServiceNowSettings(connection.id);
  if (!settings) throw new Error(`connection ${connection.id} is a ServiceNow connection without stored settings: connect it again`);
  const http = forgeServiceNowHttp(settings.instanceUrl, settings.auth);
  const tracker = new ServiceNowTracker({ http, instanceUrl: settings.instanceUrl, table: settings.table });
  const peer = createServiceNowPeer({ jira, connection, table: settings.table, tracker, jiraReceiver: () => syncDepsForConnection(connection.id) });
  return { peer, tracker, settings, http };
}
