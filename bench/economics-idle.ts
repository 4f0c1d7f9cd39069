// What an idle connection costs per hour (issue 13): hours of the manual clock with nobody working,
// so only the scheduled triggers run — the five-minute maintenance (routes, partner pings, the sweep,
// the lost-delete walk) and, for a ServiceNow connection, the poll. Counted from the emulators' own
// accounting: Jira points of the app, KVS operations and invocations per installation, requests to
// the partner. `pairs`: issues mirrored before the idle time starts (created on acme, so each is a
// pair on both sides). The lost-delete walk comes round once a day (core/sync/lost-deletes.ts), so a
// measurement of 24 hours that starts with a walk holds exactly one, and its hourly mean is the day's.
import { SandboxClock } from '../sandbox/platform';
import type { SandboxWorld } from '../sandbox/world';
import { SN_AGENT, startServiceNowBench } from './servicenow-world';
import { rest, startBench } from './world-setup';

export type IdleSite = { site: string; points: number; jiraCalls: number; kvs: number; invocations: Record<string, number>; egress: number };
export type IdleFigures = { kind: 'jira' | 'servicenow'; pairs: number; hours: number; sites: IdleSite[]; instanceRequests?: number };
export type IdleOptions = { pairs?: number; hours?: number };


function snapshot(world: SandboxWorld, site: string): IdleSite {
  const s = world.site(site);
  const app = s.installation.appAccountId;
  const rec = s.installation.recorder;
  const invocations: Record<string, number> = {};
  for (const e of rec.entries({ kind: 'invocation' })) if (e.kind === 'invocation') invocations[e.moduleKey] = (invocations[e.moduleKey] ?? 0) + 1;
  return { site, points: s.jira.rateLimits.stats.totalPointsByApp[app] ?? 0, jiraCalls: rec.count({ kind: 'product' }), kvs: rec.count({ kind: 'kvs' }), invocations, egress: rec.count({ kind: 'egress' }) };
}

function resetAll(world: SandboxWorld, sites: string[]): Record<string, number> {
  const points: Record<string, number> = {};
  for (const site of sites) {
    const s = world.site(site);
    s.installation.recorder.reset();
    points[site] = s.jira.rateLimits.stats.totalPointsByApp[s.installation.appAccountId] ?? 0;
  }
  return points;
}

/** Advances the manual clock `hours` hours a minute at a time, letting every scheduled run finish. */
async function idleFor(world: SandboxWorld, clock: SandboxClock, hours: number): Promise<void> {
  for (let m = 0; m < hours * 60; m++) {
    await clock.advance(60_000);
    await world.idle();
  }
}

/**
 * Moves each connection's lost-delete walk to now, as if the day since the connection's first walk
 * (at connect, before the issues were made) had passed: a measured day then holds exactly one whole
 * walk of the pairs, instead of the part of one that happens to fall into it.
 */
function walksDueNow(world: SandboxWorld, clock: SandboxClock, sites: string[]): void {
  for (const site of sites) {
    const store = world.site(site).installation.store;
    const row = store.get('kvs', 'maintenance:schedule');
    if (!row) continue;
    const schedule = JSON.parse(row.value) as { deleteChecks: Record<string, { nextAt: number }> };
    for (const state of Object.values(schedule.deleteChecks)) state.nextAt = clock.now();
    store.put('kvs', 'maintenance:schedule', JSON.stringify(schedule));
  }
}

async function measure(world: SandboxWorld, clock: SandboxClock, sites: string[], hours: number, onReset = () => {}): Promise<IdleSite[]> {
  // The first hour after connecting includes start-up work (first sweep, first routes): let it pass.
  await idleFor(world, clock, 1);
  walksDueNow(world, clock, sites);
  const before = resetAll(world, sites);
  onReset();
  await idleFor(world, clock, hours);
  return sites.map((site) => {
    const now = snapshot(world, site);
    return { ...now, points: now.points - before[site]! };
  });
}

/** `n` issues created on acme and mirrored (Forge's event delay passes on the manual clock). */
async function mirrorIssues(world: SandboxWorld, clock: SandboxClock, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await rest(world, 'acme', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `Idle pair ${i + 1}` } });
    // Spread over time as people would make them (and within Jira's and Forge's limits).
    if (i % 20 === 19) {
      await clock.advance(60_000);
      await world.idle();
    }
  }
  await clock.advance(4 * 60_000);
  await world.settle();
}

export async function idleJira(options: IdleOptions = {}): Promise<IdleFigures> {
  const { pairs = 0, hours = 1 } = options;
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startBench({ clock, exact: true });
  try {
    await mirrorIssues(bench.world, clock, pairs);
    return { kind: 'jira', pairs, hours, sites: await measure(bench.world, clock, ['acme', 'globex'], hours) };
  } finally {
    await bench.close();
  }
}

export async function idleServiceNow(options: IdleOptions = {}): Promise<IdleFigures> {
  const { pairs = 0, hours = 1 } = options;
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startServiceNowBench({ clock, exact: true });
  try {
    await mirrorIssues(bench.world, clock, pairs);
    const sites = await measure(bench.world, clock, ['acme'], hours, () => void (bench.calls.length = 0));
    return { kind: 'servicenow', pairs, hours, sites, instanceRequests: bench.calls.filter((c) => c.user !== SN_AGENT.username).length };
  } finally {
    await bench.close();
  }
}

export function idleTable(figures: IdleFigures[]): string {
  const lines = ['connection  | pairs | hours | site    | Jira points/h | Jira calls/h | KVS ops/h | invocations/h (by module) | egress/h | instance requests/h'];
  const r2 = (n: number) => Math.round(n * 100) / 100;
  for (const f of figures) {
    for (const s of f.sites) {
      const inv = Object.entries(s.invocations).map(([k, n]) => `${k} ${r2(n / f.hours)}`).join(', ') || 'none';
      lines.push(`${f.kind.padEnd(11)} | ${String(f.pairs).padStart(5)} | ${String(f.hours).padStart(5)} | ${s.site.padEnd(7)} | ${r2(s.points / f.hours)} | ${r2(s.jiraCalls / f.hours)} | ${r2(s.kvs / f.hours)} | ${inv} | ${r2(s.egress / f.hours)} | ${f.instanceRequests === undefined ? '—' : r2(f.instanceRequests / f.hours)}`);
    }
  }
  return lines.join('\n');
}
