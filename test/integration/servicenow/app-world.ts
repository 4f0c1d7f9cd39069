// The whole app on the emulated Jira site acme, connected through the admin resolvers to the
// emulated ServiceNow instance initech: what an admin and the agents on both sides see. Time is the
// manual SandboxClock, so the five-minute polls and every back-off happen only when a test advances it.
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import type { ServiceNowInstance } from '../../../sandbox/servicenow';
import { PEER_OUTBOX_PREFIX } from '../../../src/adapters/servicenow/kvs-peer-outbox';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import type { OutboxEntry } from '../../../src/core/ports/outbox';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0, type Json } from '../jira-jira/support';
import { basicHttp, INTEGRATION_USER } from './support';

export const AGENT = { username: 'beth.anglin', password: 'beth-initech-pw' };
/** The scheduled trigger's interval (manifest: fiveMinute). */
export const POLL_INTERVAL_MS = 5 * 60_000;

const VALUE_MAPS = {
  status: { New: 'To Do', 'In Progress': 'In Progress', 'On Hold': 'In Progress', Resolved: 'Done', Closed: 'Done' },
  priority: { '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest' },
};

/** acme's sharing rule for the instance: summary, status and priority both ways, comments, creates from ServiceNow. */
export function snRule(connectionId: string, projectKey: string, over: Json = {}): Json {
  return {
    connectionId, projectKey,
    fields: { summary: { direction: 'both', conflict: 'latest' }, status: { direction: 'both', conflict: 'latest' }, priority: { direction: 'both', conflict: 'latest' } },
    outgoing: { comments: { enabled: true, includeInternal: true } },
    incoming: { create: { projectKey, issueType: 'Task' }, valueMaps: VALUE_MAPS },
    ...over,
  };
}

export type AppWorld = Awaited<ReturnType<typeof startApp>>;

export type StartOptions = {
  rule?: (connectionId: string, projectKey: string) => Json;
  /** What the instance's admin set up before Liaison was connected (users, ACLs, lookup rules …). */
  beforeConnect?: (sn: ServiceNowInstance) => void | Promise<void>;
  /** The integration user Liaison signs in as, and what else the admin types when connecting. */
  auth?: { username: string; password: string };
  connect?: Json;
  /** Forge's async-event behaviour, when a test means to change it (sandbox/world.ts), saying why. */
  queue?: Parameters<typeof SandboxWorld.start>[0]['queue'];
};

export async function startApp(options: StartOptions = {}) {
  const clock = new SandboxClock({ mode: 'manual', start: T0 });
  const world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }], clock, servicenow: [{ name: 'initech' }], ...(options.queue ? { queue: options.queue } : {}) });
  const acme = new SiteHandle(world, 'acme');
  const sn = world.serviceNow.get('initech')!;
  await options.beforeConnect?.(sn);
  // The seeded incidents are stamped at T0; connecting a minute later leaves them out of the polls.
  await clock.advance(60_000);
  const connected = await acme.admin<{ connectionId: string; notice: { url: string; secret: string } }>('admin/connections/servicenow', {
    instanceUrl: sn.instanceUrl, table: 'incident', auth: { kind: 'basic', ...(options.auth ?? INTEGRATION_USER) }, ...options.connect,
  });
  const { connectionId } = connected;
  const saveRule = (rule: Json, comment = 'ServiceNow') => acme.admin('admin/rules/save', { rule, comment });
  await saveRule((options.rule ?? ((c, p) => snRule(c, p)))(connectionId, acme.project));
  const client = new ServiceNowClient(basicHttp(sn, INTEGRATION_USER));
  const agent = new ServiceNowClient(basicHttp(sn, AGENT));
  const app = {
    world, clock, acme, sn, connectionId, notice: connected.notice, client, agent, saveRule,
    /** Lets every delivery on its way land (product events within Forge's delay, the index lag), moving the clock. */
    settle: () => world.settle(),
    /** Runs only what is due now, without moving the clock. */
    runDue: () => world.idle(),
    async advance(ms: number) {
      await clock.advance(ms);
      await world.settle();
    },
    /** Moves to just past the next five-minute tick, so the scheduled poll (and what it queues) has run. */
    async nextPoll() {
      const next = Math.floor((clock.now() - T0) / POLL_INTERVAL_MS + 1) * POLL_INTERVAL_MS + T0;
      await app.advance(next - clock.now() + 1_000);
    },
    /** An agent creates an incident in ServiceNow; its sys_id. */
    async agentCreate(values: Record<string, string>): Promise<string> {
      return String((await agent.create('incident', values, { fields: ['sys_id'] })).sys_id);
    },
    async record(sysId: string) {
      return (await client.get('incident', sysId, { fields: ['sys_id', 'number', 'short_description', 'state', 'priority', 'sys_updated_by'] }))!;
    },
    /** The Jira issues whose summary contains `text`. */
    jiraIssues: (text: string) => acme.findBySummary(text),
    /** The one Jira issue whose summary contains `text` (fails when there are none or several). */
    async jiraIssue(text: string) {
      const found = await acme.findBySummary(text);
      assert.equal(found.length, 1, `one Jira issue for "${text}", found ${found.map((i) => i.key).join(', ') || 'none'}`);
      return found[0]!;
    },
    /** The summaries an issue had, in order, from its changelog. */
    async summaryHistory(key: string): Promise<Array<string | null>> {
      const log = await acme.rest<{ values: Array<{ items: Array<{ field: string; toString: string | null }> }> }>('GET', `/rest/api/3/issue/${key}/changelog`);
      return log.values.flatMap((v) => v.items).filter((i) => i.field === 'summary').map((i) => i.toString);
    },
    /** What the ServiceNow peer is holding for the Jira side (read straight from the app's storage). */
    peerOutbox(): OutboxEntry[] {
      const prefix = `${PEER_OUTBOX_PREFIX}:${connectionId}:`;
      return acme.site.installation.store.scan('kvs', prefix, '').filter((r) => r.key.startsWith(prefix)).map((r) => JSON.parse(r.value) as OutboxEntry);
    },
    /** Invocations of the work consumer so far (each poll slice is one). */
    workInvocations: () => acme.recorder.count({ kind: 'invocation', moduleKey: 'background-work' }),
    /** Requests the app made to the instance so far. */
    instanceRequests: () => acme.recorder.entries({ kind: 'egress' }).filter((e) => e.host === new URL(sn.instanceUrl).hostname).length,
    close: () => world.close(),
  };
  return app;
}
