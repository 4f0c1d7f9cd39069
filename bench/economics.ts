// Economics against Jira Cloud's points-based quota (issue 13): the points Liaison's app spends on
// each side per mirrored change (create, edit, comment, status; Jira ↔ Jira), and per bulk-synced
// issue, read from the Jira emulator's own accounting (sandbox/jira/rate-limits.ts, limits on at
// their defaults). Target: ≤ 3 points per mirrored change per side.
//   node --import tsx bench/economics.ts [--bulk=200]
// The bulk part runs N issues (default 200) and projects the points of 10,000 onto the default
// hourly quota: the quota-bound minimum drain time. It does not run 10,000 issues here.
import { asAdmin } from '../sandbox/demo/liaison-demo';
import { DEFAULT_RATE_LIMITS } from '../sandbox/jira';
import type { SandboxWorld } from '../sandbox/world';
import { CHANGE_KINDS, type ChangeKind } from './per-change';
import { adf, rest, startBench } from './world-setup';

export const POINTS_TARGET = 3;

type Side = { points: number; refusals: number };
export type ChangePoints = { kind: ChangeKind; source: Side; target: Side; ok: boolean };

function spent(world: SandboxWorld, site: string): Side {
  const s = world.site(site);
  const app = s.installation.appAccountId;
  const { totalPointsByApp, refusals } = s.jira.rateLimits.stats;
  return { points: totalPointsByApp[app] ?? 0, refusals: Object.values(refusals).reduce((a, b) => a + b, 0) };
}

const minus = (a: Side, b: Side): Side => ({ points: a.points - b.points, refusals: a.refusals - b.refusals });

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

export type BulkPoints = { issues: number; source: Side; target: Side; perIssue: { source: number; target: number }; seconds: number; projected10k: { points: number; quotaBoundHours: number } };

async function bulkRun(n: number): Promise<BulkPoints> {
  const bench = await startBench({ extraAcmeIssues: n });
  try {
    const { world, pair } = bench;
    const before = { acme: spent(world, 'acme'), globex: spent(world, 'globex') };
    const t0 = Date.now();
    await asAdmin(world, 'acme', 'admin/bulk/start', { connectionId: pair.connectionId, projectKey: 'ACME' });
    let status = { state: 'running', processed: 0 };
    while (status.state !== 'done' && Date.now() - t0 < 30 * 60_000) {
      await world.idle();
      status = await asAdmin<{ state: string; processed: number }>(world, 'acme', 'admin/bulk/status', { connectionId: pair.connectionId, projectKey: 'ACME' });
    }
    await world.idle();
    const source = minus(spent(world, 'acme'), before.acme);
    const target = minus(spent(world, 'globex'), before.globex);
    const issues = status.processed;
    const perIssue = { source: source.points / Math.max(1, issues), target: target.points / Math.max(1, issues) };
    const points = Math.ceil(Math.max(perIssue.source, perIssue.target) * 10_000);
    return { issues, source, target, perIssue, seconds: (Date.now() - t0) / 1000, projected10k: { points, quotaBoundHours: points / DEFAULT_RATE_LIMITS.quotaPointsPerHour } };
  } finally {
    await bench.close();
  }
}

const r2 = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const bulkArg = process.argv.find((a) => a.startsWith('--bulk='))?.slice(7);
  const bulkN = Number(bulkArg ?? 200);
  const bench = await startBench();
  let cold: ChangePoints[];
  let warm: ChangePoints[];
  try {
    cold = await changeCycle(bench.world, 1);
    warm = await changeCycle(bench.world, 2);
  } finally {
    await bench.close();
  }
  console.log(`\n=== Jira points per mirrored change (Jira ↔ Jira, acme → globex; target ≤ ${POINTS_TARGET} per side) ===`);
  console.log('change   | source pts | target pts | 429s | verdict   (cold cycle in brackets)');
  warm.forEach((w, i) => {
    const c = cold[i]!;
    console.log(`${w.kind.padEnd(8)} | ${String(w.source.points).padStart(4)} [${c.source.points}] | ${String(w.target.points).padStart(4)} [${c.target.points}] | ${w.source.refusals + w.target.refusals}    | ${w.ok ? 'ok' : 'OVER'}`);
  });
  const bulk = bulkN > 0 ? await bulkRun(bulkN) : null;
  if (bulk) {
    console.log(`\n=== Jira points per bulk-synced issue (${bulk.issues} issues; not 10,000: scaled down for this machine) ===`);
    console.log(`source acme: ${bulk.source.points} points (${r2(bulk.perIssue.source)}/issue, ${bulk.source.refusals} 429s); target globex: ${bulk.target.points} points (${r2(bulk.perIssue.target)}/issue, ${bulk.target.refusals} 429s); ${r2(bulk.seconds)} s`);
    console.log(`10,000 issues would cost ~${bulk.projected10k.points} points on the busier side: quota-bound minimum ${r2(bulk.projected10k.quotaBoundHours)} h at ${DEFAULT_RATE_LIMITS.quotaPointsPerHour} points/hour`);
  }
  console.log(JSON.stringify({ economics: { warm, cold, bulk } }));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
