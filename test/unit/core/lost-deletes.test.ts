// The lost-delete check asks only about linked pairs that have a local issue, and walks the pair
// index slice by slice, starting over at the top once it reached the end.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { nextCheckCursor, pairsToCheck } from '../../../src/core/sync/lost-deletes';

const pair = (id: string, local: string | null, unlinkedAt?: number) => ({
  ...newPairRecord({ pairId: pairId(id), connectionId: connectionId('conn-1'), localIssueId: local === null ? null : localIssueId(local), partnerIssueId: partnerIssueId(`p${id}`), origin: 'partner', createdAt: 1 }),
  ...(unlinkedAt === undefined ? {} : { unlinkedAt }),
});

describe('lost-delete check', () => {
  test('only linked pairs with a local issue are asked about', () => {
    const slice = [pair('a', '10001'), pair('b', null), pair('c', '10003', 5)];
    assert.deepEqual(pairsToCheck(slice).map((p) => p.pairId), ['a']);
  });

  test('the cursor moves on with the page and starts over at the end', () => {
    assert.equal(nextCheckCursor({ cursor: 'next-page' }), 'next-page');
    assert.equal(nextCheckCursor({}), null);
  });
});
