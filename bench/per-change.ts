// Phase 1: Jira REST calls and KVS operations per mirrored change, on each side. One change at a
// time is driven over REST on acme as its admin; both installations' records are cleared before
// it and read once the world is idle again, so they hold exactly what that change cost.
import type { SandboxWorld } from '../sandbox/world';
import { traceKvs } from './kvs-trace';
import { tallyOf, type TallyView } from './tally';
import { adf, rest } from './world-setup';

export type ChangeKind = 'create' | 'edit' | 'comment' | 'status';
export const CHANGE_KINDS: ChangeKind[] = ['create', 'edit', 'comment', 'status'];

/** The writes the partner needs for each change: the fewest calls Jira's API allows. */
export const MINIMAL_TARGET_WRITES: Record<ChangeKind, { n: number; calls: string }> = {
  // Issue 4 asks for a remote link to the partner issue, so Jira's own UI shows the pair.
  create: { n: 2, calls: 'POST /issue (pair property inline) + POST /issue/{id}/remotelink' },
  edit: { n: 1, calls: 'PUT /issue/{id}' },
  comment: { n: 1, calls: 'POST /issue/{id}/comment' },
  status: { n: 1, calls: 'POST /issue/{id}/transitions' },
};

export const KVS_BUDGET = 4;

export type ChangeFigures = {
  kind: ChangeKind;
  issueKey: string;
  source: TallyView;
  target: TallyView;
  /** The partner wrote what the change needs (a write of the expected call). */
  mirrored: boolean;
  targets: { sourceReadsOk: boolean; targetWritesOk: boolean; sourceKvsOk: boolean; targetKvsOk: boolean };
};

const EXPECTED_TARGET_WRITE: Record<ChangeKind, RegExp> = {
  create: /POST \/rest\/api\/3\/issue$/,
  edit: /PUT \/rest\/api\/3\/issue\/\{id\}$/,
  comment: /POST \/rest\/api\/3\/issue\/\{id\}\/comment$/,
  status: /POST \/rest\/api\/3\/issue\/\{id\}\/transitions$/,
};

async function drive(world: SandboxWorld, kind: ChangeKind, issueKey: string | null, n: number): Promise<string> {
  switch (kind) {
    case 'create': {
      const res = await rest(world, 'acme', 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `Bench issue ${n}`, description: adf(`Created by the benchmark (${n}).`), priority: { name: 'High' }, labels: ['bench'] },
      });
      return (res.body as { key: string }).key;
    }
    case 'edit':
      await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { summary: `Bench issue ${n}, edited` } });
      return issueKey!;
    case 'comment':
      await rest(world, 'acme', 'POST', `/rest/api/3/issue/${issueKey}/comment`, { body: adf(`A comment from the benchmark (${n}).`) });
      return issueKey!;
    case 'status': // To Do → In Progress
      await rest(world, 'acme', 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '21' } });
      return issueKey!;
  }
}

/** Creates an issue, then edits, comments and transitions it: one measured change each. */
export async function measureCycle(world: SandboxWorld, n: number): Promise<ChangeFigures[]> {
  const acme = world.site('acme').installation;
  const globex = world.site('globex').installation;
  const out: ChangeFigures[] = [];
  let key: string | null = null;
  const untrace = [traceKvs(acme), traceKvs(globex)];
  try {
  for (const kind of CHANGE_KINDS) {
    await world.idle();
    acme.recorder.reset();
    globex.recorder.reset();
    key = await drive(world, kind, key, n);
    await world.idle();
    const source = tallyOf(world.app, acme.recorder.entries());
    const target = tallyOf(world.app, globex.recorder.entries());
    const mirrored = target.jira.calls.some((c) => !c.read && EXPECTED_TARGET_WRITE[kind].test(c.what));
    out.push({
      kind,
      issueKey: key,
      source,
      target,
      mirrored,
      targets: {
        sourceReadsOk: source.jira.reads <= 1,
        targetWritesOk: mirrored && target.jira.writes <= MINIMAL_TARGET_WRITES[kind].n,
        sourceKvsOk: source.kvs.reads + source.kvs.writes <= KVS_BUDGET,
        targetKvsOk: target.kvs.reads + target.kvs.writes <= KVS_BUDGET,
      },
    });
  }
  } finally {
    for (const u of untrace) u();
  }
  acme.recorder.reset();
  globex.recorder.reset();
  return out;
}
