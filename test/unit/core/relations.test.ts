// Hierarchy and links in the core, without trackers: what the sender names (pair ids of acknowledged
// pairs only, nothing looked up while unchanged) and what the receiver resolves (only pairs of the
// message's own connection, link types only through the rule's map), and the pairs a plan reads
// ahead by key.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { MemoryRelationWaits } from '../../../src/core/ports/relation-waits';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { sharingRuleSchema } from '../../../src/core/rules/schema';
import type { SyncDeps } from '../../../src/core/sync/deps';
import type { Tracker } from '../../../src/core/ports/tracker';
import { applyRelationOps, planIncomingRelations } from '../../../src/core/sync/incoming-relations';
import { linkHash, planOutgoingRelations } from '../../../src/core/sync/outgoing-relations';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { readPairsAhead } from '../../../src/core/sync/pair-lookahead';

const A = connectionId('conn-a');
const B = connectionId('conn-b');
const rule = sharingRuleSchema.parse({
  connectionId: A, projectKey: 'ACME', fields: {},
  outgoing: { relations: { hierarchy: true, links: true } },
  incoming: { relations: { hierarchy: true, links: true, linkTypes: { Blocks: 'Blocks' } } },
});

async function world() {
  const store = new MemoryLedgerStore(() => 0);
  const waits = new MemoryRelationWaits();
  const pair = (conn: typeof A, id: string, local: string, acked = true) =>
    store.putPair({ ...newPairRecord({ pairId: pairId(id), connectionId: conn, localIssueId: localIssueId(local), partnerIssueId: acked ? partnerIssueId(`x${local}`) : null, origin: 'local', createdAt: 0 }) });
  await pair(A, 'p-parent', '10');
  await pair(A, 'p-other', '11');
  await pair(A, 'p-unacked', '12', false);
  await pair(B, 'p-foreign', '13');
  const deps = { store, relationWaits: waits } as unknown as SyncDeps;
  return { deps, store, waits };
}

const snapshot = (relations: IssueSnapshot['relations']): IssueSnapshot => ({ id: localIssueId('20'), key: 'ACME-20', projectKey: 'ACME', updatedAt: 0, fields: {}, comments: [], attachments: [], ...(relations ? { relations } : {}) });

describe('relations, sending side', () => {
  test('the parent and an outward link leave as pair ids; an issue the partner has not acknowledged waits', async () => {
    const { deps, waits } = await world();
    const snap = snapshot({ parent: localIssueId('10'), subtask: false, links: [
      { id: 'L1', type: 'Blocks', outward: true, otherId: localIssueId('11') },
      { id: 'L2', type: 'Blocks', outward: true, otherId: localIssueId('12') },
      { id: 'L3', type: 'Blocks', outward: false, otherId: localIssueId('11') },
    ] });
    const out = await planOutgoingRelations(deps, A, snap, rule, null);
    assert.deepEqual(out?.send, { parent: { pair: 'p-parent' }, links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] });
    assert.deepEqual(out?.waits, ['12']);
    assert.deepEqual(await waits.take(A, localIssueId('12')), ['20']);
    // The issue changes again while 12 is still not there: looked at again, its wait not noted again.
    const noted: string[] = [];
    const noting = { ...deps, relationWaits: { add: async (_c: unknown, awaited: string) => void noted.push(awaited), take: async () => [] } } as unknown as SyncDeps;
    const pair = { ...newPairRecord({ pairId: pairId('p-me'), connectionId: A, localIssueId: localIssueId('20'), partnerIssueId: partnerIssueId('x20'), origin: 'local', createdAt: 0 }), relations: out!.next };
    const again = await planOutgoingRelations(noting, A, snap, rule, pair);
    assert.deepEqual([again?.waits, again?.send, noted], [['12'], undefined, []]);
  });

  test('unchanged relations cost no look-up; a sub-task whose parent the partner lacks holds its create', async () => {
    const { deps } = await world();
    const first = await planOutgoingRelations(deps, A, snapshot({ parent: localIssueId('10'), subtask: false, links: [] }), rule, null);
    const pair = { ...newPairRecord({ pairId: pairId('p-me'), connectionId: A, localIssueId: localIssueId('20'), partnerIssueId: null, origin: 'local', createdAt: 0 }), relations: first!.next };
    const lookups = { n: 0 };
    const counting = { ...deps, store: { findPairByLocalIssue: async () => (lookups.n++, null) } } as unknown as SyncDeps;
    assert.equal(await planOutgoingRelations(counting, A, snapshot({ parent: localIssueId('10'), subtask: false, links: [] }), rule, pair), null);
    assert.equal(lookups.n, 0);
    const held = await planOutgoingRelations(deps, A, snapshot({ parent: localIssueId('12'), subtask: true, links: [] }), rule, null);
    assert.equal(held?.holdCreate, '12');
  });
});

