// Economics against Jira Cloud's points-based quota (issue 13): the points Liaison's app spends on
// each side per mirrored change (create, edit, comment, status; Jira ↔ Jira), and per bulk-synced
// issue, read from the Jira emulator's own accounting (sandbox/jira/rate-limits.ts, limits on at
// their defaults). Target: ≤ 3 points per mirrored change per side.
// Also Jira ↔ ServiceNow, an idle connection's cost per hour, and a bulk sync on the manual clock.
//   npm run bench -- --only=economics [--bulk=10000]   (or: node --import tsx bench/economics.ts --bulk=N)
import { DEFAULT_RATE_LIMITS } from '../sandbox/jira';
import type { SandboxWorld } from '../sandbox/world';
import { CHANGE_KINDS, type ChangeKind } from './per-change';
import { bulkOnVirtualClock, describeBulk, type BulkEconomics } from './economics-bulk';
import { idleJira, idleServiceNow, idleTable, type IdleFigures } from './economics-idle';
import { measureServiceNowCycle } from './servicenow-changes';
import { startServiceNowBench } from './servicenow-world';
import { adf, rest, startBench } from './world-setup';

export const POINTS_TARGET = 3;

type Side = { points: number; refusals: number; kvs: number; invocations: number };
export type ChangePoints = { kind: ChangeKind; source: Side; target: Side; ok: boolean };

function spent(world: SandboxWorld, site: string): Side {
  const s = world.site(site);
  const app = s.installation.appAccountId;
  const { totalPointsByApp, refusals } = s.jira.rateLimits.stats;
  const recorder = s.installation.recorder;
  return { points: totalPointsByApp[app] ?? 0, refusals: Object.values(refusals).reduce((a, b) => a + b, 0), kvs: recorder.count({ kind: 'kvs' }), invocations: recorder.count({ kind: 'invocation' }) };
}

const minus = (a: Side, b: Side): Side => ({ points: a.points - b.points, refusals: a.refusals - b.refusals, kvs: a.kvs - b.kvs, invocations: a.invocations - b.invocations });

async function drive(world: SandboxWorld, kind: ChangeKind, key: string | null, n: number): Promise<string> {
  if (kind === 'create') {
    const res = await rest(world, 'acme', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `Economics ${n}`, description: adf(`Points per change (${n}).`), priority: { name: 'High' }, labels: ['bench'] },
    });
    return (res.body as { key: string }).key;
  }
  if (kind === 'edit') await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: `Economics ${n}, edited` } });
  if (kind === 'comment') await rest(world, 'acme', 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf(`A comment (${n}).`) });
  if (kind === 'status') await rest(world, 'acme', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } });
  return key!;
}

