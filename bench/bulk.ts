// Phase 3: bulk sync of N issues against writing the same N issues straight to the partner, in one
// world. Runs in its own process per N (bench/bulk-child.ts) so every size starts from the same
// memory state. The recorders stream into tallies here: nothing per entry is kept.
import { performance } from 'node:perf_hooks';
import { asAdmin } from '../sandbox/demo/liaison-demo';
import type { SandboxWorld } from '../sandbox/world';
import { MemorySampler, heapAfterGcMb, maxRssMb, type MemoryPeaks } from './memory';
import { profileWorld, type ProfileView } from './profile';
import { Tally, streamInto, type TallyView } from './tally';
import { adf, generatedIssues, rest, startBench, type LatencyModel } from './world-setup';

export type BulkFigures = {
  issues: number;
  /** The network time modelled in this run; null: none (the emulators at in-process speed). */
  latency: LatencyModel | null;
  direct: { ms: number; perIssueMs: number; issues: number; profile: ProfileView };
  bulk: {
    profile: ProfileView;
    msToAllCreated: number;
    msToDone: number;
    perIssueMs: number;
    createdOnPartner: number;
    expected: number;
    state: string;
    processed: number;
    /** Nothing left to run, yet the run was not done: a page or a message was lost. */
    stalled: boolean;
  };
  /** Liaison's time (until every issue exists on the partner and all work is done) / direct time. */
  ratio: number;
  ratioToAllCreated: number;
  counts: { acmeIssues: number; globexIssues: number; globexExpected: number; duplicatesOrMissing: number };
  timeLimits: { invocations: number; timeouts: number; failed: number; worst: Array<{ module: string; maxMs: number; limitMs: number; share: number }> };
  source: TallyView;
  target: TallyView;
  memory: MemoryPeaks & { heapBeforeMb: number | null; heapAfterGcMb: number | null; processMaxRssMb: number };
};

const DONE_TIMEOUT_MS = 15 * 60_000;
const STALL_MS = 20_000;
/** A forced full GC this often measures the live heap during the run (a few ms of pause each). */
const GC_SAMPLE_MS = 2_000;

/** The REST body of generated issue `i` on the partner: the fields the demo rule would write. */
function directBodies(n: number): unknown[] {
  return generatedIssues(n, 'GLX').map((s) => ({
    fields: {
      project: { key: 'GLX' },
      issuetype: { name: s.issueType },
      summary: s.summary,
      description: adf(s.description!),
      priority: { name: s.priority },
      labels: s.labels,
      duedate: s.duedate,
      ...s.custom,
    },
  }));
}

async function count(world: SandboxWorld, site: string, project: string): Promise<number> {
  const res = await rest(world, site, 'POST', '/rest/api/3/search/approximate-count', { jql: `project = ${project}` });
  return (res.body as { count: number }).count;
}

/**
 * Writes the issues straight to globex, as its Liaison app account: the same identity Liaison writes
 * with, and the manifest's ignoreSelf keeps globex's own trigger out of the timing. They are deleted
 * afterwards (untimed), so the bulk sync meets the same partner project.
 */
async function directWrite(world: SandboxWorld, n: number): Promise<{ ms: number; profile: ProfileView }> {
  const app = world.site('globex').installation.appAccountId;
  const bodies = directBodies(n);
  const ids: string[] = [];
  const profile = profileWorld(world);
  const t0 = performance.now();
  for (const body of bodies) ids.push(((await rest(world, 'globex', 'POST', '/rest/api/3/issue', body, app)).body as { id: string }).id);
  const ms = performance.now() - t0;
  const view = profile.stop();
  // The clean-up is not measured: it need not wait out modelled network time either.
  const faults = world.site('globex').jira.faults;
  const latencyMs = faults.latencyMs;
  faults.latencyMs = 0;
  for (const id of ids) await rest(world, 'globex', 'DELETE', `/rest/api/3/issue/${id}`, undefined, app);
  faults.latencyMs = latencyMs;
  await world.idle();
  return { ms, profile: view };
}

