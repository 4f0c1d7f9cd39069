// Resolving and closing from Jira on tables whose data policies want more than the state: the rule's
// code and notes per resolving state, checked against the instance's own codes when the rule is saved,
// "Refresh instance settings" when the instance's admin adds a code, and a problem resolved with the
// notes its resolution code needs. Given the instance as shipped, when Jira says Done, then the record
// is resolved the way a ServiceNow agent would have resolved it.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
// The sandbox before anything that loads a Forge SDK (app-world imports it first).
import { snRule, startApp, type AppWorld } from './app-world';
import type { ResolverResult, SyncErrorView } from '../../../src/shared/resolver-contract';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { basicHttp } from './support';

type Settings = { codes: Array<{ value: string }>; closingStates: Array<{ value: string; label: string }>; rules: Array<{ projectKey: string; resolutions: Record<string, { code: string }>; problems: unknown[] }> };

async function recordOf(w: AppWorld, table: string, summary: string): Promise<Record<string, string>> {
  const found = await w.client.list(table, { query: `short_description=${summary}`, fields: ['state', 'resolution_code', 'cause_notes', 'fix_notes', 'close_code', 'close_notes'] });
  assert.equal(found.records.length, 1, `one ${table} "${summary}"`);
  return found.records[0] as Record<string, string>;
}

const errors = (w: AppWorld) => w.acme.admin<SyncErrorView[]>('admin/errors/list', { connectionId: w.connectionId });

describe('Jira resolves and closes ServiceNow records the way their data policies want', () => {
  let w: AppWorld;
  afterEach(() => w.close());

  test('a problem: Done in Jira resolves it with the rule\'s code for Resolved and the notes that code needs', async () => {
    w = await startApp({
      connect: { table: 'problem' },
      rule: (c, p) => snRule(c, p, { outgoing: { comments: { enabled: true, includeInternal: true }, resolutions: { Resolved: { code: 'risk_accepted', notes: 'Accepted in Jira {key}' } } } }),
    });
    const issue = await w.acme.createIssue({ summary: 'VPN drops every hour' });
    await w.settle();
    await w.acme.transition(issue.key, 'Done');
    await w.settle();
    const prb = await recordOf(w, 'problem', 'VPN drops every hour');
    assert.equal(prb.state, '106');
    assert.equal(prb.resolution_code, 'risk_accepted');
    assert.equal(prb.cause_notes, `Accepted in Jira ${issue.key}`);
    assert.equal(prb.close_notes, `Accepted in Jira ${issue.key}`);
    assert.deepEqual(await errors(w), []);
  });

  test('a code the instance does not have is refused at save, named; the instance\'s admin adds it, Refresh instance settings reads it, and Done sends it', async () => {
    w = await startApp();
    const put = (resolutions: Record<string, { code: string; notes?: string }>) => w.acme.adminResult<Settings>('admin/connections/servicenow-resolutions', { connectionId: w.connectionId, projectKey: w.acme.project, resolutions });
    const refused = await put({ Resolved: { code: 'Handed to vendor' } });
    assert.equal(refused.ok, false);
    const error = (refused as Extract<ResolverResult<unknown>, { ok: false }>).error;
    assert.equal(error.code, 'invalid-rule');
    assert.deepEqual(error.details?.map((d) => d.path), ['outgoing.resolutions["Resolved"].code']);
    assert.match(error.details?.[0]?.message ?? '', /"Handed to vendor" is not one of the instance's Resolution code values: Solution provided/);
    const notClosing = await put({ 'In Progress': { code: 'Solution provided' } });
    assert.match((notClosing as Extract<ResolverResult<unknown>, { ok: false }>).error.message, /"In Progress" is not a state that resolves or closes an? incident record \(those are: Resolved, Closed\)/);

    const admin = new ServiceNowClient(basicHttp(w.sn, { username: 'admin', password: 'admin-initech-pw' }));
    await admin.create('sys_choice', { name: 'incident', element: 'close_code', value: 'Handed to vendor', label: 'Handed to vendor', language: 'en', sequence: '900', inactive: 'false' });
    const before = await w.acme.admin<Settings>('admin/connections/servicenow-settings', { connectionId: w.connectionId });
    assert.ok(!before.codes.some((c) => c.value === 'Handed to vendor'), 'stored as read when connecting');
    const refreshed = await w.acme.admin<Settings>('admin/connections/servicenow-refresh', { connectionId: w.connectionId });
    assert.ok(refreshed.codes.some((c) => c.value === 'Handed to vendor'));
    assert.deepEqual(refreshed.closingStates.map((s) => s.label), ['Resolved', 'Closed']);

    const saved = await put({ Resolved: { code: 'Handed to vendor', notes: 'Vendor ticket from {key}' } });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    const issue = await w.acme.createIssue({ summary: 'Card reader broken' });
    await w.settle();
    await w.acme.transition(issue.key, 'Done');
    await w.settle();
    const inc = await recordOf(w, 'incident', 'Card reader broken');
    assert.equal(inc.state, '6');
    assert.equal(inc.close_code, 'Handed to vendor');
    assert.equal(inc.close_notes, `Vendor ticket from ${issue.key}`);

    // The instance's admin retires the code later: the next refresh says which rule entry no longer fits.
    const row = (await admin.list('sys_choice', { query: 'name=incident^element=close_code^value=Handed to vendor', fields: ['sys_id'] })).records[0]!;
    await admin.update('sys_choice', String(row.sys_id), { inactive: 'true' });
    const stale = await w.acme.admin<Settings>('admin/connections/servicenow-refresh', { connectionId: w.connectionId });
    assert.equal(stale.rules[0]!.problems.length, 1);
    const audit = JSON.stringify(await w.acme.admin('admin/audit/list', { connectionId: w.connectionId, limit: 10 }));
    assert.match(audit, /instance settings refreshed: .*1 rule entries no longer fit/);
  });
});
