// The SQLite-backed entity index behind custom entity queries: entries follow every write, and
// paging, ranges and sort give the same answers as evaluating the conditions over all rows.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsStore } from '../../../sandbox/platform/kvs/kvs-store';
import { parseEntities } from '../../../sandbox/platform/kvs/entity-schema';
import { queryEntity, type EntityQueryRequest } from '../../../sandbox/platform/kvs/entity-query';

const entities = parseEntities([
  {
    name: 'pair',
    attributes: { conn: { type: 'string' }, issue: { type: 'string' }, at: { type: 'integer' }, tag: { type: 'any' } },
    indexes: [
      { name: 'by-issue', partition: ['conn'], range: ['issue'] },
      { name: 'by-at', partition: ['conn'], range: ['at'] },
      { name: 'by-tag', range: ['tag'] },
    ],
  },
]);
const entity = entities.get('pair')!;
const put = (s: KvsStore, key: string, value: unknown) => s.put('entity:pair', key, JSON.stringify(value));
const q = (s: KvsStore, req: Partial<EntityQueryRequest>) => queryEntity(s, entity, { entityName: 'pair', indexName: 'by-at', ...req });
// These tests are about index mechanics, so queries read the store as it is now: replication lag
// and lazy expiry (on by default) have their own tests in storage-strictness.test.ts.
const NO_LAG = { indexLagMaxMs: 0, expiryPurgeMaxMs: 0 };
const keys = (r: { data: unknown[] }) => r.data.map((d) => (d as { key: string }).key);

function allPages(s: KvsStore, req: Partial<EntityQueryRequest>): string[] {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = q(s, { ...req, ...(cursor ? { cursor } : {}) });
    out.push(...keys(page));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

describe('entity index in SQLite', () => {
  test('an update moves a row between partitions and a delete removes it', () => {
    const s = new KvsStore(':memory:', () => 0, entities, NO_LAG);
    put(s, 'a', { conn: 'c1', issue: 'X-1', at: 1 });
    put(s, 'b', { conn: 'c1', issue: 'X-2', at: 2 });
    put(s, 'a', { conn: 'c2', issue: 'X-1', at: 1 });
    assert.deepEqual(keys(q(s, { indexName: 'by-issue', partition: ['c1'] })), ['b']);
    assert.deepEqual(keys(q(s, { indexName: 'by-issue', partition: ['c2'] })), ['a']);
    s.delete('entity:pair', 'b');
    assert.deepEqual(keys(q(s, { indexName: 'by-issue', partition: ['c1'] })), []);
    put(s, 'c', { conn: 'c1', issue: 'X-3' }); // no range attribute: not in by-at (sparse)
    assert.deepEqual(keys(q(s, { partition: ['c1'] })), []);
  });

  test('numbers order numerically, pages follow the cursor both ways, filters apply before the page cap', () => {
    const s = new KvsStore(':memory:', () => 0, entities, NO_LAG);
    for (let i = 0; i < 25; i++) put(s, `k${String(i).padStart(2, '0')}`, { conn: 'c', issue: `X-${i}`, at: i * 10, tag: i % 2 === 0 ? 'even' : 'odd' });
    const asc = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    assert.deepEqual(allPages(s, { partition: ['c'], limit: 4 }), asc);
    assert.deepEqual(allPages(s, { partition: ['c'], limit: 7, sort: 'DESC' }), [...asc].reverse());
    assert.deepEqual(keys(q(s, { partition: ['c'], range: { condition: 'BETWEEN', values: [30, 60] } })), ['k03', 'k04', 'k05', 'k06']);
    assert.deepEqual(keys(q(s, { partition: ['c'], range: { condition: 'GREATER_THAN', values: [200] }, sort: 'DESC' })), ['k24', 'k23', 'k22', 'k21']);
    const odd = q(s, { partition: ['c'], limit: 2, filters: { and: [{ property: 'tag', condition: 'EQUAL_TO', values: ['odd'] }] } });
    assert.deepEqual(keys(odd), ['k01', 'k03']);
    assert.ok(odd.cursor);
    // Strings order as strings: "X-10" sorts before "X-2".
    assert.equal(keys(q(s, { indexName: 'by-issue', partition: ['c'], range: { condition: 'BEGINS_WITH', values: ['X-1'] }, limit: 20 })).length, 11);
    assert.deepEqual(keys(q(s, { indexName: 'by-issue', partition: ['c'], limit: 3 })), ['k00', 'k01', 'k10']);
    assert.deepEqual(keys(q(s, { indexName: 'by-issue', partition: ['c'], range: { condition: 'EQUAL_TO', values: ['X-7'] } })), ['k07']);
  });

  test('an index over an `any` attribute keeps equality typed and pages through mixed values', () => {
    const s = new KvsStore(':memory:', () => 0, entities, NO_LAG);
    put(s, 'n', { tag: 5 });
    put(s, 's', { tag: '5' });
    put(s, 't', { tag: 'z' });
    assert.deepEqual(keys(q(s, { indexName: 'by-tag', range: { condition: 'EQUAL_TO', values: [5] } })), ['n']);
    assert.deepEqual(keys(q(s, { indexName: 'by-tag', range: { condition: 'EQUAL_TO', values: ['5'] } })), ['s']);
    assert.deepEqual(allPages(s, { indexName: 'by-tag', limit: 1 }), ['n', 's', 't']);
  });

  test('a reopened database rebuilds its index entries from the stored items', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kvs-index-')), 'kvs.db');
    const first = new KvsStore(file, () => 0); // written without any declared entity index
    put(first, 'a', { conn: 'c', issue: 'X-1', at: 1 });
    first.close();
    const again = new KvsStore(file, () => 0, entities, NO_LAG);
    assert.deepEqual(keys(q(again, { partition: ['c'] })), ['a']);
    again.close();
  });

  test('expired items drop out of index queries once purged (no purge delay here)', () => {
    let now = 0;
    const s = new KvsStore(':memory:', () => now, entities, NO_LAG);
    s.put('entity:pair', 'a', JSON.stringify({ conn: 'c', at: 1 }), 1000);
    assert.deepEqual(keys(q(s, { partition: ['c'] })), ['a']);
    now = 1000;
    assert.deepEqual(keys(q(s, { partition: ['c'] })), []);
  });
});
