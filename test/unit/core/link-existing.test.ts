// Linking two issues that both already exist: no new issue on either side, the pair binds to the
// issue the agent named, and from then on edits flow as for any other pair.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleLocalChange } from '../../../src/core/sync/on-local-change';
import { linkExisting } from '../../../src/core/sync/link-existing';
import { unlinkLocal } from '../../../src/core/sync/handle-unlink';
import { CONNECTION, drain, makeTwoSites } from './support/two-sites';
import { mirrorRules } from './support/rules';

const text = (t: string) => ({ kind: 'text' as const, text: t });

async function twoIssues() {
  const rules = mirrorRules();
  const sites = await makeTwoSites(rules.a, rules.b);
  const issueA = sites.a.tracker.createLocal({ summary: text('VPN drops every hour') });
  const issueB = sites.b.tracker.createLocal({ summary: text('Customer VPN unstable') });
  return { ...sites, issueA, issueB };
}

describe('linking existing issues', () => {
  test('binds to the named partner issue without creating one, then mirrors edits both ways', async () => {
    const { a, b, net, issueA, issueB } = await twoIssues();
    const keyB = (await b.tracker.getIssue(issueB))!.key;
    const linked = await linkExisting(a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent' });
    assert.ok(linked.ok);
    await drain(a, b, net);
    assert.equal(b.tracker.issues.size, 1, 'no issue was created on B');
    assert.equal(b.tracker.creates, 0);
    const pairB = await b.store.findPairByLocalIssue(CONNECTION, issueB);
    assert.ok(pairB, 'B knows the pair by its own issue');
    const pairA = await a.store.findPairByLocalIssue(CONNECTION, issueA);
    assert.equal(pairA?.partnerIssueId, issueB);
    assert.equal(pairA?.partnerIssueKey, keyB);

    b.tracker.edit(issueB, 'summary', text('VPN fixed by new firmware'));
    await handleLocalChange(b.deps, { issueId: issueB });
    await drain(a, b, net);
    assert.deepEqual(a.tracker.value(issueA, 'summary'), text('VPN fixed by new firmware'));
    assert.deepEqual(b.tracker.value(issueB, 'summary'), text('VPN fixed by new firmware'));
  });

  test('refuses to link an issue that is already linked, and an unknown partner key ends as an error, not a new issue', async () => {
    const { a, b, net, issueA, issueB } = await twoIssues();
    const keyB = (await b.tracker.getIssue(issueB))!.key;
    assert.ok((await linkExisting(a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent' })).ok);
    const again = await linkExisting(a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent' });
    assert.equal(again.ok ? '' : again.reason, 'already-linked');
    await drain(a, b, net);

    const other = a.tracker.createLocal({ summary: text('Second issue') });
    assert.ok((await linkExisting(a.deps, { connectionId: CONNECTION, issueId: other, partnerIssueKey: 'BETA-999', actor: 'agent' })).ok);
    await drain(a, b, net);
    assert.equal(b.tracker.issues.size, 1, 'still only the one issue on B');
    const errors = await a.store.listErrors(CONNECTION);
    assert.ok(errors.some((e) => /BETA-999 cannot be linked here/.test(e.reason + e.value + (e.entry?.lastError ?? ''))), JSON.stringify(errors));
  });

  test('after an unlink the same issues can be linked again', async () => {
    const { a, b, net, issueA, issueB } = await twoIssues();
    const keyB = (await b.tracker.getIssue(issueB))!.key;
    await linkExisting(a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent' });
    await drain(a, b, net);
    await unlinkLocal(a.deps, { connectionId: CONNECTION, issueId: issueA, reason: 'unlinked', actor: 'agent' });
    await drain(a, b, net);
    const relinked = await linkExisting(a.deps, { connectionId: CONNECTION, issueId: issueA, partnerIssueKey: keyB, actor: 'agent' });
    assert.ok(relinked.ok, relinked.ok ? '' : relinked.message);
    await drain(a, b, net);
    const live = await b.store.findPairByLocalIssue(CONNECTION, issueB);
    assert.equal(live?.unlinkedAt, undefined);
    assert.equal(b.tracker.issues.size, 1);
  });
});
