// Scope by JQL on two sandbox sites: a rule whose scope is a JQL clause mirrors only the issues it
// takes in; a clause Liaison can decide on the issue as read costs no Jira call, one it cannot costs
// one search per issue version; a clause Jira refuses is refused at save in Jira's words; the
// editor's check counts the matching issues; a bulk sync searches with the clause.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BulkStatus, JqlCheckView } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from '../jira-jira/support';

type RuleDoc = Record<string, unknown> & { scope?: Record<string, unknown> };

describe('scope by JQL', () => {
  let m: Mirror;
  /** The JQL of every search acme's Jira answered. */
  const searched: string[] = [];
  before(async () => {
    m = await startMirror();
    const jira = m.acme.jira;
    const answer = jira.request.bind(jira);
    jira.request = async (req) => {
      const body = req.bytes ?? req.body;
      if (req.path.startsWith('/rest/api/3/search/jql') && body !== undefined) searched.push(String((JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')) as { jql?: unknown }).jql));
      return answer(req);
    };
  });
  after(() => m.close());

  const withScope = (scope: Record<string, unknown>) => (r: unknown) => {
    (r as RuleDoc).scope = { ...((r as RuleDoc).scope ?? {}), ...scope };
  };
  /** Searches made to decide one issue's scope (`id = X AND (clause)`). */
  const scopeSearches = () => searched.filter((q) => /^id = \d+ AND \(/.test(q)).length;
  const mirrored = async (summary: string) => (await m.globex.findBySummary(summary)).length;

  test('a clause on fields the issue carries is decided without asking Jira', async () => {
    await m.saveRule(m.acme, withScope({ jql: 'priority in (High, Highest) AND (labels is EMPTY OR labels != internal)' }), 'only urgent work');
    await m.settle();
    const before = scopeSearches();
    await m.acme.createIssue({ summary: 'JQL local: urgent', priority: { name: 'High' } });
    await m.acme.createIssue({ summary: 'JQL local: routine', priority: { name: 'Low' } });
    await m.acme.createIssue({ summary: 'JQL local: urgent but internal', priority: { name: 'Highest' }, labels: ['internal'] });
    await m.settle();
    assert.equal(await mirrored('JQL local: urgent'), 1, 'the urgent issue is mirrored (and only it: the internal one is not)');
    assert.equal(await mirrored('JQL local: routine'), 0);
    assert.equal(scopeSearches() - before, 0, 'no search was needed to decide the scope');
  });

  test('a change that brings an issue into the clause mirrors it then', async () => {
    const routine = (await m.acme.search('summary ~ "JQL local: routine"'))[0]!;
    await m.acme.edit(routine.key, { priority: { name: 'Highest' } });
    await m.settle();
    assert.equal(await mirrored('JQL local: routine'), 1);
  });

  test('a clause only Jira can decide costs one search per issue version, and Jira decides', async () => {
    await m.saveRule(m.acme, withScope({ jql: 'summary ~ printer' }), 'printers only');
    await m.settle();
    const before = scopeSearches();
    await m.acme.createIssue({ summary: 'JQL remote: printer on fire' });
    await m.acme.createIssue({ summary: 'JQL remote: toaster on fire' });
    await m.settle();
    assert.equal(await mirrored('JQL remote: printer'), 1);
    assert.equal(await mirrored('JQL remote: toaster'), 0);
    assert.equal(scopeSearches() - before, 2, 'two issues, one version each: one search each, whatever number of events and sweeps looked at them');
    // The toaster's panel says why it does not sync (Jira's answer for this version, already known).
    const toaster = (await m.acme.search('summary ~ "JQL remote: toaster"'))[0]!;
    const panel = await m.acme.panelView(toaster);
    assert.deepEqual(panel.available.map((a) => [a.inScope, a.reason]), [[false, 'does not match the scope JQL']]);
    assert.equal(scopeSearches() - before, 2, 'the panel asked nothing new');
  });

  test('the pilot may be a JQL clause too', async () => {
    await m.saveRule(m.acme, withScope({ pilot: { labels: [], issueKeys: [], jql: 'labels = pilot-team' } }), 'pilot by JQL');
    await m.settle();
    await m.acme.createIssue({ summary: 'JQL pilot: in', labels: ['pilot-team'] });
    await m.acme.createIssue({ summary: 'JQL pilot: out' });
    await m.settle();
    assert.equal(await mirrored('JQL pilot: in'), 1);
    assert.equal(await mirrored('JQL pilot: out'), 0);
  });

  test("a clause Jira refuses is refused at save, at its path, in Jira's words", async () => {
    const res = await m.acme.adminResult('admin/rules/save', { rule: { ...(await currentRule()), scope: { jql: 'colour = red' } }, comment: 'bad' });
    assert.ok(!res.ok);
    assert.equal(res.error.code, 'invalid-rule');
    assert.deepEqual(res.error.details, [{ path: 'scope.jql', message: "Field 'colour' does not exist or you do not have permission to view it." }]);
    const order = await m.acme.adminResult('admin/rules/save', { rule: { ...(await currentRule()), scope: { jql: 'priority = High ORDER BY key' } }, comment: 'bad' });
    assert.ok(!order.ok && order.error.details?.[0]?.path === 'scope.jql', JSON.stringify(order));
  });

  test("the editor's check shows Jira's parse error inline, or how many issues the clause takes in", async () => {
    const bad = await m.acme.admin<JqlCheckView>('admin/rules/check-jql', { projectKey: m.acme.project, jql: 'priority = Hgh' });
    assert.deepEqual(bad, { errors: ["The value 'Hgh' does not exist for the field 'priority'."], count: null });
    const count = await m.acme.admin<JqlCheckView>('admin/rules/check-jql', { projectKey: m.acme.project, jql: 'summary ~ "JQL local"' });
    assert.deepEqual(count, { errors: [], count: 3 });
    // Jira parses the clause inside `project = ACME AND (…)`; positions are the admin's, in the clause.
    const syntax = await m.acme.admin<JqlCheckView>('admin/rules/check-jql', { projectKey: m.acme.project, jql: 'priority High' });
    assert.equal(syntax.count, null);
    assert.match(syntax.errors.join(' '), /\(line 1, character 10\)/, JSON.stringify(syntax));
    const open = await m.acme.admin<JqlCheckView>('admin/rules/check-jql', { projectKey: m.acme.project, jql: 'priority = High AND %' });
    assert.match(open.errors.join(' '), /\(at the end of the clause\)/, JSON.stringify(open));
  });

  test('a bulk sync searches with the clause: only matching issues are read and sent', async () => {
    // Issues made while the project shares nothing yet (manual start): only a bulk sync brings them.
    await m.saveRule(m.acme, withScope({ jql: undefined, pilot: null, manualStart: true }), 'hold');
    for (const s of ['Bulk JQL alpha', 'Bulk JQL beta', 'Bulk other gamma']) await m.acme.createIssue({ summary: s });
    await m.settle();
    await m.saveRule(m.acme, withScope({ jql: 'summary ~ "Bulk JQL"', pilot: null, manualStart: false }), 'bulk by JQL');
    const started = await m.acme.admin<BulkStatus>('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
    assert.equal(started.total, 2, 'the count is of the issues the clause takes in');
    const before = scopeSearches();
    await m.settle();
    assert.equal(await mirrored('Bulk JQL'), 2);
    assert.equal(await mirrored('Bulk other'), 0);
    assert.ok(searched.includes(`project = ${m.acme.project} AND (summary ~ "Bulk JQL") ORDER BY key ASC`), 'the page search carries the clause');
    assert.equal(scopeSearches() - before, 0, 'no search per issue');
  });

  async function currentRule(): Promise<Record<string, unknown>> {
    const view = await m.acme.admin<{ current: { rule: Record<string, unknown> } }>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.acme.project });
    return view.current.rule;
  }
});
