// What the five-minute maintenance costs an idle connection: given two connected sites sharing a
// project and nothing changing, a maintenance run touches only what is stale or due. Its storage
// operations and egress calls are counted from the sandbox's recorder, as Forge would bill them.
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { walkDueNow } from '../jira-jira/delete-walk';
import { startMirror, type Mirror } from '../jira-jira/support';

const FIVE_MINUTES = 5 * 60_000;
/** Issues on acme before the project is shared: the sweep leaves them (they predate sharing) until a bulk sync pairs them. */
const UNSHARED = 116;

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
    m = await startMirror({
      seeds: { acme: (seed) => ({ ...seed, issues: [...(seed.issues ?? []), ...Array.from({ length: UNSHARED }, (_, i) => ({ project: 'ACME', issueType: 'Task', summary: `Backlog item ${i + 1}`, reporter: seed.issues![0]!.reporter }))] }) },
    });
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
    // The whole idle hour, the sweeps it queued included (measured 114; 126 while each sweep read
    // its bulk-hold records one by one instead of in one batch).
    assert.ok(everything.kvs <= 120, `KVS operations in acme's idle hour: ${everything.kvs}`);
    // Pings are due every 30 minutes, not every run: two an hour.
    assert.ok(total.egress <= 2, `partner calls in an idle hour: ${total.egress}`);
    // No route is rewritten when nothing changed: the writes left are the pings' health stamps and
    // the sweep watermarks.
    const routeWrites = m.acme.recorder.entries({}).filter((e) => e.kind === 'kvs' && /secret\/set/.test(String((e as { op?: string }).op)));
    assert.equal(routeWrites.length, 0, 'route records rewritten in the last idle run');
    // Reads only: the schedule with the route stamps (one batch), the outbox's due index, the
    // connection list and its read-back, and the bulk-status query; the sweep reads in its own queued
    // work (measured 6, 7 with a ping; 8–16 before the schedule, 30 with 5 writes and a ping every
    // run before routes were rebuilt only when due).
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
  test('given 0, 1 and 120 pairs, an idle run costs the same, and the lost-delete walk adds one slice per 50 pairs, at most two an hour, every pair checked', async (t) => {
    type Run = { kvs: number; searches: number; gets: number; egress: number };
    const runsFor = async (hours: number): Promise<Run[]> => {
      const runs: Run[] = [];
      for (let i = 0; i < hours * 12; i++) {
        m.acme.recorder.reset();
        await m.advance(FIVE_MINUTES);
        const mine = m.acme.recorder.entries({}).filter((e) => e.moduleKey === 'maintenance');
        const jira = mine.filter((e) => e.kind === 'product') as Array<{ method: string; path: string }>;
        runs.push({ kvs: mine.filter((e) => e.kind === 'kvs').length, searches: jira.filter((e) => e.method === 'POST' && e.path.startsWith('/rest/api/3/search/jql')).length, gets: jira.filter((e) => e.method === 'GET' && /\/issue\/\d+\?fields=id/.test(e.path)).length, egress: mine.filter((e) => e.kind === 'egress').length });
      }
      return runs;
    };
    // Each phase starts when the connection's daily walk comes round (delete-walk.ts says why it is set, not waited for).
    const phase = async (label: string, hours: number) => {
      walkDueNow(m, m.acme);
      const runs = await runsFor(hours);
      // The sweep searches from its own queued work; the maintenance's own searches are lost-delete slices.
      const slices = runs.map((r) => r.searches);
      t.diagnostic(`${label}: KVS per run ${runs.map((r) => r.kvs).join(' ')}; slices ${slices.reduce((a, b) => a + b, 0)} at runs ${slices.flatMap((n, i) => (n > 0 ? [i] : [])).join(', ')}`);
      return { runs, slices };
    };
    const hourly = (slices: number[]) => Array.from({ length: slices.length / 12 }, (_, h) => slices.slice(h * 12, h * 12 + 12).reduce((a, b) => a + b, 0));

    const none = await phase('0 pairs', 1);
    assert.deepEqual(none.slices.filter((n) => n !== 0), [], 'no pairs: a slice asks Jira nothing');
    // A run with a partner ping (every 30 minutes, and now and then its profile check) is not the idle run compared here;
    // nor is a phase's first, which walks (with no pairs, a pair query and the schedule write and no search).
    const quiet = (runs: Run[]) => runs.filter((r, i) => i > 0 && r.egress === 0 && r.searches === 0);
    const idleMax = Math.max(...quiet(none.runs).map((r) => r.kvs));

    await m.createMirrored(m.acme, { summary: 'The one shared issue' });
    await m.advance(30 * 60_000);
    const one = await phase('1 pair', 1);
    assert.equal(one.slices.reduce((a, b) => a + b, 0), 1, 'one pair: one slice, one search');

    // 120 pairs: the unshared backlog brought over by a bulk sync.
    await m.acme.admin('admin/bulk/start', { connectionId: m.connectionId, projectKey: m.acme.project });
    await m.settle();
    await m.advance(30 * 60_000);
    const pairs = UNSHARED + 4 + 1; // the backlog, the seed's four, the one shared before
    // One of them deleted while its delete event is lost: the walk must find it.
    const victims = await m.acme.rest<{ issues: Array<{ id: string; key: string }> }>('POST', '/rest/api/3/search/jql', { jql: 'project = ACME ORDER BY created DESC', fields: ['summary'], maxResults: 1 });
    const victim = victims.issues[0]!;
    const mirror = await m.partnerOf(m.acme, victim);
    m.acme.jira.faults.dropEvents({ next: 1, when: (e) => e.eventType === 'avi:jira:deleted:issue' });
    await m.acme.rest('DELETE', `/rest/api/3/issue/${victim.key}`);
    await m.settle();
    const many = await phase(`${pairs} pairs`, 2);
    const total = many.slices.reduce((a, b) => a + b, 0);
    assert.equal(total, Math.ceil(pairs / 50), `${pairs} pairs: one walk of ceil(pairs / 50) slices`);
    for (const n of hourly(many.slices)) assert.ok(n <= 2, `slices in one hour: ${n} (at most two, whatever the number of pairs)`);
    assert.deepEqual((await m.globex.panelView(mirror)).links.map((l) => l.state), ['unlinked'], 'the walk found the issue deleted without an event');

    // What does not grow: a run without a slice costs what an idle run with no pairs costs, and a
    // slice adds its pair query and the schedule write (the unlink's own work aside).
    const sliceRuns = many.runs.filter((_, i) => many.slices[i]! > 0);
    const others = [...quiet(one.runs), ...quiet(many.runs)];
    assert.ok(Math.max(...others.map((r) => r.kvs)) <= idleMax, `KVS of a run without a slice: ${Math.max(...others.map((r) => r.kvs))}, idle with no pairs ${idleMax}`);
    for (const r of sliceRuns.filter((r) => r.gets === 0 && r.egress === 0)) assert.ok(r.kvs <= idleMax + 2, `KVS of a slice run: ${r.kvs} (idle ${idleMax} + query + schedule)`);
  });
});

