// Connections and rule histories on Forge custom entities: a history far larger than one KVS value,
// the version and its "current" pointer written together, and the hot-path reads at one operation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleVersion } from './factories';
import { kvsOps, port, resolve, probeWorld, type ProbeWorld } from './probe';

const KVS_VALUE_CAP = 240 * 1024;

/** A rule made big by its user map, as a large organisation's would be (about 110 KB). */
function bigRuleVersion(version: number) {
  const map = Object.fromEntries(Array.from({ length: 1400 }, (_, i) => [`person-${i}-v${version}@globex.example`, `712020:${String(i).padStart(8, '0')}-0000-4000-8000-${String(version).padStart(12, '0')}`]));
  return ruleVersion('conn-big', 'ALPHA', version, { incoming: { users: { map } } });
}

describe('ForgeConfigStore', () => {
  let w: ProbeWorld;
  before(async () => {
    w = await probeWorld();
  });
  after(() => w.close());

  test('a rule history several times larger than one KVS value is kept whole, oldest first', async () => {
    const config = port(w.acme, 'config');
    const versions = [1, 2, 3, 4, 5].map(bigRuleVersion);
    const total = Buffer.byteLength(JSON.stringify(versions));
    assert.ok(total > 2 * KVS_VALUE_CAP, `the history is ${total} bytes`);

    for (const v of versions) {
      const saved = await kvsOps(w.acme, () => config.appendRuleVersion('conn-big', 'ALPHA', v));
      // Version and current pointer in one transaction; then the note (a read and a write) that lets
      // a listing read the save back by key while the index lags.
      assert.equal(saved.ops, 3, 'one transaction and the note');
    }
    const history = await config.getRuleHistory('conn-big', 'ALPHA');
    assert.deepEqual(history.map((v) => v.version), [1, 2, 3, 4, 5]);
    assert.deepEqual(history, versions);
    assert.deepEqual((await config.currentRules('conn-big'))[0], versions[4]!.rule);

    // The same history as one growing value would have been refused by the store as soon as it
    // outgrew one value (the shortest such prefix: a resolver call itself is capped at 500 KB).
    const tooBig = versions.slice(0, versions.findIndex((_, i) => Buffer.byteLength(JSON.stringify(versions.slice(0, i + 1))) > KVS_VALUE_CAP) + 1);
    const asOneValue = await resolve(w.acme, 'kvs-set', { key: 'history-as-one-value', value: tooBig }).catch((e: Error) => e);
    assert.ok(asOneValue instanceof Error && /MAX_SIZE|maximum size/.test(asOneValue.message), String(asOneValue));
  });

  test('an older version saved late is kept without moving the current rule back', async () => {
    const config = port(w.acme, 'config');
    await config.appendRuleVersion('conn-1', 'LATE', ruleVersion('conn-1', 'LATE', 3, { scope: { labels: ['v3'] } }));
    await config.appendRuleVersion('conn-1', 'LATE', ruleVersion('conn-1', 'LATE', 2, { scope: { labels: ['v2'] } }));
    assert.deepEqual((await config.getRuleHistory('conn-1', 'LATE')).map((v) => v.version), [2, 3]);
    assert.deepEqual((await config.rulesForProject('LATE')).map((r) => r.scope.labels), [['v3']]);
  });

  test("a project's rules are one index query, one read of the recent saves and a read by key per rule saved lately; a connection one read", async () => {
    const config = port(w.acme, 'config');
    await config.appendRuleVersion('conn-1', 'HOT', ruleVersion('conn-1', 'HOT', 1));
    await config.appendRuleVersion('conn-2', 'HOT', ruleVersion('conn-2', 'HOT', 1));
    // The index may not show either save yet (it lags); both are read back by key. A change on the
    // hot path reads none of this: its route is one read (routed-config.ts).
    const rules = await kvsOps(w.acme, () => config.rulesForProject('HOT'));
    assert.equal(rules.value.length, 2);
    assert.equal(rules.ops, 4);
    assert.equal((await kvsOps(w.acme, () => config.getConnection('conn-1'))).ops, 1);
  });

  test('a rule version filed under the wrong connection or project is refused', async () => {
    const config = port(w.acme, 'config');
    await assert.rejects(config.appendRuleVersion('conn-1', 'ALPHA', ruleVersion('conn-2', 'ALPHA', 1)), /is for conn-2\/ALPHA, not conn-1\/ALPHA/);
    await assert.rejects(config.appendRuleVersion('conn-1', 'ALPHA', { ...ruleVersion('conn-1', 'ALPHA', 1), version: 0 }), /positive 32-bit integer/);
    assert.deepEqual(await config.getRuleHistory('conn-1', 'ALPHA'), []);
  });
});
