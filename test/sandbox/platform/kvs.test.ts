// Hosted storage through the real @forge/kvs, called from the probe app's resolver.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { world, call, type World } from './harness';
import { ForgeKvsAPIError } from '@forge/kvs';

const kvsError = (code: string) => (e: unknown) => e instanceof ForgeKvsAPIError && e.code === code;

describe('KVS through @forge/kvs', () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.platform.close());

  test('values round-trip per installation and deletes remove them', async () => {
    await call(w.acme, 'kvs-set', { key: 'link:ACME-1', value: { partner: 'GLX-9', n: [1, 2] } });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'link:ACME-1' }), { value: { partner: 'GLX-9', n: [1, 2] } });
    assert.deepEqual(await call(w.globex, 'kvs-get', { key: 'link:ACME-1' }), { value: null });
    await call(w.acme, 'kvs-delete', { key: 'link:ACME-1' });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'link:ACME-1' }), { value: null });
  });

  test('a ttl makes a key vanish at most 48 hours after it expires', async () => {
    w.acme.store.strictness.configure({ expiryPurgeMaxMs: 48 * 3_600_000 }); // as Forge documents
    await call(w.acme, 'kvs-set', { key: 'lease', value: 1, options: { ttl: { value: 10, unit: 'SECONDS' } } });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'lease' }), { value: 1 });
    await w.clock.advance(10_000 + 48 * 3_600_000);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'lease' }), { value: null });
  });

  test('FAIL_IF_EXISTS refuses to overwrite', async () => {
    await call(w.acme, 'kvs-set', { key: 'once', value: 1, options: { keyPolicy: 'FAIL_IF_EXISTS' } });
    await assert.rejects(call(w.acme, 'kvs-set', { key: 'once', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } }), kvsError('KEY_ALREADY_EXISTS'));
  });

  test('beginsWith queries page through keys in order with a cursor', async () => {
    for (let i = 0; i < 7; i++) await call(w.acme, 'kvs-set', { key: `page:${i}`, value: i });
    await call(w.acme, 'kvs-set', { key: 'other', value: 'x' });
    await w.clock.advance(1_000); // queries are eventually consistent: the writes reach them within the lag
    const first = (await call(w.acme, 'kvs-query', { prefix: 'page:', limit: 3 })) as { results: Array<{ key: string; value: number }>; nextCursor?: string };
    assert.deepEqual(first.results.map((r) => r.value), [0, 1, 2]);
    assert.ok(first.nextCursor);
    const keys: string[] = first.results.map((r) => r.key);
    let cursor: string | undefined = first.nextCursor;
    while (cursor) {
      const page = (await call(w.acme, 'kvs-query', { prefix: 'page:', limit: 3, cursor })) as { results: Array<{ key: string }>; nextCursor?: string };
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    }
    assert.deepEqual(keys, [0, 1, 2, 3, 4, 5, 6].map((i) => `page:${i}`));
    await assert.rejects(call(w.acme, 'kvs-query', { prefix: 'page:', limit: 101 }), kvsError('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'));
  });

  test('secrets are readable by key but never returned by a query', async () => {
    await call(w.acme, 'secret-set', { key: 'secret:signing', value: 's3cr3t' });
    assert.deepEqual(await call(w.acme, 'secret-get', { key: 'secret:signing' }), { value: 's3cr3t' });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'secret:signing' }), { value: null });
    const q = (await call(w.acme, 'kvs-query', { prefix: 'secret:', limit: 10 })) as { results: unknown[] };
    assert.deepEqual(q.results, []);
  });

  test('entity index queries honour partition, range, filters, sort and paging', async () => {
    const rows = [
      ['t1', { project: 'ACME', updated: 30, status: 'open' }],
      ['t2', { project: 'ACME', updated: 10, status: 'done' }],
      ['t3', { project: 'ACME', updated: 20, status: 'open' }],
      ['t4', { project: 'OPS', updated: 15, status: 'open' }],
    ] as const;
    for (const [key, value] of rows) await call(w.acme, 'entity-set', { key, value });
    await w.clock.advance(1_000); // index queries are eventually consistent: the writes reach them within the lag
    const keys = (r: Record<string, unknown>) => (r.results as Array<{ key: string }>).map((x) => x.key);
    assert.deepEqual(keys(await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'] })), ['t2', 't3', 't1']);
    assert.deepEqual(keys(await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'], desc: true })), ['t1', 't3', 't2']);
    assert.deepEqual(keys(await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'], range: { op: 'greaterThan', args: [15] } })), ['t3', 't1']);
    assert.deepEqual(keys(await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'], status: 'open' })), ['t3', 't1']);
    assert.deepEqual(keys(await call(w.acme, 'entity-query', { index: 'status', range: { op: 'equalTo', args: ['open'] } })), ['t1', 't3', 't4']);
    const page1 = await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'], limit: 2 });
    assert.deepEqual(keys(page1), ['t2', 't3']);
    const page2 = await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['ACME'], limit: 2, cursor: page1.nextCursor });
    assert.deepEqual(keys(page2), ['t1']);
    assert.equal(page2.nextCursor, undefined);
  });

  test('entity values must fit the declared attributes and indexes must exist', async () => {
    await assert.rejects(call(w.acme, 'entity-set', { key: 'bad', value: { updated: 'yesterday' } }), kvsError('INVALID_ENTITY_VALUE'));
    await assert.rejects(call(w.acme, 'entity-set', { key: 'bad', value: { colour: 'red' } }), kvsError('INVALID_ENTITY_VALUE'));
    await assert.rejects(call(w.acme, 'entity-set', { entity: 'nope', key: 'x', value: {} }), kvsError('INVALID_ENTITY_TYPE'));
    await assert.rejects(call(w.acme, 'entity-query', { index: 'by-colour' }), kvsError('INVALID_ENTITY_INDEX'));
  });

  test('a transaction commits all operations or none', async () => {
    await call(w.acme, 'entity-set', { key: 'tx-1', value: { project: 'ACME', updated: 1, status: 'open' } });
    await call(w.acme, 'transact', { ops: [{ key: 'tx-a', value: 'A' }, { key: 'tx-1', entity: 'ticket', value: { project: 'ACME', updated: 2, status: 'done' }, ifStatus: 'open' }] });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'tx-a' }), { value: 'A' });
    assert.deepEqual(await call(w.acme, 'entity-get', { key: 'tx-1' }), { value: { project: 'ACME', updated: 2, status: 'done' } });
    // The condition no longer holds (status is done), so the plain write in the same transaction is rolled back too.
    await assert.rejects(
      call(w.acme, 'transact', { ops: [{ key: 'tx-b', value: 'B' }, { key: 'tx-1', entity: 'ticket', value: { status: 'x' }, ifStatus: 'open' }] }),
      kvsError('CONDITIONAL_CHECK_FAILED'),
    );
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'tx-b' }), { value: null });
  });

  test('a transaction of more than 25 operations fails with nothing written', async () => {
    const ops = Array.from({ length: 26 }, (_, i) => ({ key: `many:${i}`, value: i }));
    await assert.rejects(call(w.acme, 'transact', { ops }), kvsError('TOO_MANY_OPERATIONS'));
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'many:0' }), { value: null });
    await call(w.acme, 'transact', { ops: ops.slice(0, 25) });
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'many:24' }), { value: 24 });
  });

  test('keys and values outside Forge limits fail with Forge error codes', async () => {
    await assert.rejects(call(w.acme, 'kvs-set', { key: 'k'.repeat(501), value: 1 }), kvsError('KEY_TOO_LONG'));
    await call(w.acme, 'kvs-set', { key: 'k'.repeat(500), value: 1 });
    await assert.rejects(call(w.acme, 'kvs-set', { key: 'no/slashes', value: 1 }), kvsError('INVALID_KEY'));
    await assert.rejects(call(w.acme, 'kvs-set', { key: '   ', value: 1 }), kvsError('INVALID_KEY'));
    await assert.rejects(call(w.acme, 'kvs-set', { key: 'big', value: 'x'.repeat(240 * 1024) }), kvsError('MAX_SIZE'));
    await call(w.acme, 'kvs-set', { key: 'fits', value: 'x'.repeat(240 * 1024 - 2) });
    const failure = await call(w.acme, 'kvs-set', { key: 'k'.repeat(501), value: 1 }).catch((e: unknown) => e);
    assert.ok(failure instanceof ForgeKvsAPIError);
    assert.equal(failure.responseDetails.status, 400);
  });

  test('batch set reports failures per item', async () => {
    const r = (await call(w.acme, 'batch-set', { items: [{ key: 'b1', value: 1 }, { key: 'bad/key', value: 2 }, { key: 'b3', value: 3, entityName: 'ticket' }] })) as {
      successfulKeys: Array<{ key: string }>;
      failedKeys: Array<{ key: string; error: { code: string } }>;
    };
    assert.deepEqual(r.successfulKeys.map((k) => k.key), ['b1']);
    assert.deepEqual(r.failedKeys.map((k) => [k.key, k.error.code]), [['bad/key', 'INVALID_KEY'], ['b3', 'INVALID_ENTITY_VALUE']]);
  });

  test('every storage call is recorded', async () => {
    w.acme.recorder.reset();
    await call(w.acme, 'kvs-get', { key: 'nothing' });
    assert.equal(w.acme.recorder.count({ kind: 'kvs' }), 1);
    assert.equal(w.acme.recorder.count({ kind: 'kvs', op: 'get', status: 404 }), 1);
    assert.equal(w.acme.recorder.count({ kind: 'invocation', moduleType: 'resolver', outcome: 'ok' }), 1);
  });
});
