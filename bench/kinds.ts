// Phase 9 (`--only=kinds`): what one change of each field kind issue 16 added costs, on each side,
// against the per-change budgets (one Jira read on the source, the minimal writes on the target,
// ≤ 3 Jira points and ≤ 4 KVS operations per side). Both demo sites share every kind both ways
// and, as `npm start` runs them, are service desks whose rules send request type, participants and
// SLAs both ways (sandbox/demo/every-kind.ts, service-desk-demo.ts), so every row's one source read
// carries the JSM fields too; one change at a time is driven over REST on acme as its admin, and
// both installations' records and Jira's point counters are read once the world is idle again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDemo } from '../sandbox/demo/liaison-demo';
import { EVERY_KIND_FIELDS } from '../sandbox/demo/every-kind';
import { serviceDeskDemoRule, serviceDeskDemoSeed } from '../sandbox/demo/service-desk-demo';
import { REQUEST_TYPE_FIELD } from '../sandbox/jira/jsm/model';
import { SandboxWorld } from '../sandbox/world';
import { traceKvs } from './kvs-trace';
import { KVS_BUDGET } from './per-change';
import { tallyOf, type TallyView } from './tally';
import { adf, appDir, rest } from './world-setup';

export const POINTS_BUDGET = 3;

/** Each kind's change, and the one write Jira's API needs on the partner for it. */
const KINDS = {
  component: { write: 'PUT /rest/api/3/issue/{id}' },
  'fix version': { write: 'PUT /rest/api/3/issue/{id}' },
  estimate: { write: 'PUT /rest/api/3/issue/{id}' },
  'worklog add': { write: 'POST /rest/api/3/issue/{id}/worklog' },
  'worklog edit': { write: 'PUT /rest/api/3/issue/{id}/worklog/{id}' },
  'worklog delete': { write: 'DELETE /rest/api/3/issue/{id}/worklog/{id}' },
  parent: { write: 'PUT /rest/api/3/issue/{id}' },
  'link add': { write: 'POST /rest/api/3/issueLink' },
  'link remove': { write: 'DELETE /rest/api/3/issueLink/{id}' },
  // The Request Type field, set by its id on the partner (desk, types and field id from its metadata).
  'request type': { write: 'PUT /rest/api/3/issue/{id}' },
} as const;
export type KindChange = keyof typeof KINDS;

export type KindFigures = {
  kind: KindChange;
  source: TallyView & { points: number };
  target: TallyView & { points: number };
  /** The partner made the write the change needs. */
  mirrored: boolean;
  ok: { sourceReads: boolean; targetWrites: boolean; points: boolean; kvs: boolean };
};

type Issue = { key: string; id: string };

const pointsOf = (world: SandboxWorld, site: string): number => {
  const s = world.site(site);
  return s.jira.rateLimits.stats.totalPointsByApp[s.installation.appAccountId] ?? 0;
};

async function createIssue(world: SandboxWorld, summary: string, issueType = 'Task'): Promise<Issue> {
  const res = await rest(world, 'acme', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'ACME' }, issuetype: { name: issueType }, summary } });
  return res.body as Issue;
}

