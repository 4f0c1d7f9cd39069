// Push from ServiceNow: the emulator runs the shipped business rule against the app's
// `servicenow-notice` web trigger. An agent's edit reaches Jira with no poll; the next poll finds
// the same change and applies nothing twice; forged and stale notices get 401.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { noticeHeaders } from '../../../sandbox/servicenow/business-rule';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0 } from '../jira-jira/support';
import { basicHttp, INTEGRATION_USER } from './support';

const RULE_FIELDS = { summary: { direction: 'both', conflict: 'latest' }, status: { direction: 'both', conflict: 'latest' }, priority: { direction: 'both', conflict: 'latest' } };
const VALUE_MAPS = { status: { New: 'To Do', 'In Progress': 'In Progress', Resolved: 'Done', Closed: 'Done' }, priority: { '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest' } };

async function start() {
  const clock = new SandboxClock({ mode: 'manual', start: T0 });
  const world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }], clock, servicenow: [{ name: 'initech' }] });
  const acme = new SiteHandle(world, 'acme');
  const sn = world.serviceNow.get('initech')!;
  const connected = await acme.admin<{ connectionId: string; notice: { url: string; secret: string } }>('admin/connections/servicenow', {
    instanceUrl: sn.instanceUrl, table: 'incident', auth: { kind: 'basic', ...INTEGRATION_USER },
  });
  await acme.admin('admin/rules/save', {
    rule: { connectionId: connected.connectionId, projectKey: acme.project, fields: RULE_FIELDS, outgoing: { comments: { enabled: true, includeInternal: true } }, incoming: { create: { projectKey: acme.project, issueType: 'Task' }, valueMaps: VALUE_MAPS } },
    comment: 'ServiceNow push',
  });
  /** A notice POSTed to the app's web trigger, as the Forge platform would receive it over HTTPS. */
  const postNotice = async (url: string, body: string, headers: Record<string, string>) => {
    const u = new URL(url);
    return world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
  };
  // A poll run (started by the five-minute maintenance) lists the table by update time (app/servicenow/poll.ts).
  const polls = () => acme.recorder.entries({ kind: 'egress' }).filter((e) => e.kind === 'egress' && /\/api\/now\/table\/incident\?.*ORDERBYsys_updated_on/.test(decodeURIComponent(e.url))).length;
  return { world, clock, acme, sn, notice: connected.notice, postNotice, polls, client: new ServiceNowClient(basicHttp(sn, INTEGRATION_USER)) };
}

