// Rules as code on two sandbox sites: acme exports its rule for ACME; globex imports it onto GLX.
// What does not fit globex (a field it does not have, a create target in a project it does not have)
// is reported by path and nothing changes; once mended, the preview shows the change beside the rule
// in force, applying saves a new version, and globex's export gives back the same rule. A document
// that is not a rules document is refused by path.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleView, RulesImportPreview, RulesImportResult } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from '../jira-jira/support';

type PortableRule = { fields: Record<string, unknown>; scope: { jql?: string }; incoming: { valueMaps: { status: Record<string, string> }; create: { projectKey: string } }; connectionId?: unknown };
type Doc = { schemaVersion: number; kind: string; rules: Array<{ projectKey: string; version?: number; rule: PortableRule }> };

describe('rules as code', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    // Something worth carrying: a scope JQL and a value map.
    await m.saveRule(m.acme, (r) => {
      (r as Record<string, unknown>).scope = { jql: 'priority in (High, Highest)' };
      (r as { incoming: Record<string, unknown> }).incoming.valueMaps = { status: { Resolved: 'Done' } };
    }, 'urgent work only');
  });
  after(() => m.close());

  const exported = async (site: 'acme' | 'globex') => m[site].admin<Doc>('admin/rules/export', { connectionId: m.connectionId });
  const globexVersion = async () => (await m.globex.admin<RuleView>('admin/rules/get', { connectionId: m.connectionId, projectKey: m.globex.project })).current!.version;

  test('export: a versioned document carrying the whole rule and its value maps', async () => {
    const doc = await exported('acme');
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.kind, 'liaison.sharing-rules');
    assert.equal(doc.rules.length, 1);
    assert.equal(doc.rules[0]!.projectKey, m.acme.project);
    assert.equal(doc.rules[0]!.rule.scope.jql, 'priority in (High, Highest)');
    assert.deepEqual(doc.rules[0]!.rule.incoming.valueMaps.status, { Resolved: 'Done' });
    assert.equal(doc.rules[0]!.rule.connectionId, undefined, 'the connection is the importer’s');
  });

  test('import on the same site: the same rule, nothing to apply', async () => {
    const text = JSON.stringify(await exported('acme'));
    const preview = await m.acme.admin<RulesImportPreview>('admin/rules/import-preview', { connectionId: m.connectionId, document: text });
    assert.deepEqual(preview.problems, []);
    assert.equal(preview.rules[0]!.unchanged, true);
    const result = await m.acme.admin<RulesImportResult>('admin/rules/import-apply', { connectionId: m.connectionId, document: text });
    assert.deepEqual(result, { applied: [], unchanged: [m.acme.project] });
  });

  test('import on another site and project: what globex lacks is reported by path, and nothing changes', async () => {
    const doc = await exported('acme');
    doc.rules[0]!.rule.fields['custom:99999'] = { direction: 'out' };
    const before = await globexVersion();
    const payload = { connectionId: m.connectionId, document: JSON.stringify(doc), projectKeys: { [m.acme.project]: m.globex.project } };
    const preview = await m.globex.admin<RulesImportPreview>('admin/rules/import-preview', payload);
    const paths = preview.problems.map((p) => p.path);
    assert.ok(paths.includes('rules[0].rule.fields["custom:99999"]'), paths.join('\n'));
    assert.ok(paths.includes('rules[0].rule.incoming.create.projectKey'), `ACME does not exist on globex: ${paths.join('\n')}`);
    const refused = await m.globex.adminResult('admin/rules/import-apply', payload);
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'invalid-rule');
    assert.match(refused.error.message, /nothing was changed/);
    assert.deepEqual(refused.error.details?.map((d) => d.path), paths);
    assert.equal(await globexVersion(), before, 'no rule version was written');
  });

  test('a mended document previews its change, applies as a new version, and exports back the same rule', async () => {
    const doc = await exported('acme');
    doc.rules[0]!.rule.incoming.create.projectKey = m.globex.project;
    const before = await globexVersion();
    const payload = { connectionId: m.connectionId, document: JSON.stringify(doc), projectKeys: { [m.acme.project]: m.globex.project } };
    const preview = await m.globex.admin<RulesImportPreview>('admin/rules/import-preview', payload);
    assert.deepEqual(preview.problems, []);
    const rule = preview.rules[0]!;
    assert.equal(rule.projectKey, m.globex.project);
    assert.equal(rule.currentVersion, before);
    assert.equal((rule.before as { scope: { jql?: string } }).scope.jql, undefined);
    assert.equal((rule.after as { scope: { jql?: string } }).scope.jql, 'priority in (High, Highest)');
    const result = await m.globex.admin<RulesImportResult>('admin/rules/import-apply', { ...payload, comment: 'from acme' });
    assert.deepEqual(result, { applied: [{ projectKey: m.globex.project, version: before + 1 }], unchanged: [] });
    const back = await exported('globex');
    assert.deepEqual(back.rules[0]!.rule, doc.rules[0]!.rule, 'lossless: the rule globex exports is the rule it imported');
  });

  test('what is not a rules document is refused by path', async () => {
    const preview = await m.globex.admin<RulesImportPreview>('admin/rules/import-preview', { connectionId: m.connectionId, document: JSON.stringify({ schemaVersion: 2, kind: 'liaison.sharing-rules', rules: [{ projectKey: 'GLX', rule: {} }] }) });
    assert.deepEqual(preview.problems.map((p) => p.path), ['schemaVersion']);
    const notJson = await m.globex.admin<RulesImportPreview>('admin/rules/import-preview', { connectionId: m.connectionId, document: '{"rules": [' });
    assert.match(notJson.problems[0]!.message, /^not JSON/);
    const tooBig = await m.globex.adminResult('admin/rules/import-preview', { connectionId: m.connectionId, document: 'x'.repeat(256 * 1024 + 1) });
    assert.ok(!tooBig.ok && tooBig.error.code === 'invalid-payload');
  });
});