/** Drives the changes in order; each returns once acme has taken it (the mirror follows). */
function drivers(world: SandboxWorld, a: Issue, b: Issue, epic: Issue): Record<KindChange, () => Promise<void>> {
  let worklogId = '';
  let linkId = '';
  const put = (fields: Record<string, unknown>) => rest(world, 'acme', 'PUT', `/rest/api/3/issue/${a.key}`, { fields }).then(() => undefined);
  return {
    component: () => put({ components: [{ name: 'Portal' }] }),
    'fix version': () => put({ fixVersions: [{ name: '1.1' }] }),
    estimate: () => put({ timetracking: { originalEstimate: '4h', remainingEstimate: '3h' } }),
    'worklog add': async () => {
      const res = await rest(world, 'acme', 'POST', `/rest/api/3/issue/${a.key}/worklog`, { timeSpentSeconds: 3600, started: '2030-01-07T09:00:00.000+0000', comment: adf('Reproduced the fault') });
      worklogId = (res.body as { id: string }).id;
    },
    'worklog edit': () => rest(world, 'acme', 'PUT', `/rest/api/3/issue/${a.key}/worklog/${worklogId}`, { timeSpentSeconds: 5400 }).then(() => undefined),
    'worklog delete': () => rest(world, 'acme', 'DELETE', `/rest/api/3/issue/${a.key}/worklog/${worklogId}`).then(() => undefined),
    parent: () => put({ parent: { key: epic.key } }),
    'link add': async () => {
      await rest(world, 'acme', 'POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key } });
      const issue = await rest(world, 'acme', 'GET', `/rest/api/3/issue/${a.key}?fields=issuelinks`);
      linkId = ((issue.body as { fields: { issuelinks: Array<{ id: string }> } }).fields.issuelinks[0] as { id: string }).id;
    },
    'link remove': () => rest(world, 'acme', 'DELETE', `/rest/api/3/issueLink/${linkId}`).then(() => undefined),
    // acme's "Report a bug" (service-desk-demo.ts: both sites name their types alike).
    'request type': () => put({ [REQUEST_TYPE_FIELD]: '2' }),
  };
}

export async function measureKinds(): Promise<KindFigures[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-kinds-'));
  const world = await SandboxWorld.start({
    appDir, dataDir, fresh: true,
    sites: [{ name: 'acme', seed: serviceDeskDemoSeed('acme') }, { name: 'globex', seed: serviceDeskDemoSeed('globex') }],
    // Exact per-change counts: no product-event delay on the real clock, and no duplicated
    // deliveries (on by default, 1 in 20; duplicate-deliveries.test.ts covers them), which would
    // show as a second planning pass in whichever change they happened to hit.
    productEvents: { maxDelayMs: 0, duplicateRate: 0 },
    queue: { duplicateRate: 0 },
  });
  const untrace = [traceKvs(world.site('acme').installation), traceKvs(world.site('globex').installation)];
  try {
    await connectDemo(world, 'acme', 'globex', { rule: serviceDeskDemoRule, fields: EVERY_KIND_FIELDS });
    await world.idle();
    const a = await createIssue(world, 'Kinds bench: checkout fails');
    const b = await createIssue(world, 'Kinds bench: payment page slow');
    const epic = await createIssue(world, 'Kinds bench: payments epic', 'Epic');
    await world.idle();
    // A warm-up edit, not measured: the partner's mirror of a new request has service desk data of
    // its own (its SLAs started when it was made; its request type and participants were never
    // recorded as sent), which it sends back with its first apply after the create, one extra round
    // trip (acme 2 reads, 7 KVS; globex 8 KVS) whatever that first change is. That is the create's
    // cost, not the kind's, so it is paid here and each row shows its kind alone.
    await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${a.key}`, { fields: { summary: 'Kinds bench: checkout fails (triaged)' } });
    await world.idle();
    const drive = drivers(world, a, b, epic);
    const out: KindFigures[] = [];
    for (const kind of Object.keys(KINDS) as KindChange[]) {
      await world.idle();
      const before = { acme: pointsOf(world, 'acme'), globex: pointsOf(world, 'globex') };
      world.site('acme').installation.recorder.reset();
      world.site('globex').installation.recorder.reset();
      await drive[kind]();
      await world.idle();
      const source = { ...tallyOf(world.app, world.site('acme').installation.recorder.entries()), points: pointsOf(world, 'acme') - before.acme };
      const target = { ...tallyOf(world.app, world.site('globex').installation.recorder.entries()), points: pointsOf(world, 'globex') - before.globex };
      const wanted = KINDS[kind].write;
      const mirrored = target.jira.calls.some((c) => !c.read && c.what.endsWith(` ${wanted}`));
      const kvs = (t: TallyView) => t.kvs.reads + t.kvs.writes;
      out.push({
        kind, source, target, mirrored,
        ok: {
          sourceReads: source.jira.reads <= 1,
          targetWrites: mirrored && target.jira.writes <= 1,
          points: source.points <= POINTS_BUDGET && target.points <= POINTS_BUDGET,
          kvs: kvs(source) <= KVS_BUDGET && kvs(target) <= KVS_BUDGET,
        },
      });
    }
    return out;
  } finally {
    for (const u of untrace) u();
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