describe('relations, pairs read ahead by key', () => {
  test('the issue, its parent and an outward link cost one read; only an issue that read missed is looked up in the index', async () => {
    const store = new MemoryLedgerStore(() => 0);
    const mine = (local: string, partner: string | null) => store.putPair(newPairRecord({ pairId: derivePairId(A, 'inviter', localIssueId(local)), connectionId: A, localIssueId: localIssueId(local), partnerIssueId: partner ? partnerIssueId(partner) : null, origin: 'local', createdAt: 0 }));
    await mine('20', 'x20');
    await mine('10', 'x10');
    await mine('11', null);
    // An issue the partner sent: its pair id derives from the partner's issue, so only the index finds it.
    await store.putPair(newPairRecord({ pairId: pairId('p-theirs'), connectionId: A, localIssueId: localIssueId('14'), partnerIssueId: partnerIssueId('x14'), origin: 'partner', createdAt: 0 }));
    const indexed: string[] = [];
    const counting = Object.assign(Object.create(store) as MemoryLedgerStore, { findPairByLocalIssue: (c: typeof A, id: string, o?: { indexOnly?: boolean }) => (indexed.push(`${id}${o?.indexOnly ? ' (index alone)' : ''}`), store.findPairByLocalIssue(c, localIssueId(id))) });
    const deps = { store: counting, relationWaits: new MemoryRelationWaits() } as unknown as SyncDeps;
    const snap = snapshot({ parent: localIssueId('10'), subtask: false, links: [{ id: 'L1', type: 'Blocks', outward: true, otherId: localIssueId('11') }, { id: 'L2', type: 'Blocks', outward: true, otherId: localIssueId('14') }] });
    const before = counting.operations;
    const ahead = await readPairsAhead(deps, A, 'inviter', snap, rule);
    assert.equal(counting.operations - before, 1, 'one read for all of them');
    assert.equal(ahead?.own?.localIssueId, '20');
    assert.deepEqual([...ahead!.named.entries()].map(([id, p]) => [id, p?.localIssueId ?? null]).sort(), [['10', '10'], ['11', '11'], ['14', null]]);
    const out = await planOutgoingRelations(deps, A, snap, rule, ahead!.own!, ahead!.named);
    // 11 is not acknowledged yet (it waits); 14 came from the index, asked alone (its derived ids were read).
    assert.deepEqual(out?.send, { parent: { pair: derivePairId(A, 'inviter', localIssueId('10')) }, links: [{ id: 'L2', type: 'Blocks', pair: 'p-theirs' }] });
    assert.deepEqual(out?.waits, ['11']);
    assert.deepEqual(indexed, ['14 (index alone)']);
    // A rule that shares no relations reads the issue's own pair by key alone (the index may lag behind
    // its last write); a just-created issue that names none reads nothing ahead.
    const plain = sharingRuleSchema.parse({ connectionId: A, projectKey: 'ACME', fields: {} });
    const ownOnly = await readPairsAhead(deps, A, 'inviter', snap, plain);
    assert.equal(ownOnly?.own?.localIssueId, '20');
    assert.equal(ownOnly?.named.size, 0);
    assert.equal(await readPairsAhead(deps, A, 'inviter', snapshot({ parent: null, subtask: false, links: [] }), rule, true), null);
    assert.notEqual(await readPairsAhead(deps, A, 'inviter', snap, rule, true), null);
  });
});

