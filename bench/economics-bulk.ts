// A bulk sync under Jira Cloud's default rate limits on the manual clock (issue 13): N issues on acme,
// "Sync existing issues" started, the clock moved a second at a time until the run is done — so an
// hour-bound run takes minutes, not an hour, of wall time. Counted: issues that arrived once (lost /
// duplicated), failed invocations, 429s by reason on each side, Jira points and KVS operations per
// issue, and the virtual drain time against its floor: the larger of the quota bound (points /
// hourly quota) and the burst bound (the busiest endpoint's calls at Jira's per-endpoint rate).
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
  drainSeconds: number; quotaBoundSeconds: number;
  /**
   * The least time the busiest endpoint's calls take under Jira's per-endpoint burst limit
   * ((calls - burst capacity) / steady rate), on the side and endpoint named.
   */
  burstBound: { seconds: number; side: 'source' | 'target'; endpoint: string; calls: number };
  /** The larger of the quota bound and the burst bound, and which one it is: the drain's floor. */
  minimumSeconds: number; bindingBound: 'quota' | 'burst';
  ratio: number | null; wallSeconds: number; finished: boolean;
  /** The process's peak resident set size (MB): the emulated sites, both apps and the bench together. */
  peakRssMb: number;
  /** The bench's own status reads every 10 virtual seconds (admin resolver, as the admin page polls): counted apart, left out of the figures above. */
  statusPolls: { reads: number; points: number; kvs: number };
};

export type StorageTally = { ops: number; readUnits: number; writeUnits: number; bytesWritten: number; bytesRead: number; failedInvocations: number; endpoints: Record<string, number> };

const emptyTally = (): StorageTally => ({ ops: 0, readUnits: 0, writeUnits: 0, bytesWritten: 0, bytesRead: 0, failedInvocations: 0, endpoints: {} });

/** `POST /rest/api/3/issue/{id}/remotelink`: one endpoint as Jira's burst limit counts it (method and route). */
const endpointOf = (method: string, path: string) => `${method} ${path.split('?')[0]!.replace(/\/[A-Z][A-Z0-9_]*-\d+/g, '/{key}').replace(/\/\d+/g, '/{id}')}`;

/**
 * Adds what the recorder holds to `t` and clears it: a 10,000-issue run records more entries than a
 * recorder keeps, so the tally streams. Units as the storage limits count them ("KVS and Custom
 * Entity Store limits": a write by its request, a read by the larger of request and answer, 10 KB each).
 */
