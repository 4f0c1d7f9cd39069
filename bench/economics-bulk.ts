// A bulk sync under Jira Cloud's default rate limits on the manual clock (issue 13): N issues on acme,
// "Sync existing issues" started, the clock moved a second at a time until the run is done — so an
// hour-bound run takes minutes, not an hour, of wall time. Counted: issues that arrived once (lost /
// duplicated), failed invocations, 429s by reason on each side, Jira points and KVS operations per
// issue, and the virtual drain time against the quota-bound minimum (points / hourly quota).
import { performance } from 'node:perf_hooks';
import { asAdmin } from '../sandbox/demo/liaison-demo';
import { DEFAULT_RATE_LIMITS } from '../sandbox/jira';
import { SandboxClock } from '../sandbox/platform';
import { kindOf, unitsOf } from '../sandbox/platform/kvs/kvs-rate-limits';
import type { Recorder } from '../sandbox/platform/recorder';
import type { SandboxWorld } from '../sandbox/world';
import { rest, startBench } from './world-setup';

export type BulkEconomics = {
  issues: number; arrived: number; lost: number; duplicated: number; failedInvocations: number;
  points: { source: number; target: number }; kvs: { source: number; target: number };
  /** Forge storage volume per side: 10 KB units as Forge counts them against its per-minute limits, and bytes. */
  storage: { source: StorageTally; target: StorageTally };
  refusals: { source: Record<string, number>; target: Record<string, number> };
  drainSeconds: number; quotaBoundSeconds: number; ratio: number | null; wallSeconds: number; finished: boolean;
  /** The bench's own status reads every 10 virtual seconds (admin resolver, as the admin page polls): counted apart, left out of the figures above. */
  statusPolls: { reads: number; points: number; kvs: number };
};

export type StorageTally = { ops: number; readUnits: number; writeUnits: number; bytesWritten: number; bytesRead: number; failedInvocations: number };

const emptyTally = (): StorageTally => ({ ops: 0, readUnits: 0, writeUnits: 0, bytesWritten: 0, bytesRead: 0, failedInvocations: 0 });

/**
 * Adds what the recorder holds to `t` and clears it: a 10,000-issue run records more entries than a
 * recorder keeps, so the tally streams. Units as the storage limits count them ("KVS and Custom
 * Entity Store limits": a write by its request, a read by the larger of request and answer, 10 KB each).
 */
function drainInto(t: StorageTally, recorder: Recorder): void {
  for (const e of recorder.entries()) {
    if (e.kind === 'invocation' && e.outcome !== 'ok') t.failedInvocations++;
    if (e.kind !== 'kvs') continue;
    t.ops++;
    const req = e.requestBytes ?? 0;
    const ans = e.answerBytes ?? 0;
    if (kindOf(e.op) === 'write') {
      t.writeUnits += unitsOf(req);
      t.bytesWritten += req;
    } else {
      t.readUnits += unitsOf(Math.max(req, ans));
      t.bytesRead += ans;
    }
  }
  recorder.reset();
}

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
    const tally = { source: emptyTally(), target: emptyTally() };
    const polls = { reads: 0, points: 0, tally: emptyTally() };
    const drain = () => {
      drainInto(tally.source, world.site('acme').installation.recorder);
      drainInto(tally.target, world.site('globex').installation.recorder);
    };
    // performance.now(): Date.now() is the manual clock's virtual time inside a manual-clock world.
    const wall0 = performance.now();
    const t0 = clock.now();
    await asAdmin(world, 'acme', 'admin/bulk/start', { connectionId: pair.connectionId, projectKey: 'ACME' });
    let done = false;
    for (let s = 1; !done && s <= limits.maxVirtualHours * 3600 && performance.now() - wall0 < limits.maxWallMinutes * 60_000; s++) {
      await clock.advance(1_000);
      await world.idle();
      drain();
      if (s % 10 !== 0) continue;
      // The admin page's status read may meet Forge's storage limits mid-run, as on a real site: look again in 10 s.
      // Its own points and storage are the bench's, not the bulk's: tallied apart.
      const pointsBefore = stats(world, 'acme').points;
      const status = await asAdmin<{ state: string; queued: number }>(world, 'acme', 'admin/bulk/status', { connectionId: pair.connectionId, projectKey: 'ACME' }).catch(() => null);
      polls.reads++;
      polls.points += stats(world, 'acme').points - pointsBefore;
      drainInto(polls.tally, world.site('acme').installation.recorder);
      if (!status) continue;
      // "done" means every page was read and queued; the run has drained when every issue is on globex.
      done = status.state === 'done' && (await count(world, 'globex', 'GLX')) - globexBefore >= expected;
    }
    const drainSeconds = (clock.now() - t0) / 1000;
    const wallSeconds = (performance.now() - wall0) / 1000;
    drain();
    const arrived = (await count(world, 'globex', 'GLX')) - globexBefore;
    const after = { acme: stats(world, 'acme'), globex: stats(world, 'globex') };
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    const points = { source: after.acme.points - before.acme.points - polls.points, target: after.globex.points - before.globex.points };
    const failed = tally.source.failedInvocations + tally.target.failedInvocations;
    const quotaBoundSeconds = (Math.max(points.source, points.target) / DEFAULT_RATE_LIMITS.quotaPointsPerHour) * 3600;
    return {
      issues: expected, arrived, lost: Math.max(0, expected - arrived), duplicated: Math.max(0, arrived - expected), failedInvocations: failed,
      points, kvs: { source: tally.source.ops, target: tally.target.ops }, storage: tally,
      refusals: { source: diff(after.acme.refusals, before.acme.refusals), target: diff(after.globex.refusals, before.globex.refusals) },
      drainSeconds, quotaBoundSeconds, ratio: quotaBoundSeconds > 0 ? drainSeconds / quotaBoundSeconds : null, wallSeconds, finished: done,
      statusPolls: { reads: polls.reads, points: polls.points, kvs: polls.tally.ops },
    };
  } finally {
    await bench.close();
  }
}
