// The related-outside note in the core: the sender lists links to issues the partner does not have
// (key and wording only) when its rule says `note`, sends the list again only when it changed and an
// empty one when the last such link went; the receiver keeps it only when its rule takes links.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { MemoryRelationWaits } from '../../../src/core/ports/relation-waits';
import { relationsReplicaSchema, type SnapshotLink } from '../../../src/core/replica/relations';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { sharingRuleSchema } from '../../../src/core/rules/schema';
import type { SyncDeps } from '../../../src/core/sync/deps';
import { planIncomingRelations } from '../../../src/core/sync/incoming-relations';
import { planOutgoingRelations } from '../../../src/core/sync/outgoing-relations';

const A = connectionId('conn-a');
const ruleWith = (outsideLinks: 'note' | 'stay-home', incomingLinks = true) => sharingRuleSchema.parse({
  connectionId: A, projectKey: 'ACME', fields: {},
  outgoing: { relations: { links: true, outsideLinks } },
  incoming: { relations: { links: incomingLinks } },
});

async function world() {
  const store = new MemoryLedgerStore(() => 0);
  await store.putPair(newPairRecord({ pairId: pairId('p-shared'), connectionId: A, localIssueId: localIssueId('11'), partnerIssueId: partnerIssueId('x11'), origin: 'local', createdAt: 0 }));
  return { deps: { store, relationWaits: new MemoryRelationWaits() } as unknown as SyncDeps, store };
}

const snap = (links: SnapshotLink[]): IssueSnapshot => ({ id: localIssueId('20'), key: 'ACME-20', projectKey: 'ACME', updatedAt: 0, fields: {}, comments: [], attachments: [], relations: { parent: null, subtask: false, links } });
const blockedBy12: SnapshotLink = { id: 'L1', type: 'Blocks', outward: false, otherId: localIssueId('12'), otherKey: 'ACME-12', phrase: 'is blocked by' };
const relatesTo13: SnapshotLink = { id: 'L2', type: 'Relates', outward: true, otherId: localIssueId('13'), otherKey: 'ACME-13', phrase: 'relates to' };
const blocks11: SnapshotLink = { id: 'L3', type: 'Blocks', outward: true, otherId: localIssueId('11'), otherKey: 'ACME-11', phrase: 'blocks' };

describe('related outside, sending side', () => {
  test('links to unmirrored issues, either direction, leave as key and wording; a mirrored one as a link; the others wait', async () => {
    const { deps } = await world();
    const out = await planOutgoingRelations(deps, A, snap([blockedBy12, relatesTo13, blocks11]), ruleWith('note'), null);
    assert.deepEqual(out?.send?.outside, [{ key: 'ACME-12', phrase: 'is blocked by' }, { key: 'ACME-13', phrase: 'relates to' }]);
    assert.deepEqual(out?.send?.links, [{ id: 'L3', type: 'Blocks', pair: 'p-shared' }]);
    assert.deepEqual([...out!.waits].sort(), ['12', '13']);
    assert.ok(relationsReplicaSchema.safeParse(out!.send).success, 'valid on the wire');
  });

  test('stay-home sends no note; a note is sent again only when it changed, and empty once the last link went', async () => {
    const { deps } = await world();
    assert.equal((await planOutgoingRelations(deps, A, snap([blockedBy12]), ruleWith('stay-home'), null))?.send, undefined);
    const first = await planOutgoingRelations(deps, A, snap([blockedBy12]), ruleWith('note'), null);
    const pair = { ...newPairRecord({ pairId: pairId('p-me'), connectionId: A, localIssueId: localIssueId('20'), partnerIssueId: partnerIssueId('x20'), origin: 'local', createdAt: 0 }), relations: first!.next };
    // Same links, looked at again (the issue waits on ACME-12): nothing new to tell.
    assert.equal((await planOutgoingRelations(deps, A, snap([blockedBy12]), ruleWith('note'), pair))?.send, undefined);
    const gone = await planOutgoingRelations(deps, A, snap([]), ruleWith('note'), pair);
    assert.deepEqual(gone?.send?.outside, []);
    assert.equal(gone?.next.outsideSent, undefined);
  });
});

describe('related outside, receiving side', () => {
  test('kept for the panel when the rule takes links, replaced by each list, cleared by an empty one; dropped otherwise', async () => {
    const { deps } = await world();
    const note = [{ key: 'ACME-12', phrase: 'is blocked by' }];
    const kept = await planIncomingRelations(deps, A, { outside: note }, ruleWith('stay-home'), undefined);
    assert.deepEqual(kept.state.outsideNote, note);
    assert.equal(kept.add.length + kept.remove.length, 0, 'no tracker work');
    assert.equal((await planIncomingRelations(deps, A, { outside: [] }, ruleWith('stay-home'), kept.state)).state.outsideNote, undefined);
    const refused = await planIncomingRelations(deps, A, { outside: note }, ruleWith('stay-home', false), undefined);
    assert.equal(refused.state.outsideNote, undefined);
    assert.deepEqual(refused.dropped, [{ field: 'links', reason: 'related-outside note not accepted by the local rule' }]);
  });

  test('only keys and plain words pass the wire schema', () => {
    assert.ok(!relationsReplicaSchema.safeParse({ outside: [{ key: 'javascript:alert(1)', phrase: 'blocks' }] }).success);
    assert.ok(!relationsReplicaSchema.safeParse({ outside: [{ key: 'ACME-1', phrase: '<img src=x>' }] }).success);
  });
});
