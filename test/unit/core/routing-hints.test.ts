// A raw message's routing hints: what it says of itself, read without trusting it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routingHints } from '../../../src/core/protocol/routing-hints';

const msg = (envelope: Record<string, unknown>) => JSON.stringify({ envelope, sig: 'x' });

test('a replica names its pair, a batch each item\'s, other kinds none; junk gives nothing', () => {
  assert.deepEqual(routingHints(msg({ kind: 'replica', connectionId: 'c1', pairId: 'p1' })), { kind: 'replica', connectionId: 'c1', pairId: 'p1', pairIds: ['p1'] });
  const items = [msg({ kind: 'replica', pairId: 'p2' }), 'not json', 42, msg({ kind: 'replica', pairId: 'p3' })];
  assert.deepEqual(routingHints(msg({ kind: 'batch', connectionId: 'c1', pairId: null, body: { items } })).pairIds, ['p2', 'p3']);
  assert.deepEqual(routingHints(msg({ kind: 'ping', connectionId: 'c1', pairId: null })).pairIds, []);
  for (const junk of ['', '{', 'null', '[]', 7]) assert.deepEqual(routingHints(junk), { kind: null, connectionId: null, pairId: null, pairIds: [] });
});

test("a replica's parent and links name pairs its apply reads too: read ahead with its own, removed links and odd refs left out", () => {
  const relations = { parent: { pair: 'p-epic' }, links: [{ id: 'L1', type: 'Blocks', pair: 'p-b' }, { id: 'L2', type: '-', pair: '-', deleted: true }, { id: 'L3', type: 'Blocks', pair: '../p x' }, { id: 'L4', type: 'Relates', pair: 'p-epic' }] };
  assert.deepEqual(routingHints(msg({ kind: 'replica', connectionId: 'c1', pairId: 'p1', body: { replica: { relations } } })).pairIds, ['p1', 'p-epic', 'p-b']);
  const many = Array.from({ length: 30 }, (_, i) => ({ id: `L${i}`, type: 'Blocks', pair: `p-${i}` }));
  assert.equal(routingHints(msg({ kind: 'replica', connectionId: 'c1', pairId: 'p1', body: { replica: { relations: { links: many } } } })).pairIds.length, 9, 'at most eight besides its own');
  assert.deepEqual(routingHints(msg({ kind: 'replica', connectionId: 'c1', pairId: 'p1', body: { replica: { relations: { parent: 7, links: 'x' } } } })).pairIds, ['p1']);
});
