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