function drainInto(t: StorageTally, recorder: Recorder): void {
  for (const e of recorder.entries()) {
    if (e.kind === 'invocation' && e.outcome !== 'ok') t.failedInvocations++;
    if (e.kind === 'product' && !e.asUser) {
      const k = endpointOf(e.method, e.path);
      t.endpoints[k] = (t.endpoints[k] ?? 0) + 1;
    }
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

/** The busiest endpoint of either side against Jira's burst limit (capacity at once, then the steady rate). */
function burstBoundOf(tally: { source: StorageTally; target: StorageTally }): BulkEconomics['burstBound'] {
  let worst: BulkEconomics['burstBound'] = { seconds: 0, side: 'source', endpoint: '—', calls: 0 };
  for (const side of ['source', 'target'] as const) {
    for (const [endpoint, calls] of Object.entries(tally[side].endpoints)) {
      const seconds = Math.max(0, calls - DEFAULT_RATE_LIMITS.burstCapacity) / DEFAULT_RATE_LIMITS.burstPerSecond;
      if (seconds > worst.seconds || (seconds === worst.seconds && calls > worst.calls)) worst = { seconds, side, endpoint, calls };
    }
  }
  return worst;
}

/**
 * How long the seeded issues exist before the project is shared: a bulk sync brings over issues
 * that exist already. (Issues saved in the very minute sharing began are, for JQL's minute
 * precision, looked at by the first sweeps too: a cost real projects pay only for that minute.)
 */
const SEED_AGE_MS = 3_600_000;

/** After the drain, the clock runs on this long (uncounted in the drain time) so the held sweeps catch up: a partner's bulk holds 10 minutes past its last batch, then the next five-minute sweep runs. */
const SETTLE_MS = 20 * 60_000;

/** Virtual time is capped at `maxVirtualHours`; wall time at `maxWallMinutes` (the figures then say unfinished). */
export async function bulkOnVirtualClock(n: number, limits = { maxVirtualHours: 6, maxWallMinutes: Math.max(45, Math.ceil(n / 80)) }): Promise<BulkEconomics> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 8, 0, 0) });
  const bench = await startBench({ extraAcmeIssues: n, clock, beforeConnect: async (w) => { await clock.advance(SEED_AGE_MS); await w.idle(); } });
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
    // What the bulk costs afterwards counts too: the sweeps held while it ran (app/sweep-hold.ts)
    // catch up once it is over, on both sides. The clock runs on until they have.
    if (done) {
      for (let s = 0; s < SETTLE_MS / 10_000; s++) {
        await clock.advance(10_000);
        await world.idle();
        drain();
      }
    }
    drain();
    const arrived = (await count(world, 'globex', 'GLX')) - globexBefore;
    const after = { acme: stats(world, 'acme'), globex: stats(world, 'globex') };
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    const points = { source: after.acme.points - before.acme.points - polls.points, target: after.globex.points - before.globex.points };
    const failed = tally.source.failedInvocations + tally.target.failedInvocations;
    const quotaBoundSeconds = (Math.max(points.source, points.target) / DEFAULT_RATE_LIMITS.quotaPointsPerHour) * 3600;
    const burstBound = burstBoundOf(tally);
    const minimumSeconds = Math.max(quotaBoundSeconds, burstBound.seconds);
    return {
      issues: expected, arrived, lost: Math.max(0, expected - arrived), duplicated: Math.max(0, arrived - expected), failedInvocations: failed,
      points, kvs: { source: tally.source.ops, target: tally.target.ops }, storage: tally,
      refusals: { source: diff(after.acme.refusals, before.acme.refusals), target: diff(after.globex.refusals, before.globex.refusals) },
      drainSeconds, quotaBoundSeconds, burstBound, minimumSeconds, bindingBound: burstBound.seconds > quotaBoundSeconds ? 'burst' : 'quota',
      ratio: minimumSeconds > 0 ? drainSeconds / minimumSeconds : null, wallSeconds, finished: done, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      statusPolls: { reads: polls.reads, points: polls.points, kvs: polls.tally.ops },
    };
  } finally {
    await bench.close();
  }
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The bulk's figures as the economics phase prints them (bench/economics.ts, bench/bulk-economics.ts). */
export function describeBulk(b: BulkEconomics): string[] {
  const st = (t: StorageTally) => `${r2(t.readUnits / b.issues)} read + ${r2(t.writeUnits / b.issues)} write units, ${Math.round(t.bytesWritten / b.issues)} B written, ${Math.round(t.bytesRead / b.issues)} B read`;
  return [
    `arrived ${b.arrived} of ${b.issues}: lost ${b.lost}, duplicated ${b.duplicated}, failed invocations ${b.failedInvocations} (source ${b.storage.source.failedInvocations}, target ${b.storage.target.failedInvocations})${b.finished ? '' : ' — NOT FINISHED within the bench\'s limits'}`,
    `points: source ${b.points.source} (${r2(b.points.source / b.issues)}/issue), target ${b.points.target} (${r2(b.points.target / b.issues)}/issue); KVS ops: source ${r2(b.kvs.source / b.issues)}/issue, target ${r2(b.kvs.target / b.issues)}/issue`,
    `storage per issue (10 KB units as Forge's storage limits count them): source ${st(b.storage.source)}; target ${st(b.storage.target)}`,
    `429s by reason: source ${JSON.stringify(b.refusals.source)}, target ${JSON.stringify(b.refusals.target)}`,
    `minimum: quota-bound ${r2(b.quotaBoundSeconds)} s, burst-bound ${r2(b.burstBound.seconds)} s (${b.burstBound.side} ${b.burstBound.endpoint}, ${b.burstBound.calls} calls); the ${b.bindingBound} bound applies`,
    `drain ${r2(b.drainSeconds)} s of virtual time (${r2(b.wallSeconds)} s wall) vs minimum ${r2(b.minimumSeconds)} s: ${b.ratio === null ? '—' : `${r2(b.ratio)}×`} (target ≤ 1.2×)`,
    `the bench's own status reads, left out of the figures above: ${b.statusPolls.reads} reads, ${b.statusPolls.points} points, ${b.statusPolls.kvs} KVS operations on the source; peak RSS ${b.peakRssMb} MB`,
  ];
}
