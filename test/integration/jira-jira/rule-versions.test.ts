// Every rule save is a version; restoring version 1 is a new version with the old content; the
// audit log shows each save and the restore.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditPage, RuleView } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror } from './support';

describe('Jira ↔ Jira: rule versions', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
  });
  after(() => m.close());

  test('save twice, restore version 1, and the audit log shows it all; the restored rule is the one in force', async () => {
    const key = { connectionId: m.connectionId, projectKey: m.acme.project };
    // connectDemo saved version 1 (everything two-way). Version 2 keeps acme's labels home.
    await m.saveRule(m.acme, (r) => {
      r.fields.labels = { direction: 'in' } as (typeof r.fields)['labels'];
    }, 'labels stay home');
    const v2 = await m.acme.admin<RuleView>('admin/rules/get', key);
    assert.deepEqual(v2.history.map((h) => [h.version, h.comment]).sort(), [[1, 'demo rule'], [2, 'labels stay home']]);
    assert.equal(v2.current?.version, 2);

    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Versions: labels', labels: ['under-v2'] });
    assert.deepEqual((await m.globex.issue(mirror.key, 'labels')).fields.labels, [], 'v2 does not share the labels');

    const restored = await m.acme.admin<{ version: number }>('admin/rules/restore', { ...key, version: 1, comment: 'roll back' });
    assert.equal(restored.version, 3);
    const v3 = await m.acme.admin<RuleView>('admin/rules/get', key);
    assert.equal(v3.current?.version, 3);
    assert.equal(v3.current?.restoredFrom, 1);
    assert.deepEqual(v3.current?.rule, v3.history.find((h) => h.version === 1)?.rule, 'version 3 is version 1 again');

    await m.acme.edit(source.key, { labels: ['under-v3'] });
    await m.settle();
    assert.deepEqual((await m.globex.issue(mirror.key, 'labels')).fields.labels, ['under-v3'], 'the restored rule shares the labels again');

    const audit = await m.acme.admin<AuditPage>('admin/audit/list', { connectionId: m.connectionId, limit: 100 });
    const ruleEvents = audit.items.filter((e) => e.action === 'rule-saved' || e.action === 'rule-restored').map((e) => e.action);
    assert.deepEqual(ruleEvents.sort(), ['rule-restored', 'rule-saved', 'rule-saved']);
  });
});
