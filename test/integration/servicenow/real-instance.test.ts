// The whole app against an instance that behaves like a real one: the close-info data policy, a journal
// the integration user may not read, a German-speaking integration user, the admin's own priority lookup,
// and what the ServiceNow agent sees of the pairing. Each test: given the instance as its admin set it
// up, when agents work on both sides, then the pair stays right and every refusal is named.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { startApp, type AppWorld } from './app-world';
import type { SyncErrorView } from '../../../src/shared/resolver-contract';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { basicHttp, INTEGRATION_USER } from './support';

const AUTH = { kind: 'basic', ...INTEGRATION_USER };

async function incidentFor(w: AppWorld, summary: string, fields: string[] = ['sys_id', 'number', 'state', 'close_code', 'close_notes', 'priority', 'impact', 'urgency', 'correlation_id', 'correlation_display']) {
  const found = await w.client.list('incident', { query: `short_description=${summary}`, fields });
  assert.equal(found.records.length, 1, `one incident "${summary}"`);
  return found.records[0] as Record<string, string>;
}

const errors = (w: AppWorld) => w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId });

describe('Jira ↔ a ServiceNow instance as shipped', () => {
  let w: AppWorld;
  afterEach(() => w.close());

  test('Done in Jira resolves the incident with the resolution code and notes the data policy demands', async () => {
    w = await startApp({ connect: { resolution: { code: 'Workaround provided', notes: 'Fixed on the Jira side ({key})' } } });
    const issue = await w.acme.createIssue({ summary: 'Badge reader offline' });
    await w.settle();
    await w.acme.transition(issue.key, 'Done');
    await w.settle();
    const inc = await incidentFor(w, 'Badge reader offline');
    assert.equal(inc.state, '6');
    assert.equal(inc.close_code, 'Workaround provided');
    assert.equal(inc.close_notes, `Fixed on the Jira side (${issue.key})`);
    assert.deepEqual(await errors(w), []);
  });

  test('a resolution code the instance no longer offers: the refusal names the missing field, on the admin page and the panel, and is not retried', async () => {
    w = await startApp();
    const issue = await w.acme.createIssue({ summary: 'Projector flickers' });
    await w.settle();
    // The instance's admin retires "Solution provided" after Liaison was connected: the value is dropped, the policy refuses.
    const admin = new ServiceNowClient(basicHttp(w.sn, { username: 'admin', password: 'admin-initech-pw' }));
    const code = (await admin.list('sys_choice', { query: 'name=incident^element=close_code^value=Solution provided', fields: ['sys_id'] })).records;
    for (const c of code) await admin.update('sys_choice', String(c.sys_id), { inactive: 'true' });
    await w.acme.transition(issue.key, 'Done');
    await w.settle();
    const inc = await incidentFor(w, 'Projector flickers');
    assert.equal(inc.state, '1', 'not resolved');
    // Shown once: the Jira side's record of the partner's refusal (the peer's own copy went back in its ack).
    const listed = await errors(w);
    assert.deepEqual(listed.map((e) => e.field), ['partner:status'], JSON.stringify(listed));
    for (const e of listed) assert.match(e.reason, /Data Policy Exception: The following fields are mandatory: Resolution code/);
    const panel = await w.acme.panelView(issue);
    assert.match(panel.links[0]!.errors.map((e) => e.reason).join('\n'), /data policy makes Resolution code mandatory/);
    const refusals = () => w.acme.recorder.entries({ kind: 'egress' }).filter((e) => e.kind === 'egress' && e.method === 'PATCH' && e.status === 403).length;
    assert.equal(refusals(), 1);
    await w.advance(3 * 60 * 60_000);
    assert.equal((await errors(w)).length, 1, 'refused once, not again and again');
    assert.equal(refusals(), 1, 'the resolve was not tried again');
    assert.deepEqual(w.peerOutbox(), []);
  });

  test('Test connection finds a journal the integration user may not read, in both forms; a comment sent meanwhile is no error', async () => {
    w = await startApp();
    const test1 = () => w.acme.admin<{ ok: boolean; problem?: string; message?: string }>('admin/connections/servicenow-test', { instanceUrl: w.sn.instanceUrl, auth: AUTH });
    assert.equal((await test1()).ok, true);
    w.sn.grantRead('sys_journal_field', null);
    const hidden = await test1();
    assert.equal(hidden.problem, 'journal-unreadable');
    assert.match(hidden.message ?? '', /sees comments on INC\d+, but sys_journal_field shows it none/);
    w.sn.grantRead('sys_journal_field', ['liaison_integration']);
    w.sn.denyAccess({ when: ({ path }) => path.endsWith('/sys_journal_field') });
    const refused = await test1();
    assert.equal(refused.problem, 'journal-unreadable');
    assert.match(refused.message ?? '', /refuses the read.*ACL Exception Read Failed/);
    w.sn.denyAccess(null);

    w.sn.grantRead('sys_journal_field', null);
    const issue = await w.acme.createIssue({ summary: 'Wifi in meeting room' });
    await w.settle();
    await w.acme.addComment(issue.key, 'Access point replaced');
    await w.settle();
    const admin = new ServiceNowClient(basicHttp(w.sn, { username: 'admin', password: 'admin-initech-pw' }));
    const inc = await incidentFor(w, 'Wifi in meeting room');
    assert.ok((await admin.journal('incident', inc.sys_id!)).some((e) => e.value.includes('Access point replaced')), 'the comment is on the incident');
    assert.deepEqual(await errors(w), [], 'and not reported as failed');
  });

  test('a German-speaking integration user: localised labels change nothing', async () => {
    w = await startApp({
      auth: { username: 'klaus.integration', password: 'klaus-pw' },
      beforeConnect: (sn) => void sn.addUser({ user_name: 'klaus.integration', name: 'Klaus Integration', password: 'klaus-pw', roles: ['itil', 'liaison_integration'], preferred_language: 'de' }),
    });
    const issue = await w.acme.createIssue({ summary: 'Drucker im 2. Stock', priority: { name: 'High' } });
    await w.settle();
    const inc = await incidentFor(w, 'Drucker im 2. Stock');
    assert.equal(inc.priority, '2');
    await w.advance(1_000);
    await w.agent.update('incident', inc.sys_id!, { state: '2', impact: '1', urgency: '1' });
    await w.nextPoll();
    assert.equal(await w.acme.status(issue.key), 'In Progress');
    assert.equal(((await w.acme.issue(issue.key, 'priority')).fields as { priority: { name: string } }).priority.name, 'Highest');
    assert.deepEqual(await errors(w), []);
  });

  test("a customised priority lookup: written through the instance's own rules where readable, refused by name where not", async () => {
    const customise = async (sn: AppWorld['sn'], readable: boolean) => {
      const admin = new ServiceNowClient(basicHttp(sn, { username: 'admin', password: 'admin-initech-pw' }));
      // This service desk makes high impact with medium urgency Critical: only medium impact × high urgency stays High.
      const row = (await admin.list('dl_u_priority', { query: 'impact=1^urgency=2', fields: ['sys_id'] })).records[0]!;
      await admin.update('dl_u_priority', String(row.sys_id), { priority: '1' });
      if (readable) sn.grantRead('dl_u_priority', ['liaison_integration']);
    };
    w = await startApp({ beforeConnect: (sn) => customise(sn, true) });
    await w.acme.createIssue({ summary: 'Payroll export fails', priority: { name: 'High' } });
    await w.settle();
    const inc = await incidentFor(w, 'Payroll export fails');
    assert.deepEqual([inc.priority, inc.impact, inc.urgency], ['2', '2', '1']);
    await w.close();

    w = await startApp({ beforeConnect: (sn) => customise(sn, false) });
    await w.acme.createIssue({ summary: 'Payroll export fails again', priority: { name: 'Medium' } });
    await w.settle();
    const issue = await w.acme.createIssue({ summary: 'Payroll import fails', priority: { name: 'Medium' } });
    await w.settle();
    await w.acme.edit(issue.key, { priority: { name: 'High' } });
    await w.settle();
    const refused = (await errors(w)).filter((e) => e.field === 'partner:priority');
    assert.equal(refused.length, 1, JSON.stringify(await errors(w)));
    assert.match(refused[0]!.reason, /computed priority 1 from impact 1 and urgency 2: its priority lookup rules differ/);
  });

  test('the ServiceNow agent sees the Jira key in correlation_id and a work note with the link; the note does not come back as a comment', async () => {
    w = await startApp();
    const issue = await w.acme.createIssue({ summary: 'Mail quota reached' });
    await w.settle();
    const inc = await incidentFor(w, 'Mail quota reached');
    assert.equal(inc.correlation_id, issue.key);
    assert.equal(inc.correlation_display, `Jira (Liaison) ${issue.id}`, 'the marker names the Jira issue id too');
    const notes = await w.client.get('incident', inc.sys_id!, { fields: ['work_notes'], displayValue: 'true' });
    assert.match(String(notes?.work_notes), new RegExp(`mirrored with Jira issue ${issue.key}: https://acme\\.atlassian\\.net/browse/${issue.key}`));
    await w.advance(1_000);
    await w.agent.update('incident', inc.sys_id!, { comments: 'We raised the quota' });
    await w.nextPoll();
    const comments = await w.acme.comments(issue.key);
    assert.equal(comments.length, 1, 'the link note stays on ServiceNow');
    assert.match(comments[0]!.text, /^Beth Anglin wrote:\s*We raised the quota/, 'signed with the display name, not the login');
  });

  test('the hardened business rule notifies only for shared changes by agents, never for the integration user', async () => {
    w = await startApp();
    w.sn.enableBusinessRule({
      url: w.notice.url, secret: w.notice.secret, tables: ['incident'], ignoreUsers: [INTEGRATION_USER.username],
      fields: ['short_description', 'description', 'state', 'priority', 'impact', 'urgency'],
      post: async (url, body, headers) => {
        const u = new URL(url);
        return w.world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
      },
    });
    const issue = await w.acme.createIssue({ summary: 'Laptop battery swells' });
    await w.settle();
    const inc = await incidentFor(w, 'Laptop battery swells');
    assert.equal(w.sn.noticeLog.sent, 0, "Liaison's own create and link note sent no notice");
    await w.acme.edit(issue.key, { summary: 'Laptop battery swells (ThinkPad)' });
    await w.settle();
    assert.equal(w.sn.noticeLog.sent, 0, "nor Liaison's edit");
    await w.advance(1_000);
    await w.agent.update('incident', inc.sys_id!, { category: 'hardware' });
    await w.settle();
    assert.equal(w.sn.noticeLog.sent, 0, 'an unshared field stays quiet');
    await w.agent.update('incident', inc.sys_id!, { short_description: 'Laptop battery swells (ThinkPad T14)' });
    await w.settle();
    assert.equal(w.sn.noticeLog.sent, 1);
    assert.equal((await w.acme.issue(issue.key, 'summary')).fields.summary, 'Laptop battery swells (ThinkPad T14)', 'at once, before any poll');
  });
});
