// The whole app on an emulated Jira site, connected to the ServiceNow emulator through the admin
// resolvers: outbound through the Forge outbox and the in-process peer, inbound by the scheduled poll.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import type { ResolverResult } from '../../../src/shared/resolver-contract';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0 } from '../jira-jira/support';
import { basicHttp, INTEGRATION_USER } from './support';

const AUTH = { kind: 'basic', ...INTEGRATION_USER };

async function start() {
  const clock = new SandboxClock({ mode: 'manual', start: T0 });
  const world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }], clock, servicenow: [{ name: 'initech' }] });
  const acme = new SiteHandle(world, 'acme');
  const sn = world.serviceNow.get('initech')!;
  return { world, clock, acme, sn, client: new ServiceNowClient(basicHttp(sn, INTEGRATION_USER)) };
}

describe('Jira ↔ ServiceNow in the Forge sandbox', () => {
  test('connect, create on Jira → incident, agent edit polled back, bad credentials refused in plain words', async () => {
    const { world, clock, acme, sn, client } = await start();
    try {
      const refused = await acme.adminResult('admin/connections/servicenow', { instanceUrl: sn.instanceUrl, auth: { ...AUTH, password: 'nope' } });
      assert.equal(refused.ok, false);
      assert.match((refused as Extract<ResolverResult<unknown>, { ok: false }>).error.message, /did not accept the credentials/);
      const tested = await acme.admin<{ ok: boolean }>('admin/connections/servicenow-test', { instanceUrl: sn.instanceUrl, auth: AUTH });
      assert.equal(tested.ok, true);

      const { connectionId } = await acme.admin<{ connectionId: string }>('admin/connections/servicenow', { instanceUrl: sn.instanceUrl, table: 'incident', auth: AUTH });
      const listed = JSON.stringify(await acme.admin('admin/connections/list'));
      assert.ok(!listed.includes(INTEGRATION_USER.password), 'credentials never reach the UI');
      await acme.admin('admin/rules/save', {
        rule: {
          connectionId, projectKey: acme.project,
          fields: { summary: { direction: 'both', conflict: 'latest' }, status: { direction: 'both', conflict: 'latest' }, priority: { direction: 'both', conflict: 'latest' } },
          outgoing: { comments: { enabled: true, includeInternal: true } },
          incoming: { create: { projectKey: acme.project, issueType: 'Task' }, valueMaps: { status: { New: 'To Do', 'In Progress': 'In Progress', Resolved: 'Done', Closed: 'Done' }, priority: { '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest' } } },
        },
        comment: 'ServiceNow',
      });

      const issue = await acme.createIssue({ summary: 'VPN down for the Berlin office', priority: { name: 'High' } });
      await world.settle();
      const found = await client.list('incident', { query: 'short_descriptionLIKEVPN down', fields: ['sys_id', 'short_description', 'priority', 'state'] });
      assert.equal(found.records.length, 1, 'the incident was created once');
      const incident = found.records[0]!;
      assert.equal(incident.priority, '2');
      await acme.addComment(issue.key, 'Looking into it');
      await world.settle();
      const journal = await client.journal('incident', String(incident.sys_id));
      assert.ok(journal.some((e) => e.element === 'comments' && e.value.includes('Looking into it')));

      // An agent in ServiceNow works the incident; the five-minute poll brings it to Jira.
      const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
      await clock.advance(1_000);
      await agent.update('incident', String(incident.sys_id), { state: '2', short_description: 'VPN down for Berlin and Munich' });
      await agent.update('incident', String(incident.sys_id), { work_notes: 'Firewall rule reverted' });
      await clock.advance(5 * 60_000);
      await world.settle();
      assert.equal(await acme.status(issue.key), 'In Progress');
      assert.equal((await acme.issue(issue.key, 'summary')).fields.summary, 'VPN down for Berlin and Munich');
      const comments = await acme.comments(issue.key);
      const note = comments.find((c) => c.text.includes('Firewall rule reverted'));
      assert.ok(note, JSON.stringify(comments));
      assert.equal(note.internal, true);
      // Nothing echoed back: ServiceNow still has exactly the two journal entries plus the mirrored comment.
      await clock.advance(5 * 60_000);
      await world.settle();
      assert.equal((await client.journal('incident', String(incident.sys_id))).length, journal.length + 1);
      assert.equal(comments.filter((c) => c.text.includes('Looking into it')).length, 1);
    } finally {
      await world.close();
    }
  });
});
