import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { emptyWindow, hasApplied, markApplied } from '../../../src/core/ledger/seq-window';
import { derivePairId } from '../../../src/core/sync/pair-id';
import { findTransitionPath } from '../../../src/core/planning/transition-path';
import { defaultMetadata } from './support/memory-tracker';

describe('ledger', () => {
  test('pairs are found from both directions and handed out as copies', async () => {
    let t = 0;
    const store = new MemoryLedgerStore(() => t);
    const conn = connectionId('c');
    const rec = newPairRecord({ pairId: pairId('p1'), connectionId: conn, localIssueId: localIssueId('L1'), partnerIssueId: partnerIssueId('P1'), origin: 'local', createdAt: 0 });
    await store.putPair(rec);
    const byLocal = await store.findPairByLocalIssue(conn, localIssueId('L1'));
    assert.equal((await store.findPairByPartnerIssue(conn, partnerIssueId('P1')))?.pairId, 'p1');
    byLocal!.lastSentSeq = 99;
    assert.equal((await store.getPair(conn, pairId('p1')))?.lastSentSeq, 0);
    assert.equal(await store.findPairByLocalIssue(connectionId('other'), localIssueId('L1')), null);
    assert.equal(await store.rememberMessage('c', 'm1', 10), true);
    assert.equal(await store.rememberMessage('c', 'm1', 10), false, 'a replay within the window');
    t = 11;
    assert.equal(await store.rememberMessage('c', 'm1', 20), true, 'forgotten after the window');
  });

  test('the applied window is exact under reordering', () => {
    let w = emptyWindow();
    for (const s of [3, 1, 5]) w = markApplied(w, s);
    assert.deepEqual(w, { upTo: 1, above: [3, 5] });
    assert.deepEqual([1, 2, 3, 4, 5].map((s) => hasApplied(w, s)), [true, false, true, false, true]);
    w = markApplied(markApplied(w, 2), 4);
    assert.deepEqual(w, { upTo: 5, above: [] });
  });

  test('pair ids are stable per (connection, issue), so a repeated trigger cannot mint two', () => {
    assert.equal(derivePairId(connectionId('c'), 'inviter', localIssueId('L1')), derivePairId(connectionId('c'), 'inviter', localIssueId('L1')));
    assert.notEqual(derivePairId(connectionId('c'), 'inviter', localIssueId('L1')), derivePairId(connectionId('c'), 'inviter', localIssueId('L2')));
    assert.notEqual(derivePairId(connectionId('c'), 'inviter', localIssueId('L1')), derivePairId(connectionId('c'), 'inviter', localIssueId('L1'), 1));
    // Both sites number their issues alone: the same issue id on each side makes two pairs.
    assert.notEqual(derivePairId(connectionId('c'), 'inviter', localIssueId('10004')), derivePairId(connectionId('c'), 'acceptor', localIssueId('10004')));
  });

  test('the outbox hands out due entries oldest first', async () => {
    const outbox = new MemoryOutbox();
    const entry = (id: string, createdAt: number, nextTryAt: number) => ({ id, connectionId: 'c', pairId: 'p', seq: createdAt, kind: 'unlink' as const, body: { reason: 'deleted' as const }, createdAt, attempts: 0, nextTryAt, lastError: null });
    await outbox.enqueue(entry('late', 2, 50));
    await outbox.enqueue(entry('b', 3, 0));
    await outbox.enqueue(entry('a', 1, 0));
    assert.deepEqual((await outbox.due(10, 10)).map((e) => e.id), ['a', 'b']);
    await assert.rejects(outbox.enqueue(entry('a', 1, 0)), /already exists/);
  });
});

describe('transition paths', () => {
  const { transitions } = defaultMetadata('X');
  test('shortest path, global transitions, and null when unreachable', () => {
    assert.deepEqual(findTransitionPath(transitions, 'Open', 'Done')?.map((t) => t.id), ['11', '21']);
    assert.deepEqual(findTransitionPath(transitions, 'Done', 'In Progress')?.map((t) => t.id), ['31', '11']);
    assert.deepEqual(findTransitionPath(transitions, 'Open', 'Open'), []);
    assert.equal(findTransitionPath(transitions, 'Open', 'Closed'), null);
  });
});
