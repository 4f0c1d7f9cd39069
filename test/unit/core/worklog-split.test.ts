// Worklogs under the per-message limits: counted by the receiver (worklogsPerMessage), and split
// by the sender like comments, the fields and relations staying in the first piece.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_LIMITS, effectiveLimits } from '../../../src/core/limits/limits';
import { checkMessage } from '../../../src/core/limits/message-limits';
import { piecesFor } from '../../../src/core/sync/split-entry';
import type { ReplicaBody } from '../../../src/core/protocol/envelope';
import type { WorklogReplica } from '../../../src/core/replica/worklog';

const worklog = (i: number, words = 3): WorklogReplica => ({
  id: `w${i}`, timeSpentSeconds: 3600, started: '2030-01-07T09:00:00.000Z',
  comment: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `work ${i} `.repeat(words) }] }] },
  author: { displayName: 'Ada' }, ts: 1, hash: 'b'.repeat(64),
});

const bodyWith = (n: number, words = 3): ReplicaBody => ({
  origin: { issueId: '1', issueKey: 'A-1', projectKey: 'A' }, create: true,
  replica: { fields: { summary: { value: { kind: 'text', text: 'Hours' }, ts: 1, hash: 'c'.repeat(64) } }, comments: [], attachments: [], worklogs: Array.from({ length: n }, (_, i) => worklog(i, words)), relations: { parent: { pair: 'p-parent' } } },
  clocks: {},
} as ReplicaBody);

describe('limits: worklogs per message', () => {
  test('the receiver counts worklogs against their own limit (20 by default)', () => {
    assert.equal(DEFAULT_LIMITS.worklogsPerMessage, 20);
    const limits = effectiveLimits({});
    assert.equal(checkMessage(bodyWith(20).replica, 100, limits), null);
    assert.deepEqual(checkMessage(bodyWith(21).replica, 100, limits), { limit: 'worklogsPerMessage', max: 20, actual: 21 });
  });

  test('property: split pieces keep every worklog once, each piece within the limit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 }), (n, max) => {
      const body = bodyWith(n);
      const pieces = piecesFor(body, 'worklogsPerMessage', max);
      if (n <= max) return assert.equal(pieces, null);
      assert.ok(pieces);
      assert.ok(pieces.every((p) => p.length > 0 && p.length <= max));
      assert.deepEqual(pieces.flat().map((i) => (i.kind === 'worklog' ? i.w.id : '')), body.replica.worklogs!.map((w) => w.id));
    }));
  });

  test('a message too large in bytes is split through its worklogs too (they no longer all ride in the first piece)', () => {
    const body = bodyWith(400, 60);
    const pieces = piecesFor(body, 'messageBytes', 64 * 1024);
    assert.ok(pieces && pieces.length > 1, 'split');
    for (const p of pieces) assert.ok(new TextEncoder().encode(JSON.stringify(p)).length < 64 * 1024);
    assert.equal(pieces.flat().length, 400);
  });
});
