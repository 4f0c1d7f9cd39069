// Forge storage as Atlassian documents it, through the real @forge/kvs in the probe app: queries are
// eventually consistent (get is strong), expired values linger until purged (up to 48 h), secrets
// hold 128 KiB, each installation has request and volume limits; and product calls need the scope
// Jira documents for them. Sources: sandbox/platform/README.md, "Storage" and "Product scopes".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ForgeKvsAPIError } from '@forge/kvs';
import { loadApp } from '../../../sandbox/platform';
import { DOCUMENTED_STRICTNESS } from '../../../sandbox/platform/kvs/kvs-strictness';
import { PROBE_DIR, call, fakeJira, world, type World } from './harness';

const kvsError = (code: string, status?: number) => (e: unknown) => e instanceof ForgeKvsAPIError && e.code === code && (status === undefined || e.responseDetails.status === status);
type Results = { results: Array<{ key: string; value: unknown }> };

describe('storage as strict as Forge', () => {
  let w: World;
  before(async () => {
    w = await world();
    for (const inst of [w.acme, w.globex]) inst.store.strictness.configure(DOCUMENTED_STRICTNESS);
  });
  after(() => w.platform.close());

  test('an entity written a moment ago is read by get at once, and found by an index query only after its lag', async () => {
    w.acme.store.strictness.configure({ indexLagMaxMs: 5_000, seed: 7 });
    await call(w.acme, 'entity-set', { key: 'lag-1', value: { project: 'LAG', updated: 1, status: 'open' } });
    assert.deepEqual(await call(w.acme, 'entity-get', { key: 'lag-1' }), { value: { project: 'LAG', updated: 1, status: 'open' } });
    const seen: number[] = [];
    for (let t = 0; t <= 5_000; t += 500) {
      const r = (await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['LAG'] })) as Results;
      if (r.results.length > 0) seen.push(t);
      await w.clock.advance(500);
    }
    assert.ok(seen.length > 0, 'found within the lag bound');
    assert.deepEqual(seen, seen.length ? Array.from({ length: seen.length }, (_, i) => seen[0]! + i * 500) : [], 'once found, found for good');
    w.acme.store.strictness.configure({ indexLagMaxMs: 1_000 });
  });

  test('the lag is drawn from the seed: the same seed and writes show the same values at the same moments', async () => {
    const run = async (seed: number, name: string) => {
      w.globex.store.strictness.configure({ indexLagMaxMs: 2_000, seed });
      const found: string[] = [];
      for (let i = 0; i < 5; i++) await call(w.globex, 'kvs-set', { key: `seeded:${name}:${i}`, value: i });
      for (let step = 0; step < 6; step++) {
        const r = (await call(w.globex, 'kvs-query', { prefix: `seeded:${name}:`, limit: 10 })) as Results;
        found.push(r.results.map((x) => x.key.split(':')[2]).join(''));
        await w.clock.advance(400);
      }
      return found;
    };
    const a = await run(11, 'a');
    const b = await run(11, 'b');
    assert.deepEqual(a, b);
    assert.equal(a.at(-1), '01234', 'all found once the lag has passed');
    w.globex.store.strictness.configure({ indexLagMaxMs: 1_000 });
  });

  test('a query still returns an updated entity with its old value until the index catches up', async () => {
    w.acme.store.strictness.configure({ indexLagMaxMs: 0 });
    await call(w.acme, 'entity-set', { key: 'stale-1', value: { project: 'STALE', updated: 1, status: 'open' } });
    w.acme.store.strictness.configure({ indexLagMaxMs: 10_000, seed: 3 });
    await call(w.acme, 'entity-set', { key: 'stale-1', value: { project: 'STALE', updated: 2, status: 'done' } });
    const before = (await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['STALE'] })) as Results;
    const got = (await call(w.acme, 'entity-get', { key: 'stale-1' })) as { value: { status: string } };
    assert.equal(got.value.status, 'done', 'get is strongly consistent');
    await w.clock.advance(10_000);
    const after = (await call(w.acme, 'entity-query', { index: 'by-project-updated', partition: ['STALE'] })) as Results;
    assert.deepEqual(after.results.map((r) => (r.value as { status: string }).status), ['done']);
    // Before the lag passed the query held either the old value or already the new one, never both.
    assert.equal(before.results.length, 1);
    w.acme.store.strictness.configure({ indexLagMaxMs: 1_000 });
  });

  test('an expired value is still returned until it is purged, at most 48 hours after its expiry', async () => {
    await call(w.acme, 'kvs-set', { key: 'ttl:lazy', value: 'v', options: { ttl: { value: 60, unit: 'SECONDS' } } });
    await w.clock.advance(61_000);
    const lingering = await call(w.acme, 'kvs-get', { key: 'ttl:lazy' });
    w.acme.store.strictness.configure({ expiryPurgeMaxMs: 48 * 3_600_000 });
    await w.clock.advance(48 * 3_600_000);
    assert.deepEqual(await call(w.acme, 'kvs-get', { key: 'ttl:lazy' }), { value: null });
    // With the default bound a value outlives its expiry by a drawn delay; many draws show it.
    let lingered = lingering.value === 'v' ? 1 : 0;
    for (let i = 0; i < 10; i++) await call(w.acme, 'kvs-set', { key: `ttl:many:${i}`, value: i, options: { ttl: { value: 1, unit: 'SECONDS' } } });
    await w.clock.advance(2_000);
    for (let i = 0; i < 10; i++) if ((await call(w.acme, 'kvs-get', { key: `ttl:many:${i}` })).value !== null) lingered++;
    assert.ok(lingered > 0, 'some expired values are still returned');
  });

  test('a secret value over 128 KiB is refused with MAX_SIZE, a plain value of the same size is stored', async () => {
    const big = 'x'.repeat(128 * 1024);
    await assert.rejects(call(w.acme, 'secret-set', { key: 'secret:big', value: big }), kvsError('MAX_SIZE', 400));
    await call(w.acme, 'secret-set', { key: 'secret:fits', value: 'y'.repeat(128 * 1024 - 2) });
    await call(w.acme, 'kvs-set', { key: 'plain:big', value: big });
  });

  test('over 4000 write units (10 KB each) in a minute the installation gets 429 RATE_LIMIT_EXCEEDED until the next minute', async () => {
    await w.clock.advance(60_000 - (w.clock.now() % 60_000)); // a fresh minute
    const value = 'z'.repeat(95_000); // 95 KB: 10 units a write
    let accepted = 0;
    let refused: unknown;
    for (let i = 0; i < 401 && !refused; i++) {
      try {
        await call(w.globex, 'kvs-set', { key: `rate:${i}`, value });
        accepted++;
      } catch (e) {
        refused = e;
      }
    }
    assert.equal(accepted, 400, '4000 units in 10-unit writes');
    assert.ok(kvsError('RATE_LIMIT_EXCEEDED', 429)(refused), String(refused));
    // Reads have their own budget.
    assert.deepEqual(await call(w.globex, 'kvs-get', { key: 'rate:0' }), { value });
    await w.clock.advance(60_000);
    await call(w.globex, 'kvs-set', { key: 'rate:after', value: 1 });
  });

  test('a transaction over the limit is refused with TOO_MANY_REQUESTS', async () => {
    w.globex.store.strictness.configure({ rateLimits: { requestsPerSecond: 2, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 } });
    await w.clock.advance(1_000 - (w.clock.now() % 1_000));
    await call(w.globex, 'kvs-get', { key: 'a' });
    await call(w.globex, 'kvs-get', { key: 'b' });
    await assert.rejects(call(w.globex, 'transact', { ops: [{ key: 't1', value: 1 }] }), kvsError('TOO_MANY_REQUESTS', 429));
    w.globex.store.strictness.configure({ rateLimits: { requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 } });
  });
});

