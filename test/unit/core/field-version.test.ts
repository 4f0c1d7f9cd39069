import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, localEdit, mergeIncoming } from '../../../src/core/planning/field-version';

const h = (c: string) => c.repeat(64);

describe('field versions', () => {
  test('a newer partner version (it saw ours) applies; an older one is ignored', () => {
    const mine = localEdit(undefined, h('a'), 100).state;
    assert.equal(mergeIncoming(mine, { clock: { mine: 1, yours: 1 }, ts: 50, hash: h('b') }, 'local').outcome, 'apply', 'causally later wins even under local-wins and an older clock');
    assert.equal(mergeIncoming(mine, { clock: { mine: 0, yours: 1 }, ts: 500, hash: h('b') }, 'partner').outcome, 'ignore');
  });

  test('concurrent edits are settled by the policy, identically on both sides', () => {
    const a = localEdit(undefined, h('a'), 100); // site A's view
    const b = localEdit(undefined, h('b'), 200); // site B's view
    const atA = (policy: 'local' | 'partner' | 'latest') => mergeIncoming(a.state, { clock: b.clock, ts: 200, hash: h('b') }, policy);
    const atB = (policy: 'local' | 'partner' | 'latest') => mergeIncoming(b.state, { clock: a.clock, ts: 100, hash: h('a') }, policy);
    assert.deepEqual([atA('latest').outcome, atB('latest').outcome], ['apply', 'keep-local'], 'B edited later');
    assert.deepEqual([atA('local').outcome, atB('partner').outcome], ['keep-local', 'apply'], 'A wins');
    assert.deepEqual([atA('partner').outcome, atB('local').outcome], ['apply', 'keep-local'], 'B wins');
    assert.deepEqual(atA('latest').clock, { local: 1, partner: 1 });
  });

  test('own versions never go back in time, so later own edits always rank higher', () => {
    const first = localEdit(undefined, h('a'), 500).state;
    const second = localEdit(first, h('b'), 100).state;
    assert.equal(second.winner.ts, 500);
    assert.ok(compareVersions(second.winner, first.winner, 'latest') > 0);
  });
});
