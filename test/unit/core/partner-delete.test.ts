// incoming.onPartnerDelete: what happens to our issue when the partner deletes its copy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { unlinkLocal } from '../../../src/core/sync/handle-unlink';
import { sendOutboxEntry } from '../../../src/core/sync/send-outbox-entry';
import { parseRule } from '../../../src/core/rules/parse-rule';
import { toPlainText } from '../../../src/core/richtext/plain-text';
import { CONNECTION, drain, makeTwoSites } from './support/two-sites';
import { mirrorRules } from './support/rules';

async function mirroredThenDeletedOnA(onPartnerDelete?: 'unlink' | 'delete') {
  const rules = mirrorRules();
  const ruleB = onPartnerDelete ? { ...rules.b, incoming: { ...rules.b.incoming, onPartnerDelete } } : rules.b;
  const sites = await makeTwoSites(rules.a, ruleB);
  const { a, b, net } = sites;
  const issueA = a.tracker.createLocal({ summary: { kind: 'text', text: 'Doomed' } });
  await handleLocalChange(a.deps, { issueId: issueA });
  await drain(a, b, net);
  const [issueB] = [...b.tracker.issues.keys()];
  // The issue is gone on A: its delete trigger unlinks with reason "deleted".
  a.tracker.issues.delete(issueA);
  assert.equal(await unlinkLocal(a.deps, { connectionId: CONNECTION, issueId: issueA, reason: 'deleted', actor: 'agent' }), true);
  return { ...sites, issueA, issueB: issueB! };
}

describe('partner deletes its issue', () => {
  test('the rule defaults to unlink: our issue stays, with an internal note naming the partner issue', async () => {
    const parsed = parseRule(mirrorRules().b);
    assert.ok(parsed.ok && parsed.value.incoming.onPartnerDelete === 'unlink');
    const { a, b, net, issueB } = await mirroredThenDeletedOnA();
    await drain(a, b, net);
    const kept = b.tracker.issues.get(issueB);
    assert.ok(kept, 'the issue stays');
    assert.equal(kept.comments.length, 1);
    assert.equal(kept.comments[0]!.internal, true);
    assert.match(toPlainText(kept.comments[0]!.body), /The partner issue ALPHA-1 was deleted on the partner's side/);
    assert.ok(b.store.allPairs()[0]!.unlinkedAt !== undefined, 'the pair ended');
    assert.match((await b.store.listAudit('conn-1')).at(-1)!.detail, /deleted; noted on the local issue/);
  });

  test('with onPartnerDelete "delete" our issue is deleted too', async () => {
    const { a, b, net, issueB } = await mirroredThenDeletedOnA('delete');
    await drain(a, b, net);
    assert.equal(b.tracker.issues.has(issueB), false);
    assert.ok(b.store.allPairs()[0]!.unlinkedAt !== undefined);
  });

  test('a tracker outage while following the delete is retried, and the note is written once', async () => {
    const { a, b, net, issueB } = await mirroredThenDeletedOnA();
    b.tracker.failNextWrite = { transient: true, message: 'Jira is down' };
    const [unlink] = a.outbox.all();
    assert.equal(await sendOutboxEntry(a.deps, unlink!.id), 'retry-scheduled');
    assert.equal(b.store.allPairs()[0]!.unlinkedAt, undefined, 'the pair stays live until the delete is followed');
    await drain(a, b, net);
    assert.equal(b.tracker.issues.get(issueB)!.comments.length, 1);
    assert.ok(b.store.allPairs()[0]!.unlinkedAt !== undefined);
  });
});
