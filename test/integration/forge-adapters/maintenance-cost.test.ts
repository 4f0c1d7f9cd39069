// What the five-minute maintenance costs an idle connection: given two connected sites sharing a
// project and nothing changing, a maintenance run touches only what is stale or due. Its storage
// operations and egress calls are counted from the sandbox's recorder, as Forge would bill them.
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startMirror, type Mirror } from '../jira-jira/support';

const FIVE_MINUTES = 5 * 60_000;

type RunCost = { kvs: number; kvsWrites: number; egress: number; product: number };

function costOfOneRun(m: Mirror): RunCost {
  const entries = m.acme.recorder.entries({}).filter((e) => e.moduleKey === 'maintenance');
  const kvs = entries.filter((e) => e.kind === 'kvs');
  const writes = kvs.filter((e) => /set|delete|transaction/.test(String((e as { op?: string }).op)));
  return { kvs: kvs.length, kvsWrites: writes.length, egress: entries.filter((e) => e.kind === 'egress').length, product: entries.filter((e) => e.kind === 'product').length };
}

describe('maintenance on an idle connection', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror();
    // Let the connect's own follow-ups (first sweep, first rebuild after the rules were saved) pass.
    for (let i = 0; i < 3; i++) await m.advance(FIVE_MINUTES);
  });
  after(() => m.close());

  test('given nothing changed, a maintenance run rebuilds no route and writes nothing but what is due', async (t) => {
    const runs: RunCost[] = [];
    const everything = { kvs: 0, egress: 0, product: 0 };
    for (let i = 0; i < 12; i++) {
      m.acme.recorder.reset();
      await m.advance(FIVE_MINUTES);
      runs.push(costOfOneRun(m));
      // What the run started elsewhere too (the sweep's queued pages), all of acme's work that hour.
      for (const k of ['kvs', 'egress', 'product'] as const) everything[k] += m.acme.recorder.count({ kind: k });
    }
    t.diagnostic(`all of acme's idle hour (maintenance and what it queued): ${everything.kvs} KVS operations, ${everything.egress} partner calls, ${everything.product} Jira calls`);
    const total = runs.reduce((a, r) => ({ kvs: a.kvs + r.kvs, kvsWrites: a.kvsWrites + r.kvsWrites, egress: a.egress + r.egress, product: a.product + r.product }), { kvs: 0, kvsWrites: 0, egress: 0, product: 0 });
    t.diagnostic(`idle hour on acme (12 runs): ${total.kvs} KVS operations (${total.kvsWrites} writes), ${total.egress} partner calls, ${total.product} Jira calls`);
    t.diagnostic(`per run: ${runs.map((r) => `${r.kvs}/${r.kvsWrites}/${r.egress}`).join(' ')} (KVS/writes/egress)`);
    // Pings are due every 30 minutes, not every run: two an hour.
    assert.ok(total.egress <= 2, `partner calls in an idle hour: ${total.egress}`);
    // No route is rewritten when nothing changed: the writes left are the pings' health stamps and
    // the sweep watermarks.
    const routeWrites = m.acme.recorder.entries({}).filter((e) => e.kind === 'kvs' && /secret\/set/.test(String((e as { op?: string }).op)));
    assert.equal(routeWrites.length, 0, 'route records rewritten in the last idle run');
    // Reads only: the outbox's due index, the route stamps, the sweep's watermark and search plan,
    // the lost-delete slice, the bulk runs and the connection list (measured 8–16; was 30 with 5
    // writes and a ping every run before routes were rebuilt only when due).
    assert.ok(Math.max(...runs.map((r) => r.kvs)) <= 20, `KVS operations in one idle run: ${Math.max(...runs.map((r) => r.kvs))}`);
  });

  test('given a rule saved, then the next maintenance rebuilds the routes once, and the one after does not', async () => {
    await m.saveRule(m.acme, (r) => r, 'no-op save');
    m.acme.recorder.reset();
    await m.advance(FIVE_MINUTES);
    const secretWrites = () => m.acme.recorder.entries({}).filter((e) => e.kind === 'kvs' && e.moduleKey === 'maintenance' && String((e as { op?: string }).op) === 'secret/set').length;
    assert.ok(secretWrites() > 0, 'the run after a save rebuilt the routes');
    m.acme.recorder.reset();
    await m.advance(FIVE_MINUTES);
    assert.equal(secretWrites(), 0, 'the run after that rebuilt nothing');
  });
});
