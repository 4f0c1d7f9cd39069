// The admin page keeps what a change answered until the eventually consistent list agrees.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stillNeeded, withKnown } from '../../../static/admin/src/logic/settled-view';

const rows = [{ id: 'a', state: 'active' }, { id: 'b', state: 'active' }, { id: 'c', state: 'paused' }];

describe('settled view', () => {
  test('a paused connection shows paused and a deleted one is gone while the list still lags', () => {
    assert.deepEqual(withKnown(rows, new Map([['a', 'paused']]), new Set(['b'])), [{ id: 'a', state: 'paused' }, { id: 'c', state: 'paused' }]);
  });

  test('an override the list agrees with is dropped, so later changes from elsewhere show', () => {
    const known = new Map([['a', 'paused'], ['c', 'paused']]);
    assert.deepEqual([...stillNeeded(known, rows)], [['a', 'paused']]);
  });
});
