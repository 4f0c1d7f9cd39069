// A Jira side (the core with an in-memory tracker, ledger and outbox) connected to the ServiceNow
// emulator through the in-process ServiceNow peer: the real ServiceNowTracker over the Table API,
// the namespaced ledger, the derived rule and the polling run. Time is a manual clock shared by both.
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import type { ServiceNowHttp } from '../../../src/adapters/servicenow/servicenow-http';
import { ServiceNowTracker } from '../../../src/adapters/servicenow/servicenow-tracker';
import { defaultChoicesFor } from '../../../src/adapters/servicenow/value-maps';
import type { Watermark } from '../../../src/adapters/servicenow/watermark';
import { createServiceNowPeer, PEER_ENDPOINT, type ServiceNowPeer } from '../../../src/app/servicenow/peer';
import { pollServiceNow, type PollOptions } from '../../../src/app/servicenow/poll';
import { connectionId } from '../../../src/core/ids';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { parseRule } from '../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../src/core/rules/schema';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { ServiceNowInstance } from '../../../sandbox/servicenow';
import { defaultMetadata } from '../../unit/core/support/memory-tracker';
import { Site } from '../../unit/core/support/two-sites';

export const CONN = connectionId('conn-sn');
export const INTEGRATION_USER = { username: 'liaison.integration', password: 'liaison-initech-pw' };

export function basicHttp(sn: ServiceNowInstance, user: { username: string; password: string }): ServiceNowHttp {
  const authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  return {
    async request(method, path, body) {
      const headers: Record<string, string> = { authorization, accept: 'application/json' };
      let payload: string | Uint8Array | undefined;
      if (body?.kind === 'json') {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body.value);
      } else if (body) {
        headers['content-type'] = body.contentType;
        payload = body.bytes;
      }
      const res = await sn.request({ method, path, headers, ...(payload === undefined ? {} : { body: payload }) });
      return { status: res.status, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v])), text: res.body, ...(res.bytes ? { bytes: res.bytes } : {}) };
    },
  };
}

export const jiraRule = (over: Partial<SharingRuleInput> = {}): SharingRuleInput => ({
  connectionId: CONN,
  projectKey: 'SUP',
  fields: {
    summary: { direction: 'both', conflict: 'latest' },
    description: { direction: 'both', conflict: 'latest' },
    status: { direction: 'both', conflict: 'latest' },
    priority: { direction: 'both', conflict: 'latest' },
  },
  outgoing: { comments: { enabled: true, includeInternal: true } },
  incoming: { create: { projectKey: 'SUP', issueType: 'Task' }, valueMaps: { status: { New: 'To Do', 'In Progress': 'In Progress', 'On Hold': 'In Progress', Resolved: 'Done', Closed: 'Done' }, priority: { '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest' } } },
  ...over,
});

export type World = Awaited<ReturnType<typeof startWorld>>;

export async function startWorld(options: { rule?: SharingRuleInput; table?: 'incident' | 'change_request' | 'problem' | 'sc_req_item' } = {}) {
  const table = options.table ?? 'incident';
  const clock = { t: Date.UTC(2030, 0, 7, 9, 0, 0) };
  const sn = new ServiceNowInstance({ name: 'initech', now: () => clock.t });
  const http = basicHttp(sn, INTEGRATION_USER);
  let peer: ServiceNowPeer | null = null;
  // The Jira side's transport hands every message to the peer (the app routes by partnerKind).
  const jira = new Site('a', 'SUP', clock, { send: (endpoint, body) => peer!.inbound.send(endpoint, body) });
  const meta = defaultMetadata('SUP');
  jira.tracker.metadata.statuses = ['To Do', 'In Progress', 'Done'];
  jira.tracker.metadata.initialStatus = 'To Do';
  jira.tracker.metadata.transitions = meta.transitions.map((t) => ({ ...t, from: [], to: t.to === 'Open' ? 'To Do' : t.to }));
  jira.tracker.metadata.priorities = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
  const connection = { id: CONN, partnerKind: 'servicenow' as const, partnerEndpoint: sn.instanceUrl, state: 'active' as const, role: 'inviter' as const, createdBy: 'admin', createdAt: clock.t, contacts: { local: [], partner: [] } };
  await jira.config.putConnection(connection);
  const parsed = parseRule(options.rule ?? jiraRule());
  if (!parsed.ok) throw new Error(`test rule invalid: ${parsed.message}`);
  await jira.config.appendRuleVersion(CONN, 'SUP', { version: 1, rule: parsed.value, author: 'admin', at: clock.t, comment: 'initial' });
  await jira.secrets.putConnectionSecret(CONN, 'one-secret-for-both-sides');
  const tracker = new ServiceNowTracker({ http, instanceUrl: sn.instanceUrl, table, choices: defaultChoicesFor(table) });
  peer = createServiceNowPeer({ jira: jira.deps, connection, table, tracker, outbox: new MemoryOutbox(), jiraReceiver: async () => jira.deps });
  let wm: Watermark | null = null;
  const watermarks = { get: async () => wm, put: async (w: Watermark) => void (wm = w) };
  const client = new ServiceNowClient(http);
  return {
    clock, sn, jira, peer, client, tracker, endpoint: PEER_ENDPOINT,
    /** Sends everything the Jira side queued (the outbox consumer's job in the app). */
    async sendJira() {
      for (const e of jira.outbox.all()) await sendOutboxEntry(jira.deps, e.id);
      await peer!.flush();
    },
    /** One scheduled poll, a few seconds later so the records' second is over. */
    async poll(options: Partial<PollOptions> = {}) {
      clock.t += 5_000;
      return pollServiceNow({ peer: peer!, client, table, watermarks, excludeUser: INTEGRATION_USER.username, ...options });
    },
    /** A ServiceNow agent's edit (as beth.anglin, not the integration user). */
    async agentPatch(sysId: string, values: Record<string, string>) {
      const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
      await agent.update(table, sysId, values);
    },
    async record(sysId: string) {
      return (await client.get(table, sysId, { fields: ['sys_id', 'number', 'short_description', 'state', 'priority', 'impact', 'urgency', 'sys_updated_by'] }))!;
    },
    async close() {
      await sn.close();
    },
  };
}