describe('product calls need their documented scopes', () => {
  let w: World;
  before(async () => (w = await world()));
  after(() => w.platform.close());

  test('an app without read:jira-work gets 401 "scope does not match" for GET issue; with it, Jira answers', async () => {
    const app = await loadApp(PROBE_DIR);
    const jira = fakeJira();
    const narrow = await w.platform.install({ ...app, scopes: ['storage:app'] }, { siteName: 'narrow', appAccountId: 'app-narrow', product: jira });
    const refused = (await call(narrow, 'jira', { issueKey: 'ACME-1' })) as { status: number; body: { message: string } };
    assert.equal(refused.status, 401);
    assert.equal(refused.body.message, 'Unauthorized; scope does not match');
    assert.equal(jira.calls.length, 0, 'Jira never saw the call');
    assert.equal(((await call(w.acme, 'jira', { issueKey: 'ACME-1' })) as { status: number }).status, 200);
  });

  test('a write needs write:jira-work even when the app may read', async () => {
    const app = await loadApp(PROBE_DIR);
    const readOnly = await w.platform.install({ ...app, scopes: ['storage:app', 'read:jira-work'] }, { siteName: 'reader', appAccountId: 'app-reader', product: fakeJira() });
    const r = (await call(readOnly, 'jira-attach', { issueKey: 'ACME-1', bytes: [1, 2, 3], filename: 'a.bin' })) as { status: number };
    assert.equal(r.status, 401);
    assert.equal(((await call(readOnly, 'jira', { issueKey: 'ACME-1' })) as { status: number }).status, 200);
  });
});