describe('ServiceNow business-rule notices', () => {
  test('an agent edit reaches Jira without a poll, and the later poll applies nothing twice', async () => {
    const { world, clock, acme, sn, notice, postNotice, polls, client } = await start();
    try {
      assert.match(notice.secret, /^[A-Za-z0-9_-]{40,}$/, 'a strong secret is handed to the admin once');
      // No ignoreUsers: the integration user's own writes notify too, and must change nothing.
      sn.enableBusinessRule({ url: notice.url, secret: notice.secret, tables: ['incident'], post: postNotice });

      const issue = await acme.createIssue({ summary: 'Printer on fire', priority: { name: 'High' } });
      await world.settle();
      const [incident] = (await client.list('incident', { query: 'short_descriptionLIKEPrinter on fire', fields: ['sys_id'] })).records;
      assert.ok(incident, 'the incident was created');
      const sysId = String(incident.sys_id);

      const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
      await clock.advance(1_000);
      await agent.update('incident', sysId, { state: '2', short_description: 'Printer on fire, 3rd floor' });
      await agent.update('incident', sysId, { work_notes: 'Extinguisher on its way' });
      await world.settle();
      assert.equal(polls(), 0, 'no scheduled poll has run yet');
      assert.deepEqual(sn.noticeLog.failed, 0, sn.noticeLog.lastError);
      assert.ok(sn.noticeLog.sent >= 3, `notices sent: ${sn.noticeLog.sent}`);
      assert.equal((await acme.issue(issue.key, 'summary')).fields.summary, 'Printer on fire, 3rd floor');
      assert.equal(await acme.status(issue.key), 'In Progress');
      const notes = (await acme.comments(issue.key)).filter((c) => c.text.includes('Extinguisher on its way'));
      assert.equal(notes.length, 1);
      assert.equal(notes[0]!.internal, true);

      // The safety net runs later and finds the same records: nothing applies a second time.
      const journal = (await client.journal('incident', sysId)).length;
      const changelog = (await acme.rest<{ total: number }>('GET', `/rest/api/3/issue/${issue.key}/changelog`)).total;
      await clock.advance(5 * 60_000);
      await world.settle();
      await clock.advance(5 * 60_000);
      await world.settle();
      assert.ok(polls() >= 1, 'the poll ran');
      assert.equal((await acme.comments(issue.key)).filter((c) => c.text.includes('Extinguisher on its way')).length, 1);
      assert.equal((await acme.rest<{ total: number }>('GET', `/rest/api/3/issue/${issue.key}/changelog`)).total, changelog, 'the poll changed nothing on Jira');
      assert.equal((await client.journal('incident', sysId)).length, journal, 'nothing echoed back to ServiceNow');
    } finally {
      await world.close();
    }
  });

  test("a noticed edit writes the peer's pair with its outbox entry, and settles both, each in one storage transaction", async () => {
    const { world, clock, acme, sn, notice, postNotice, client } = await start();
    try {
      sn.enableBusinessRule({ url: notice.url, secret: notice.secret, tables: ['incident'], ignoreUsers: [INTEGRATION_USER.username], post: postNotice });
      const issue = await acme.createIssue({ summary: 'Badge reader offline' });
      await world.settle();
      const sysId = String((await client.list('incident', { query: 'short_descriptionLIKEBadge reader', fields: ['sys_id'] })).records[0]!.sys_id);
      const agent = new ServiceNowClient(basicHttp(sn, { username: 'beth.anglin', password: 'beth-initech-pw' }));
      await clock.advance(1_000);
      acme.recorder.reset();
      await agent.update('incident', sysId, { short_description: 'Badge reader offline, lobby' });
      await world.settle();
      assert.equal((await acme.issue(issue.key, 'summary')).fields.summary, 'Badge reader offline, lobby');
      const kvsOps = acme.recorder.entries({ kind: 'kvs' }).map((e) => (e as { op: string }).op);
      // The peer's outbox entry is never written or removed on its own: a crash cannot leave the
      // ledger ahead of the message (or the reverse).
      assert.deepEqual(kvsOps.filter((op) => op === 'set' || op === 'delete'), [], kvsOps.join(', '));
      assert.ok(kvsOps.length <= 8, `storage operations for the noticed edit, both sides: ${kvsOps.join(', ')}`);
    } finally {
      await world.close();
    }
  });

  test('a notice is accepted whatever the spelling of its header names, also over HTTP as the business rule sends them', async () => {
    const { world, clock, sn, notice, postNotice } = await start();
    try {
      const body = JSON.stringify({ table: 'incident', sys_id: sn.sysIdOf('incident', '0'), sys_updated_on: '2030-01-07 09:00:00', operation: 'update' });
      const shipped = noticeHeaders(notice.secret, body, clock.now());
      assert.ok('X-Liaison-Signature' in shipped, 'the emulated rule spells headers as the shipped script does');
      const lower = Object.fromEntries(Object.entries(shipped).map(([k, v]) => [k.toLowerCase(), v]));
      const upper = Object.fromEntries(Object.entries(shipped).map(([k, v]) => [k.toUpperCase(), v]));
      for (const headers of [shipped, lower, upper]) assert.equal((await postNotice(notice.url, body, headers)).status, 202, Object.keys(headers).join(', '));

      const server = await world.platform.listen();
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(new URL(server.loopbackUrl(notice.url)), { method: 'POST', headers: shipped }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
      assert.equal(status, 202);
    } finally {
      await world.close();
    }
  });

  test('a bad signature, a stale timestamp, an unknown connection and a non-POST are refused', async () => {
    const { world, clock, sn, notice, postNotice } = await start();
    try {
      const body = JSON.stringify({ table: 'incident', sys_id: sn.sysIdOf('incident', '0'), sys_updated_on: '2030-01-07 09:00:00', operation: 'update' });
      const good = noticeHeaders(notice.secret, body, clock.now());
      assert.equal((await postNotice(notice.url, body, good)).status, 202);

      const forged = await postNotice(notice.url, body, noticeHeaders('not-the-secret', body, clock.now()));
      assert.equal(forged.status, 401);
      assert.match(forged.body, /signature/);
      const tampered = await postNotice(notice.url, body.replace('update', 'insert'), good);
      assert.equal(tampered.status, 401);
      const stale = await postNotice(notice.url, body, noticeHeaders(notice.secret, body, clock.now() - 6 * 60_000));
      assert.equal(stale.status, 401);
      assert.match(stale.body, /too old/);
      const other = new URL(notice.url);
      other.searchParams.set('connection', 'no-such-connection');
      assert.equal((await postNotice(other.toString(), body, good)).status, 401);
      const u = new URL(notice.url);
      assert.equal((await world.platform.handleWebTrigger({ method: 'GET', path: u.pathname + u.search, headers: {} })).status, 405);
    } finally {
      await world.close();
    }
  });
});
