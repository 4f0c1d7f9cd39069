import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { unlinkLocal } from '../../../src/core/sync/handle-unlink';
import { restoreRule, saveRule } from '../../../src/core/sync/save-rule';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { CONNECTION, drain, makeTwoSites } from './support/two-sites';
import { mirrorRules } from './support/rules';

describe('rule administration', () => {
  test('a save is validated against the tracker, versioned and audited; a restore is a new version', async () => {
    const rules = mirrorRules();
    const { a } = await makeTwoSites(rules.a, rules.b);
    const bad = await saveRule(a.deps, { rule: { ...rules.a, incoming: { create: { projectKey: 'ALPHA', issueType: 'Task' }, valueMaps: { status: { Done: 'Closed' } } } }, author: 'ann', comment: 'map Done' });
    assert.ok(!bad.ok);
    assert.equal(bad.message, 'incoming.valueMaps.status["Done"]: "Closed" is not a status of ALPHA');
    const saved = await saveRule(a.deps, { rule: { ...rules.a, mode: { kind: 'batched', everyMinutes: 30 } }, author: 'ann', comment: 'batch' });
    assert.ok(saved.ok && saved.value.version === 2);
    const restored = await restoreRule(a.deps, { connectionId: 'conn-1', projectKey: 'ALPHA', version: 1, author: 'bob', comment: 'too slow' });
    assert.ok(restored.ok && restored.value.version === 3 && restored.value.rule.mode.kind === 'realtime');
    assert.deepEqual((await a.store.listAudit('conn-1')).map((e) => [e.actor, e.action]), [['ann', 'rule-saved'], ['bob', 'rule-restored']]);
  });
});

describe('unlink', () => {
  test('after an unlink, late messages for the pair are refused and nothing is re-created', async () => {
    const rules = mirrorRules();
    const { a, b, net } = await makeTwoSites(rules.a, rules.b);
    const issueA = a.tracker.createLocal({ summary: { kind: 'text', text: 'x' } });
    await handleLocalChange(a.deps, { issueId: issueA });
    await drain(a, b, net);
    a.tracker.edit(issueA, 'summary', { kind: 'text', text: 'late' });
    await handleLocalChange(a.deps, { issueId: issueA });
    const [late] = a.outbox.all();
    assert.equal(await unlinkLocal(a.deps, { connectionId: CONNECTION, issueId: issueA, reason: 'unlinked', actor: 'agent-1' }), true);
    const unlinkEntry = a.outbox.all().find((e) => e.kind === 'unlink')!;
    assert.equal(await sendOutboxEntry(a.deps, unlinkEntry.id), 'sent');
    assert.equal(await sendOutboxEntry(a.deps, late!.id), 'archived');
    assert.equal(b.tracker.issues.size, 1);
    assert.ok(b.store.allPairs()[0]!.unlinkedAt !== undefined);
    const after = await handleLocalChange(a.deps, { issueId: issueA });
    assert.deepEqual(after, [{ connectionId: 'conn-1', status: 'out-of-scope', reason: 'unlinked' }]);
  });
});