describe('health pings on an idle connection', () => {
  test("over 13 idle hours each side pings every 30 minutes, a contacts change and the partner's profile it sends included", async (t) => {
    const m = await startMirror();
    try {
      for (let i = 0; i < 3; i++) await m.advance(FIVE_MINUTES);
      const calls: Record<'acme' | 'globex', number[]> = { acme: [], globex: [] };
      for (let run = 0; run < 13 * 12; run++) {
        m.acme.recorder.reset();
        m.globex.recorder.reset();
        // Two runs after both pinged, globex's admin changes its contacts: written from the
        // connection its route holds, and its profile sent to acme, which writes its own copy.
        if (run === 5) await m.globex.admin('admin/connections/contacts', { connectionId: m.connectionId, local: [{ name: 'Gia Globex', role: 'accountable', email: 'gia@globex.example' }], partner: [] });
        await m.advance(FIVE_MINUTES);
        for (const side of ['acme', 'globex'] as const) calls[side].push(m[side].recorder.entries({ kind: 'egress' }).filter((e) => e.moduleKey === 'maintenance').length);
      }
      for (const side of ['acme', 'globex'] as const) {
        const runs = calls[side].flatMap((n, i) => (n > 0 ? [i] : []));
        t.diagnostic(`${side}: partner calls at runs ${runs.map((i) => `${i}${calls[side][i]! > 1 ? `(${calls[side][i]})` : ''}`).join(' ')}`);
        // A ping is the run's one partner call; a profile check that found a change, or asks, adds its message.
        const gaps = runs.slice(1).map((r, i) => r - runs[i]!);
        assert.ok(gaps.every((g) => g >= 6), `${side}: runs between pings ${gaps.join(' ')} (a ping's stamp lost makes one 5 minutes after the last)`);
        assert.ok(runs.length <= 13 * 2 + 1, `${side}: ${runs.length} pings in 13 hours`);
      }
    } finally {
      await m.close();
    }
  });
});