async function changeCycle(world: SandboxWorld, n: number): Promise<ChangePoints[]> {
  const out: ChangePoints[] = [];
  let key: string | null = null;
  for (const kind of CHANGE_KINDS) {
    await world.idle();
    const before = { acme: spent(world, 'acme'), globex: spent(world, 'globex') };
    key = await drive(world, kind, key, n);
    await world.idle();
    const source = minus(spent(world, 'acme'), before.acme);
    const target = minus(spent(world, 'globex'), before.globex);
    out.push({ kind, source, target, ok: source.points <= POINTS_TARGET && target.points <= POINTS_TARGET });
  }
  return out;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export type SnChangePoints = { kind: string; points: number; kvs: number; invocations: number; ok: boolean };
/** Mean per change over many cycles with Forge's duplicate deliveries on (1 in 20, its default). */
export type ChangeMeans = { kind: ChangeKind; cycles: number; source: Side; target: Side };
/** Mirrored issues (pairs) per connection at which the idle cost is measured, and over how long. */
const IDLE_PAIRS = [1, 50, 500];
const IDLE_HOURS = 24;

export type EconomicsResult = { warm: ChangePoints[]; cold: ChangePoints[]; withDuplicates: ChangeMeans[]; servicenow: SnChangePoints[]; idle: IdleFigures[]; bulk: BulkEconomics | null };

export const DUPLICATE_CYCLES = 20;

/**
 * The per-change cost as a site meets it: Forge delivers 1 in 20 queue and product events twice
 * (on by default in the sandbox), and a second delivery costs a read and a no-change plan. Mean of
 * DUPLICATE_CYCLES create/edit/comment/status cycles (after a cold one).
 */
async function withDuplicates(): Promise<ChangeMeans[]> {
  const bench = await startBench();
  try {
    await changeCycle(bench.world, 100);
    const sums = new Map<ChangeKind, { source: Side; target: Side }>();
    const zero = (): Side => ({ points: 0, refusals: 0, kvs: 0, invocations: 0 });
    const add = (a: Side, b: Side): Side => ({ points: a.points + b.points, refusals: a.refusals + b.refusals, kvs: a.kvs + b.kvs, invocations: a.invocations + b.invocations });
    for (let i = 0; i < DUPLICATE_CYCLES; i++) {
      for (const c of await changeCycle(bench.world, 101 + i)) {
        const s = sums.get(c.kind) ?? { source: zero(), target: zero() };
        sums.set(c.kind, { source: add(s.source, c.source), target: add(s.target, c.target) });
      }
    }
    const mean = (s: Side): Side => ({ points: r2(s.points / DUPLICATE_CYCLES), refusals: r2(s.refusals / DUPLICATE_CYCLES), kvs: r2(s.kvs / DUPLICATE_CYCLES), invocations: r2(s.invocations / DUPLICATE_CYCLES) });
    return CHANGE_KINDS.map((kind) => ({ kind, cycles: DUPLICATE_CYCLES, source: mean(sums.get(kind)!.source), target: mean(sums.get(kind)!.target) }));
  } finally {
    await bench.close();
  }
}

async function serviceNowPoints(): Promise<SnChangePoints[]> {
  // Exact counts: no duplicate deliveries (world-setup.ts NO_DUPLICATES).
  const bench = await startServiceNowBench({ exact: true });
  try {
    await measureServiceNowCycle(bench, 1);
    const warm = await measureServiceNowCycle(bench, 2);
    return warm.map((c) => {
      const kvs = c.jira.kvs.reads + c.jira.kvs.writes;
      const invocations = Object.values(c.jira.invocations).reduce((a, i) => a + i.n, 0);
      return { kind: c.kind, points: c.points, kvs, invocations, ok: c.points <= POINTS_TARGET && c.mirrored };
    });
  } finally {
    await bench.close();
  }
}

/** The economics phase of `npm run bench` (`--only=economics`, `--bulk=N`, default 10,000): prints its tables, returns the figures. */
export async function runEconomics(bulkN: number): Promise<EconomicsResult> {
  // Exact counts per change: no duplicate deliveries here; withDuplicates() reports the cost with them.
  const bench = await startBench({ exact: true });
  let cold: ChangePoints[];
  let warm: ChangePoints[];
  try {
    cold = await changeCycle(bench.world, 1);
    warm = await changeCycle(bench.world, 2);
  } finally {
    await bench.close();
  }
  console.log(`\n=== Jira points per mirrored change (Jira ↔ Jira, acme → globex; target ≤ ${POINTS_TARGET} per side) ===`);
  console.log('change   | source pts | target pts | 429s | KVS ops src/tgt | invocations src/tgt | verdict   (cold cycle in brackets)');
  warm.forEach((w, i) => {
    const c = cold[i]!;
    console.log(`${w.kind.padEnd(8)} | ${String(w.source.points).padStart(4)} [${c.source.points}] | ${String(w.target.points).padStart(4)} [${c.target.points}] | ${w.source.refusals + w.target.refusals}    | ${w.source.kvs} / ${w.target.kvs} | ${w.source.invocations} / ${w.target.invocations} | ${w.ok ? 'ok' : 'OVER'}`);
  });
  const dup = await withDuplicates();
  console.log(`\n=== The same with Forge's duplicate deliveries on (1 in 20 events twice, its default): mean of ${DUPLICATE_CYCLES} cycles ===`);
  console.log('change   | points src/tgt | KVS ops src/tgt | invocations src/tgt | 429s');
  for (const d of dup) console.log(`${d.kind.padEnd(8)} | ${d.source.points} / ${d.target.points} | ${d.source.kvs} / ${d.target.kvs} | ${d.source.invocations} / ${d.target.invocations} | ${r2(d.source.refusals + d.target.refusals)}`);

  const servicenow = await serviceNowPoints();
  console.log(`\n=== Jira points per mirrored change (Jira ↔ ServiceNow: acme's app; peer and Jira side are one installation; target ≤ ${POINTS_TARGET}) ===`);
  console.log('change              | Jira pts | KVS ops | invocations | verdict');
  for (const c of servicenow) console.log(`${c.kind.padEnd(19)} | ${String(c.points).padStart(8)} | ${String(c.kvs).padStart(7)} | ${String(c.invocations).padStart(11)} | ${c.ok ? 'ok' : 'OVER'}`);

  // Per connection and hour, averaged over a day (the lost-delete walk comes round once a day), at
  // each number of mirrored issues; every site here has one connection.
  const idle: IdleFigures[] = [];
  for (const pairs of IDLE_PAIRS) idle.push(await idleJira({ pairs, hours: IDLE_HOURS }), await idleServiceNow({ pairs, hours: IDLE_HOURS }));
  console.log(`\n=== An idle connection, per hour over ${IDLE_HOURS} hours of the manual clock (maintenance, sweep, lost-delete walk, pings, poll; after a first hour of start-up), at ${IDLE_PAIRS.join(', ')} mirrored issues ===`);
  console.log(idleTable(idle));

  const bulk = bulkN > 0 ? await bulkOnVirtualClock(bulkN) : null;
  if (bulk) {
    console.log(`\n=== Bulk sync of ${bulk.issues} issues under the default limits (${DEFAULT_RATE_LIMITS.quotaPointsPerHour} points/hour), manual clock ===`);
    for (const line of describeBulk(bulk)) console.log(line);
  }
  return { warm, cold, withDuplicates: dup, servicenow, idle, bulk };
}

/** The targets: ≤ 3 points per change and side, no 429 in steady state, a bulk with nothing lost or failed within 1.2× of the quota-bound minimum. */
export function economicsVerdicts(e: EconomicsResult): Array<{ target: string; measured: string; ok: boolean }> {
  const out = e.warm.map((c) => ({ target: `Jira ↔ Jira ${c.kind}: ≤ ${POINTS_TARGET} Jira points per side, no 429`, measured: `${c.source.points} / ${c.target.points}, ${c.source.refusals + c.target.refusals} 429s`, ok: c.ok && c.source.refusals + c.target.refusals === 0 }));
  out.push(...e.servicenow.map((c) => ({ target: `Jira ↔ ServiceNow ${c.kind}: ≤ ${POINTS_TARGET} Jira points`, measured: String(c.points), ok: c.ok })));
  if (e.bulk) {
    const b = e.bulk;
    out.push({ target: `bulk ${b.issues}: 0 lost, 0 duplicated, 0 failed invocations`, measured: `${b.lost} / ${b.duplicated} / ${b.failedInvocations}${b.finished ? '' : ' (unfinished)'}`, ok: b.finished && b.lost + b.duplicated + b.failedInvocations === 0 });
    const burst = (b.refusals.source['jira-burst-based'] ?? 0) + (b.refusals.target['jira-burst-based'] ?? 0);
    out.push({ target: `bulk ${b.issues}: no burst-limit 429 on either side`, measured: `${burst} (source ${JSON.stringify(b.refusals.source)}, target ${JSON.stringify(b.refusals.target)})`, ok: burst === 0 });
    out.push({ target: `bulk ${b.issues}: drain ≤ 1.2× the minimum (the larger of the quota and burst bounds)`, measured: b.ratio === null ? '—' : `${r2(b.ratio)}× (${r2(b.drainSeconds)} s vs ${r2(b.minimumSeconds)} s, the ${b.bindingBound} bound)`, ok: b.finished && (b.ratio ?? 0) <= 1.2 });
  }
  return out;
}

if (require.main === module) {
  const bulkArg = process.argv.find((a) => a.startsWith('--bulk='))?.slice(7);
  runEconomics(Number(bulkArg ?? 10_000)).then((r) => console.log(JSON.stringify({ economics: r }))).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