export async function runBulkScale(n: number, log: (msg: string) => void = () => {}, latency: LatencyModel | null = null): Promise<BulkFigures> {
  const bench = await startBench({ extraAcmeIssues: n, ...(latency ? { latency } : {}) });
  const { world, pair } = bench;
  try {
    // Warm both paths (the app's and the emulator's) before either is timed.
    await rest(world, 'acme', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Warm-up issue' } });
    await world.idle();
    await directWrite(world, 10);

    log(`direct write of ${n} issues to globex…`);
    const direct = await directWrite(world, n);
    log(`  ${Math.round(direct.ms)} ms`);

    const acmeIssues = await count(world, 'acme', 'ACME');
    const globexBefore = await count(world, 'globex', 'GLX');
    const expected = acmeIssues - 1; // the warm-up issue is paired already
    const acme = world.site('acme').installation;
    const globex = world.site('globex').installation;
    acme.recorder.reset();
    globex.recorder.reset();
    const source = new Tally(world.app);
    const target = new Tally(world.app);
    const undo = [streamInto(acme.recorder, source), streamInto(globex.recorder, target)];
    let created = 0;
    let lastCreate = 0;
    const off = world.site('globex').jira.onEvent((e) => {
      if (e.eventType === 'avi:jira:created:issue' && e.actorAccountId === globex.appAccountId) {
        created++;
        lastCreate = performance.now();
      }
    });
    const heapBeforeMb = heapAfterGcMb();
    const sampler = new MemorySampler(20, GC_SAMPLE_MS).start();
    const profile = profileWorld(world);
    log(`bulk sync of ${expected} issues acme → globex…`);
    const t0 = performance.now();
    let status: { state: string; processed: number } = { state: 'idle', processed: 0 };
    let lastLog = t0;
    let lastProgress = '';
    let lastMove = t0;
    let stalled = false;
    try {
      await asAdmin(world, 'acme', 'admin/bulk/start', { connectionId: pair.connectionId, projectKey: 'ACME' });
      for (;;) {
        await world.idle();
        status = await asAdmin<{ state: string; processed: number }>(world, 'acme', 'admin/bulk/status', { connectionId: pair.connectionId, projectKey: 'ACME' });
        if (status.state === 'done' && created >= expected) break;
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  … ${Math.round((lastLog - t0) / 1000)} s: bulk ${status.state}, ${status.processed} processed, ${created}/${expected} created on globex`);
        }
        if (performance.now() - t0 > DONE_TIMEOUT_MS) break;
        // The world is idle and nothing moved for a while: the run has stalled, not slowed.
        const progress = `${status.state}/${status.processed}/${created}`;
        if (progress !== lastProgress) {
          lastProgress = progress;
          lastMove = performance.now();
        } else if (performance.now() - lastMove > STALL_MS) {
          stalled = true;
          log(`  stalled: no progress for ${STALL_MS / 1000} s with nothing left to run (${progress})`);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      off();
    }
    const msToDone = performance.now() - t0;
    const bulkProfile = profile.stop();
    const peaks = sampler.stop();
    const heapAfter = heapAfterGcMb();
    for (const u of undo) u();
    log(`  ${Math.round(msToDone)} ms (${created}/${expected} created, state ${status.state})`);

    const globexIssues = await count(world, 'globex', 'GLX');
    const sourceView = source.view();
    const targetView = target.view();
    const allInvocations = [...Object.entries(sourceView.invocations), ...Object.entries(targetView.invocations)];
    const msToAllCreated = lastCreate ? lastCreate - t0 : Number.NaN;
    return {
      issues: n,
      latency,
      direct: { ms: direct.ms, perIssueMs: direct.ms / n, issues: n, profile: direct.profile },
      bulk: { profile: bulkProfile, msToAllCreated, msToDone, perIssueMs: msToDone / Math.max(1, expected), createdOnPartner: created, expected, state: status.state, processed: status.processed, stalled },
      ratio: msToDone / (direct.ms * (expected / n)),
      ratioToAllCreated: msToAllCreated / (direct.ms * (expected / n)),
      counts: { acmeIssues, globexIssues, globexExpected: globexBefore + expected, duplicatesOrMissing: globexIssues - (globexBefore + expected) },
      timeLimits: {
        invocations: allInvocations.reduce((a, [, s]) => a + s.n, 0),
        timeouts: allInvocations.reduce((a, [, s]) => a + s.timeout, 0),
        failed: allInvocations.reduce((a, [, s]) => a + s.failed, 0),
        worst: allInvocations
          .map(([module, s]) => ({ module, maxMs: s.maxMs, limitMs: s.limitMs, share: s.maxMs / s.limitMs }))
          .sort((a, b) => b.share - a.share),
      },
      source: sourceView,
      target: targetView,
      memory: { ...peaks, heapBeforeMb, heapAfterGcMb: heapAfter, processMaxRssMb: maxRssMb() },
    };
  } finally {
    await bench.close();
  }
}
