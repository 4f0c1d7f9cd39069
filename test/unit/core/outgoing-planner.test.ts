import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId, pairId, connectionId } from '../../../src/core/ids';
import { newPairRecord, type PairRecord } from '../../../src/core/ledger/pair-record';
import { PENDING_APPLY_TIMEOUT_MS, planOutgoing } from '../../../src/core/planning/outgoing-planner';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { hashValue } from '../../../src/core/replica/value';
import { rule } from './support/rule-fixtures';

const doc = (text: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] });
const snapshot = (over: Partial<IssueSnapshot['fields']> = {}, comments: IssueSnapshot['comments'] = []): IssueSnapshot => ({
  id: localIssueId('10001'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt: 5_000, comments, attachments: [],
  fields: {
    summary: { value: { kind: 'text', text: 'Broken login' }, ts: 4_000 },
    description: { value: { kind: 'rich', doc: doc('Steps to reproduce') } },
    status: { value: { kind: 'option', name: 'Open' } },
    priority: { value: { kind: 'option', name: 'High' } },
    assignee: { value: { kind: 'user', displayName: 'Ann Agent', email: 'ann@alpha.example', accountId: 'acc-1' } },
    ...over,
  },
});

function sent(snap: IssueSnapshot, r = rule()): PairRecord {
  const plan = planOutgoing(snap, r, null, 1)!;
  return { ...newPairRecord({ pairId: pairId('p'), connectionId: connectionId('conn-1'), localIssueId: snap.id, partnerIssueId: null, origin: 'local', createdAt: 0 }), ...plan.next, lastSentSeq: 1 };
}

describe('outgoing planner', () => {
  test('a first plan carries every allowed field and nothing else', () => {
    const plan = planOutgoing(snapshot(), rule(), null, 1);
    assert.ok(plan);
    assert.deepEqual(Object.keys(plan.replica.fields).sort(), ['assignee', 'description', 'status', 'summary']);
    assert.equal(plan.replica.fields.summary?.ts, 4_000, 'field time when known');
    assert.equal(plan.replica.fields.status?.ts, 5_000, 'issue time otherwise');
    assert.deepEqual(plan.clocks.summary, { mine: 1, yours: 0 });
  });

  test('people leave as display name only unless the privacy setting allows email', () => {
    const plain = planOutgoing(snapshot(), rule(), null, 1)!;
    assert.deepEqual(plain.replica.fields.assignee?.value, { kind: 'user', displayName: 'Ann Agent' });
    const withEmail = planOutgoing(snapshot(), rule({ outgoing: { userPrivacy: 'displayNameAndEmail' } }), null, 1)!;
    assert.deepEqual(withEmail.replica.fields.assignee?.value, { kind: 'user', displayName: 'Ann Agent', email: 'ann@alpha.example' });
  });

  test('only changed fields go out; an unchanged snapshot plans nothing', () => {
    const ledger = sent(snapshot());
    assert.equal(planOutgoing(snapshot(), rule(), ledger, 2), null);
    const plan = planOutgoing(snapshot({ summary: { value: { kind: 'text', text: 'Broken login on iOS' }, ts: 6_000 } }), rule(), ledger, 2);
    assert.deepEqual(Object.keys(plan!.replica.fields), ['summary']);
    assert.deepEqual(plan!.clocks.summary, { mine: 2, yours: 0 });
  });

  test('a value the sync wrote itself is recognised by hash and not echoed', () => {
    const ledger = sent(snapshot());
    const written = { kind: 'text' as const, text: 'Set by partner' };
    ledger.fields.summary = { clock: { local: 1, partner: 3 }, winner: { origin: 'partner', counter: 3, ts: 9, hash: hashValue(written) }, localHash: hashValue(written), ownTs: 4_000 };
    assert.equal(planOutgoing(snapshot({ summary: { value: written, ts: 9_000 } }), rule(), ledger, 2), null);
  });

  test('formatting-only differences in rich text and label order are not changes', () => {
    const ledger = sent(snapshot({ labels: { value: { kind: 'options', names: ['a', 'b'] } } }), rule({ fields: { labels: { direction: 'out' }, description: { direction: 'out' } } }));
    const split = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Steps to ' }, { type: 'text' as const, text: 'reproduce' }] }, { type: 'paragraph' as const, content: [] }] };
    const same = snapshot({ labels: { value: { kind: 'options', names: ['b', 'a', 'a'] } }, description: { value: { kind: 'rich', doc: split } } });
    assert.equal(planOutgoing(same, rule({ fields: { labels: { direction: 'out' }, description: { direction: 'out' } } }), ledger, 2), null);
  });

  test('a field with an incoming write in flight is deferred, not sent', () => {
    const ledger = sent(snapshot());
    ledger.fields.summary = { ...ledger.fields.summary!, localHash: 'f'.repeat(64), pending: { fromHash: hashValue({ kind: 'text', text: 'Broken login' }), since: 100 } };
    const plan = planOutgoing(snapshot(), rule(), ledger, 200);
    assert.deepEqual(plan?.deferred, ['summary']);
    assert.deepEqual(plan?.replica.fields, {});
  });

  test('an incoming write still not landed after the deferral window is not mistaken for a local edit', () => {
    const before = { kind: 'text' as const, text: 'Broken login' };
    const ledger = sent(snapshot());
    ledger.fields.summary = { ...ledger.fields.summary!, localHash: 'f'.repeat(64), pending: { fromHash: hashValue(before), since: 100 } };
    const later = 100 + PENDING_APPLY_TIMEOUT_MS + 5 * 60_000;
    // The tracker still shows the value from before the partner's write: nothing to send.
    assert.equal(planOutgoing(snapshot(), rule(), ledger, later), null);
    // An agent's real edit meanwhile is still sent.
    const edited = planOutgoing(snapshot({ summary: { value: { kind: 'text', text: 'Agent edit' }, ts: 9_000 } }), rule(), ledger, later);
    assert.deepEqual(Object.keys(edited?.replica.fields ?? {}), ['summary']);
  });

  test('comments: public ones go once, internal ones never by default, deletions follow', () => {
    const c = (id: string, text: string, internal = false) => ({ id, body: doc(text), internal, author: { displayName: 'Ann', email: 'ann@alpha.example' }, updatedAt: 7 });
    const first = planOutgoing(snapshot({}, [c('1', 'hello'), c('2', 'secret', true)]), rule(), null, 1)!;
    assert.deepEqual(first.replica.comments.map((x) => [x.id, x.author]), [['1', { displayName: 'Ann' }]]);
    const ledger = { ...sent(snapshot()), comments: first.next.comments };
    assert.equal(planOutgoing(snapshot({}, [c('1', 'hello'), c('2', 'secret', true)]), rule(), ledger, 2), null);
    const deleted = planOutgoing(snapshot({}, []), rule(), ledger, 3)!;
    assert.deepEqual(deleted.replica.comments.map((x) => [x.id, x.deleted]), [['1', true]]);
    const allowed = planOutgoing(snapshot({}, [c('2', 'secret', true)]), rule({ outgoing: { comments: { enabled: true, includeInternal: true } } }), null, 1)!;
    assert.deepEqual(allowed.replica.comments.map((x) => x.id), ['2']);
  });

  test('attachments: size cap and type allowlist, with what was held back and why', () => {
    const r = rule({ outgoing: { attachments: { enabled: true, maxBytes: 1000, mimeTypes: ['image/*', 'application/pdf'] } } });
    const snap = snapshot();
    snap.attachments = [
      { id: 'a1', filename: 'shot.png', mimeType: 'image/png', size: 500, ref: 'r1' },
      { id: 'a2', filename: 'dump.bin', mimeType: 'application/octet-stream', size: 10, ref: 'r2' },
      { id: 'a3', filename: 'big.pdf', mimeType: 'application/pdf', size: 5000, ref: 'r3' },
    ];
    const plan = planOutgoing(snap, r, null, 1)!;
    assert.deepEqual(plan.replica.attachments.map((a) => a.id), ['a1']);
    assert.deepEqual(plan.skipped.map((s) => s.reason), ['type application/octet-stream is not allowed', '5000 bytes exceeds the 1000-byte cap']);
  });
});
