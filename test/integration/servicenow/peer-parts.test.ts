import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NamespacedLedgerStore } from '../../../src/adapters/servicenow/namespaced-ledger-store';
import { peerRule } from '../../../src/app/servicenow/peer-rule';
import { connectionId, localIssueId, pairId } from '../../../src/core/ids';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { parseRule } from '../../../src/core/rules/parse-rule';

describe('ServiceNow peer parts', () => {
  test('the namespaced store keeps a pair apart from the same pair id on the Jira side', async () => {
    const inner = new MemoryLedgerStore(() => 1);
    const peer = new NamespacedLedgerStore(inner, 'sn-peer:');
    const common = { pairId: pairId('p1'), connectionId: connectionId('c1'), partnerIssueId: null, createdAt: 1 };
    await inner.putPair(newPairRecord({ ...common, localIssueId: localIssueId('10001'), origin: 'local' }));
    await peer.putPair(newPairRecord({ ...common, localIssueId: localIssueId('abc'), origin: 'partner' }));
    assert.equal((await inner.getPair(connectionId('c1'), pairId('p1')))?.localIssueId, '10001');
    const mine = await peer.getPair(connectionId('c1'), pairId('p1'));
    assert.equal(mine?.localIssueId, 'abc');
    assert.equal(mine?.pairId, 'p1', 'ids come back without the prefix');
    assert.equal(mine?.connectionId, 'c1');
    assert.equal((await peer.findPairByLocalIssue(connectionId('c1'), localIssueId('abc')))?.origin, 'partner');
    assert.equal(await peer.findPairByLocalIssue(connectionId('c1'), localIssueId('10001')), null);
    assert.equal(await peer.rememberMessage('c1', 'm1', 10), true);
    assert.equal(await inner.rememberMessage('c1', 'm1', 10), true, 'replay memories are separate');
    assert.throws(() => new NamespacedLedgerStore(inner, ''), /non-empty prefix/);
  });

  test("the namespaced store files a message the peer gave up on under the real connection, naming the peer's namespace in the entry", async () => {
    const inner = new MemoryLedgerStore(() => 1);
    const peer = new NamespacedLedgerStore(inner, 'sn-peer:');
    const entry = { id: 'e1', connectionId: 'c1', pairId: 'p1', seq: 1, kind: 'unlink' as const, body: { reason: 'deleted' as const }, createdAt: 1, attempts: 11, nextTryAt: 1, lastError: 'HTTP 503' };
    await peer.addError({ id: 'err1', at: 1, connectionId: 'c1', pairId: 'p1', field: 'message', value: 'unlink #1', reason: 'gave up', entry });
    await peer.addError({ id: 'err2', at: 2, connectionId: 'c1', pairId: 'p1', field: 'summary', value: 'x', reason: 'too long' });
    const listed = await inner.listErrors('c1');
    assert.deepEqual(listed.map((e) => e.id).sort(), ['err1', 'err2'], 'the admin sees both with the connection');
    assert.equal(listed.find((e) => e.id === 'err1')?.entry?.connectionId, 'sn-peer:c1', 'the retry button can tell whose message it is');
    assert.equal(listed.find((e) => e.id === 'err2')?.entry, undefined);
  });

  test('the peer rule flips directions and conflict policies and drops fields ServiceNow lacks', () => {
    const parsed = parseRule({
      connectionId: 'c1', projectKey: 'SUP',
      fields: { summary: { direction: 'out' }, status: { direction: 'both', conflict: 'local' }, labels: { direction: 'both', conflict: 'latest' }, priority: { direction: 'in' } },
      outgoing: { comments: { enabled: true, includeInternal: false } },
    });
    assert.ok(parsed.ok);
    const rule = peerRule(parsed.value, 'incident');
    assert.deepEqual(rule.fields, { summary: { direction: 'in' }, status: { direction: 'both', conflict: 'partner' }, priority: { direction: 'out' } });
    assert.equal(rule.projectKey, 'incident');
    assert.deepEqual(rule.incoming.create, { projectKey: 'incident', issueType: 'incident' });
    assert.equal(rule.incoming.valueMaps.status['Done'], 'Resolved');
    assert.equal(rule.incoming.valueMaps.priority['High'], '2 - High');
  });
});