describe('relations, receiving side', () => {
  test("a parent or link naming another connection's pair, an unacknowledged guess or a raw id resolves to nothing", async () => {
    const { deps } = await world();
    for (const ref of ['p-foreign', '13', 'ACME-13', '../p-parent']) {
      const ops = await planIncomingRelations(deps, A, { parent: { pair: ref }, links: [{ id: 'L9', type: 'Blocks', pair: ref }] }, rule, undefined);
      assert.equal(ops.parent, undefined, ref);
      assert.deepEqual(ops.add, [], ref);
      assert.deepEqual(ops.errors.map((e) => e.field), ['parent', 'links'], ref);
    }
  });

  test('a link type goes only through the map; our own link coming back is not made twice', async () => {
    const { deps } = await world();
    const refused = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: 'Duplicate', pair: 'p-other' }] }, rule, undefined);
    assert.deepEqual(refused.add, []);
    assert.match(refused.errors[0]!.reason, /not mapped/);
    const ours = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] }, rule, { sentLinks: { mine: linkHash('Blocks', 'p-other') } });
    assert.deepEqual(ours.add, []);
    const made = await planIncomingRelations(deps, A, { parent: { pair: 'p-parent' }, links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] }, rule, undefined);
    assert.deepEqual(made.parent, { to: '10' });
    assert.deepEqual(made.add, [{ partnerId: 'L1', type: 'Blocks', other: '11' }]);
    assert.equal(made.state.parent, 'p-parent');
  });

  test('a link is made without reading its id back; its copy is found by type and issue when it goes, and one already there is not made twice', async () => {
    const { deps } = await world();
    const made: string[] = [];
    const tracker = { addIssueLink: async (l: { type: string; destination: string }) => void made.push(`${l.type} ${l.destination}`) } as unknown as Tracker;
    const add = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] }, rule, undefined, []);
    const applied = await applyRelationOps(tracker, localIssueId('20'), add, false);
    assert.deepEqual(made, ['Blocks 11']);
    assert.deepEqual(applied.state.mirroredLinks, { L1: { hash: linkHash('Blocks', 'p-other'), type: 'Blocks', other: '11', made: true } });
    // The same message again (its ack was lost): made already, nothing to do.
    const again = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] }, rule, applied.state, [{ id: '900', type: 'Blocks', outward: true, otherId: localIssueId('11') }]);
    assert.deepEqual(again.add, []);
    // Removed on the partner: our copy is the issue's outward Blocks link to 11 (a link the other way is not it).
    const shown = [{ id: '901', type: 'Blocks', outward: false, otherId: localIssueId('11') }, { id: '900', type: 'blocks', outward: true, otherId: localIssueId('11') }];
    const gone = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: '-', pair: '-', deleted: true }] }, rule, applied.state, shown);
    assert.deepEqual(gone.remove, [{ partnerId: 'L1', localId: '900' }]);
    assert.deepEqual(gone.state.mirroredLinks, {});
    // Removed here already: nothing to remove, no error.
    const already = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: '-', pair: '-', deleted: true }] }, rule, applied.state, []);
    assert.deepEqual([already.remove, already.errors], [[], []]);
    // An applied state that did not commit (the link was made, the record not): found in the issue, recorded, not made again.
    const lost = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: 'Blocks', pair: 'p-other' }] }, rule, undefined, [shown[1]!]);
    assert.deepEqual(lost.add, []);
    assert.equal(lost.state.mirroredLinks?.L1?.made, true);
    // A record from before (the copy's id kept): removed by that id.
    const older = await planIncomingRelations(deps, A, { links: [{ id: 'L1', type: '-', pair: '-', deleted: true }] }, rule, { mirroredLinks: { L1: { localId: '777', hash: 'h' } } }, []);
    assert.deepEqual(older.remove, [{ partnerId: 'L1', localId: '777' }]);
  });
});
