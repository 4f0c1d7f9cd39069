// The ServiceNow peer of one connection, built on the app's Forge deps: credentials from secret
// storage, the Table API through Forge fetch, its messages to the Jira side waiting in its own KVS
// outbox (woken through the work queue when a retry falls due), and applied on the Jira side with
// the deps a partner's message gets (syncDepsForConnection).
import { DEFAULT_ATTACHMENT_MAX_BYTES, serviceNowAttachmentSource } from '../../adapters/servicenow/attachment-transfer';
import { KvsPeerOutbox } from '../../adapters/servicenow/kvs-peer-outbox';
import { namespacedPair } from '../../adapters/servicenow/namespaced-ledger-store';
import { forgeServiceNowHttp, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import { ServiceNowTracker } from '../../adapters/servicenow/servicenow-tracker';
import { defaultChoicesFor } from '../../adapters/servicenow/value-maps';
import type { Connection } from '../../core/connection';
import { routingHints } from '../../core/protocol/routing-hints';
import type { SyncDeps } from '../../core/sync/deps';
import type { RelayPort } from '../../core/sync/relay';
import { ownInboxUrl, partnerAttachmentSource, syncDepsForConnection } from '../sync-deps';
import { pushWork } from '../work-queue';
import { createServiceNowPeer, PEER_NAMESPACE, type ServiceNowPeer } from './peer';
import { getServiceNowSettings, routedServiceNowExtra, type ServiceNowSettings } from './settings';

/** A flush of the connection's peer outbox at `at` (see flushServiceNowPeer), naming the entry it is for when there is one. */
export function wakeAt(connectionId: string, at: number, now: number, entryId?: string): Promise<void> {
  return pushWork({ kind: 'servicenow-flush', connectionId, at, ...(entryId === undefined ? {} : { entryId }) }, (at - now) / 1000);
}

export type AppPeer = { peer: ServiceNowPeer; tracker: ServiceNowTracker; settings: ServiceNowSettings; http: ServiceNowHttp };

/**
 * `expect`: entries a wake-up names, which the flush reads by key (the key query may not show them yet).
 * `relay`: where the Jira side's relays to the project's other partners go (a poll run collects them,
 * to ask for one work event per 50 records instead of one per record); the app's default otherwise.
 */
export async function serviceNowPeerFor(jira: SyncDeps, connection: Connection, expect: string[] = [], relay?: RelayPort): Promise<AppPeer> {
  const settings = (await routedServiceNowExtra(jira.config, connection.id))?.settings ?? (await getServiceNowSettings(connection.id));
  if (!settings) throw new Error(`connection ${connection.id} is a ServiceNow connection without stored settings: connect it again`);
  const http = forgeServiceNowHttp(settings.instanceUrl, settings.auth);
  // Jira → ServiceNow: the bytes come from the Jira side's signed inbox link, as for a Jira partner,
  // and only from this site's own inbox (the link's signer is this connection's Jira side).
  const source = partnerAttachmentSource(jira, connection.id, DEFAULT_ATTACHMENT_MAX_BYTES, ownInboxUrl);
  // Choices and lookup rules as the instance had them when the admin saved the connection; labels
  // there are only shown — reads and writes go by stored value.
  const choices = { ...defaultChoicesFor(settings.table), ...settings.profile?.choices };
  const tracker = new ServiceNowTracker({
    http, instanceUrl: settings.instanceUrl, table: settings.table, choices, attachments: { source },
    ...(settings.profile?.priorityLookup ? { priorityLookup: settings.profile.priorityLookup } : {}),
    ...(settings.resolution ? { resolution: settings.resolution } : {}),
    // Per resolving state, from the rule the peer mirrors (the first on the connection, as peerConfig).
    resolutions: async () => (await jira.config.currentRules(connection.id))[0]?.outgoing.resolutions,
  });
  // ServiceNow → Jira: the Jira side reads the record's download links with the instance's credentials.
  const attachmentSource = serviceNowAttachmentSource(tracker.client, settings.instanceUrl);
  const outbox = new KvsPeerOutbox(connection.id, {
    wake: (entry) => wakeAt(connection.id, entry.nextTryAt, jira.clock.now(), entry.id),
    pairs: { stored: (record) => namespacedPair(PEER_NAMESPACE, record) },
    expect,
  });
  const jiraReceiver = async (body: string): Promise<SyncDeps> => {
    const deps = await syncDepsForConnection(connection.id, { attachmentSource, reuse: jira, pairIds: routingHints(body).pairIds });
    return relay ? { ...deps, relay } : deps;
  };
  const peer = createServiceNowPeer({ jira, connection, table: settings.table, tracker, outbox, link: (sysId) => tracker.liaisonLink(sysId, settings.auth.kind === 'basic' ? settings.auth.username : undefined), jiraReceiver });
  return { peer, tracker, settings, http };
}
