// A bulk sync under Jira Cloud's default rate limits on the manual clock (issue 13): N issues on acme,
// "Sync existing issues" started, the clock moved a second at a time until the run is done — so an
// hour-bound run takes minutes, not an hour, of wall time. Counted: issues that arrived once (lost /
// duplicated), failed invocations, 429s by reason on each side, Jira points and KVS operations per
// issue, and the virtual drain time against the quota-bound minimum (points / hourly quota).
import { asAdmin } from '../sandbox/demo/liaison-demo';
import { DEFAULT_RATE_LIMITS } from '../sandbox/jira';
import { SandboxClock } from '../sandbox/platform';
import type { SandboxWorld } from '../sandbox/world';
import { rest, startBench } from './world-setup';

export type BulkEconomics = {
  issues: number; arrived: number; lost: number; duplicated: number; failedInvocations: number;
  points: { source: number; target: number }; kvs: { source: number; target: number };
  refusals: { source: Record<string, number>; target: Record<string, number> };
  drainSeconds: number; quotaBoundSeconds: number; ratio: number | null; wallSeconds: number; finished: boolean;
};

async function count(world: SandboxWorld, site: string, project: string): Promise<number> {
  const res = await rest(world, site, 'POST', '/rest/api/3/search/approximate-count', { jql: `project = ${project}` });
  return (res.body as { count: number }).count;
}

const stats = (world: SandboxWorld, site: string) => {
  const s = world.site(site);
  return { points: s.jira.rateLimits.stats.totalPointsByApp[s.installation.appAccountId] ?? 0, refusals: { ...s.jira.rateLimits.stats.refusals } };
};

/** Virtual time is capped at `maxVirtualHours`; wall time at `maxWallMinutes` (the figures then say unfinished). */
export async function bulkOnVirtualClock(n: number, limits = { maxVirtualHours: 6, maxWallMinutes: 45 }): Promise<BulkEconomics> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startBench({ extraAcmeIssues: n, clock });
  const { world, pair } = bench;
  try {
    const expected = await count(world, 'acme', 'ACME');
    const globexBefore = await count(world, 'globex', 'GLX');
    for (const site of ['acme', 'globex']) world.site(site).installation.recorder.reset();
    const before = { acme: stats(world, 'acme'), globex: stats(world, 'globex') };
    const wall0 = Date.now();
    const t0 = clock.now();
    await asAdmin(world, 'acme', 'admin/bulk/start', { connectionId: pair.connectionId, projectKey: 'ACME' });
    let done = false;
    for (let s = 1; !done && s <= limits.maxVirtualHours * 3600 && Date.now() - wall0 < limits.maxWallMinutes * 60_000; s++) {
      await clock.advance(1_000);
      await world.idle();
      if (s % 10 !== 0) continue;
      const status = await asAdmin<{ state: string; queued: number }>(world, 'acme', 'admin/bulk/status', { connectionId: pair.connectionId, projectKey: 'ACME' });
      // "done" means every page was read and queued; the run has drained when every issue is on globex.
      done = status.state === 'done' && (await count(world, 'globex', 'GLX')) - globexBefore >= expected;
    }
    const drainSeconds = (clock.now() - t0) / 1000;
    const wallSeconds = (Date.now() - wall0) / 1000;
    const arrived = (await count(world, 'globex', 'GLX')) - globexBefore;
    const after = { acme: stats(world, 'acme'), globex: stats(world, 'globex') };
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    const points = { source: after.acme.points - before.acme.points, target: after.globex.points - before.globex.points };
    const failed = ['acme', 'globex'].reduce((sum, site) => sum + world.site(site).installation.recorder.entries({ kind: 'invocation' }).filter((e) => e.kind === 'invocation' && e.outcome !== 'ok').length, 0);
    const quotaBoundSeconds = (Math.max(points.source, points.target) / DEFAULT_RATE_LIMITS.quotaPointsPerHour) * 3600;
    return {
      issues: expected, arrived, lost: Math.max(0, expected - arrived), duplicated: Math.max(0, arrived - expected), failedInvocations: failed,
      points, kvs: { source: world.site('acme').installation.recorder.count({ kind: 'kvs' }), target: world.site('globex').installation.recorder.count({ kind: 'kvs' }) },
      refusals: { source: diff(after.acme.refusals, before.acme.refusals), target: diff(after.globex.refusals, before.globex.refusals) },
      drainSeconds, quotaBoundSeconds, ratio: quotaBoundSeconds > 0 ? drainSeconds / quotaBoundSeconds : null, wallSeconds, finished: done,
    };
  } finally {
    await bench.close();
  }
}
