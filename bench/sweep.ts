// Phase 7: what the reconciliation sweep costs (src/app/sweep.ts), on a manual clock so the
// five-minute maintenance fires when the phase moves time. Three sweeps of acme's project, each
// measured alone (the sweep's pages run in the `background-work` consumer):
//   idle        nothing changed since the last sweep
//   lost        N edits whose product events were dropped: the sweep finds and mirrors them
//   already sent N edits that travelled normally: the sweep reads them, finds nothing to send
// Jira REST calls and KVS operations are per site; "per issue" divides what exceeds the idle sweep.
import { SandboxClock } from '../sandbox/platform';
import { SandboxWorld } from '../sandbox/world';
import { connectDemo } from '../sandbox/demo/liaison-demo';
import { isJiraRead, isKvsRead } from './classify';
import { adf, appDir, rest } from './world-setup';

const FIVE_MINUTES = 5 * 60_000;
const SWEEP_MODULE = 'background-work';

type Cost = { jiraReads: number; jiraWrites: number; kvsReads: number; kvsWrites: number; egress: number };
export type SweepCase = { name: 'idle' | 'lost' | 'already sent'; issues: number; acme: Cost; globex: Cost; mirrored?: number };
export type SweepFigures = { issues: number; cases: SweepCase[]; perIssue: { lost: Cost; alreadySent: Cost } };

function costSince(world: SandboxWorld, site: string, marks: Record<string, number>): Cost {
  const entries = world.site(site).installation.recorder.entries().slice(marks[site]).filter((e) => e.moduleKey === SWEEP_MODULE);
  const cost: Cost = { jiraReads: 0, jiraWrites: 0, kvsReads: 0, kvsWrites: 0, egress: 0 };
  for (const e of entries) {
    if (e.kind === 'product') cost[isJiraRead(e) ? 'jiraReads' : 'jiraWrites']++;
    else if (e.kind === 'kvs') cost[isKvsRead(e) ? 'kvsReads' : 'kvsWrites']++;
    else if (e.kind === 'egress') cost.egress++;
  }
  return cost;
}

const per = (c: Cost, idle: Cost, n: number): Cost => {
  const out = {} as Cost;
  for (const k of Object.keys(c) as Array<keyof Cost>) out[k] = Math.round(((c[k] - idle[k]) / n) * 100) / 100;
  return out;
};

export async function measureSweep(issues = 10): Promise<SweepFigures> {
  const clock = new SandboxClock({ mode: 'manual', start: Date.UTC(2030, 0, 7, 9, 0, 0) });
  const world = await SandboxWorld.start({ appDir, clock, sites: [{ name: 'acme' }, { name: 'globex' }] });
  try {
    await connectDemo(world);
    await world.idle();
    await clock.advance(60_000);
    const keys: string[] = [];
    for (let i = 0; i < issues; i++) keys.push(((await rest(world, 'acme', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `Sweep bench ${i}`, description: adf('as created') } })).body as { key: string }).key);
    await world.idle();
    // Two sweeps settle the watermark past everything the setup did.
    await clock.advance(FIVE_MINUTES);
    await clock.advance(FIVE_MINUTES);
    const sweep = async (name: SweepCase['name'], change: () => Promise<void>, n: number): Promise<SweepCase> => {
      await clock.advance(30_000);
      await change();
      await world.idle();
      const marks = Object.fromEntries(['acme', 'globex'].map((s) => [s, world.site(s).installation.recorder.count()]));
      // Up to the next maintenance tick (they run on the five-minute grid since install).
      await clock.advance(FIVE_MINUTES);
      return { name, issues: n, acme: costSince(world, 'acme', marks), globex: costSince(world, 'globex', marks) };
    };
    const idle = await sweep('idle', async () => undefined, 0);
    const faults = world.site('acme').jira.faults;
    const lost = await sweep('lost', async () => {
      faults.dropEvents({ next: issues, when: (e) => e.eventType === 'avi:jira:updated:issue' });
      for (const key of keys) await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: `Sweep bench ${key} (lost event)` } });
    }, issues);
    const search = (await rest(world, 'globex', 'POST', '/rest/api/3/search/jql', { jql: 'project = GLX ORDER BY key', fields: ['summary'], maxResults: 100 })).body as { issues: Array<{ fields: { summary: string } }> };
    lost.mirrored = search.issues.filter((i) => i.fields.summary.endsWith('(lost event)')).length;
    const sent = await sweep('already sent', async () => {
      for (const key of keys) await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: `Sweep bench ${key} (sent)` } });
    }, issues);
    return { issues, cases: [idle, lost, sent], perIssue: { lost: per(lost.acme, idle.acme, issues), alreadySent: per(sent.acme, idle.acme, issues) } };
  } finally {
    await world.close();
  }
}

export function sweepTable(f: SweepFigures): string {
  const fmt = (c: Cost) => `Jira ${c.jiraReads} read / ${c.jiraWrites} write, KVS ${c.kvsReads} read / ${c.kvsWrites} write, ${c.egress} partner call(s)`;
  const rows = f.cases.map((c) => `  ${c.name.padEnd(13)} (${String(c.issues).padStart(2)} issues)  acme: ${fmt(c.acme)}   globex: ${fmt(c.globex)}${c.mirrored !== undefined ? `   mirrored ${c.mirrored}/${c.issues}` : ''}`);
  return [...rows, `  per changed issue found (acme, beyond an idle sweep): ${fmt(f.perIssue.lost)}`, `  per issue found already sent (acme, beyond an idle sweep): ${fmt(f.perIssue.alreadySent)}`].join('\n');
}

/** A sweep that finds nothing writes nothing and reads no issue; every lost change is found. */
export function sweepVerdicts(f: SweepFigures): Array<{ target: string; measured: string; ok: boolean }> {
  const idle = f.cases.find((c) => c.name === 'idle')!;
  const lost = f.cases.find((c) => c.name === 'lost')!;
  const sent = f.cases.find((c) => c.name === 'already sent')!;
  const idleSides = [idle.acme, idle.globex];
  return [
    { target: 'sweep that finds nothing: one search per site, no write', measured: idleSides.map((c) => `${c.jiraReads} Jira read(s), ${c.kvsReads} KVS read(s), ${c.kvsWrites + c.jiraWrites} write(s)`).join('; '), ok: idleSides.every((c) => c.jiraReads === 1 && c.kvsWrites === 0 && c.jiraWrites === 0) },
    { target: `sweep mirrors every change whose event was lost (${f.issues})`, measured: `${lost.mirrored ?? 0}/${f.issues}`, ok: lost.mirrored === f.issues },
    { target: 'issues found already sent: no send, one watermark write at most', measured: `${sent.acme.egress} partner call(s), ${sent.acme.kvsWrites} KVS write(s)`, ok: sent.acme.egress === 0 && sent.acme.kvsWrites <= 1 },
  ];
}
