// What an idle connection costs per hour (issue 13): one hour of the manual clock with nobody working,
// so only the scheduled triggers run — the five-minute maintenance (routes, partner pings, the sweep)
// and, for a ServiceNow connection, the poll. Counted from the emulators' own accounting: Jira points
// of the app, KVS operations and invocations per installation, requests to the partner.
import { SandboxClock } from '../sandbox/platform';
import type { SandboxWorld } from '../sandbox/world';
import { SN_AGENT, startServiceNowBench } from './servicenow-world';
import { startBench } from './world-setup';

export type IdleSite = { site: string; points: number; jiraCalls: number; kvs: number; invocations: Record<string, number>; egress: number };
export type IdleFigures = { kind: 'jira' | 'servicenow'; hours: number; sites: IdleSite[]; instanceRequests?: number };


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

async function measure(world: SandboxWorld, clock: SandboxClock, sites: string[], hours: number, onReset = () => {}): Promise<IdleSite[]> {
  // The first hour after connecting includes start-up work (first sweep, first routes): let it pass.
  await idleFor(world, clock, 1);
  const before = resetAll(world, sites);
  onReset();
  await idleFor(world, clock, hours);
  return sites.map((site) => {
    const now = snapshot(world, site);
    return { ...now, points: now.points - before[site]! };
  });
}

export async function idleJira(hours = 1): Promise<IdleFigures> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startBench({ clock });
  try {
    return { kind: 'jira', hours, sites: await measure(bench.world, clock, ['acme', 'globex'], hours) };
  } finally {
    await bench.close();
  }
}

export async function idleServiceNow(hours = 1): Promise<IdleFigures> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const bench = await startServiceNowBench({ clock });
  try {
    const sites = await measure(bench.world, clock, ['acme'], hours, () => void (bench.calls.length = 0));
    return { kind: 'servicenow', hours, sites, instanceRequests: bench.calls.filter((c) => c.user !== SN_AGENT.username).length };
  } finally {
    await bench.close();
  }
}

export function idleTable(figures: IdleFigures[]): string {
  const lines = ['connection  | site  | Jira points/h | Jira calls/h | KVS ops/h | invocations/h (by module) | egress/h | instance requests/h'];
  for (const f of figures) {
    for (const s of f.sites) {
      const inv = Object.entries(s.invocations).map(([k, n]) => `${k} ${n / f.hours}`).join(', ') || 'none';
      lines.push(`${f.kind.padEnd(11)} | ${s.site.padEnd(5)} | ${s.points / f.hours} | ${s.jiraCalls / f.hours} | ${s.kvs / f.hours} | ${inv} | ${s.egress / f.hours} | ${f.instanceRequests === undefined ? '—' : f.instanceRequests / f.hours}`);
    }
  }
  return lines.join('\n');
}
