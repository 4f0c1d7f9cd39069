// Jira ↔ ServiceNow, calls per mirrored change. On acme (as its admin, over REST): a create, a
// single-field edit, a comment and a status change, each mirrored to the instance by the in-process
// ServiceNow peer. Then one agent edit of the incident on the instance, mirrored back to Jira twice
// over: by the business rule's push notice, and (with the rule off) by the scheduled poll. The
// recorder of acme (the only installation: the peer runs inside it) and the instance's request log
// are cleared before each change and read once the world is idle again.
import { invoke } from '../sandbox/platform/invoker';
import type { Installation } from '../sandbox/platform';
import { traceKvs } from './kvs-trace';
import { tallyOf, type TallyView } from './tally';
import { agentCall, incidentOf, SN_AGENT, SN_TABLE, snLabel, type ServiceNowBench } from './servicenow-world';
import { adf, rest } from './world-setup';

export type SnChangeKind = 'create' | 'edit' | 'comment' | 'status' | 'edit back (notice)' | 'edit back (poll)';
export const SN_CHANGE_KINDS: SnChangeKind[] = ['create', 'edit', 'comment', 'status', 'edit back (notice)', 'edit back (poll)'];

/** The instance writes each change needs: the fewest the Table API allows. */
export const MINIMAL_SN_WRITES: Record<Exclude<SnChangeKind, `edit back${string}`>, { n: number; calls: string; expect: RegExp }> = {
  // The pairing's PATCH shows the agent the Jira key (correlation_id) and link (work note): issue 14.
  create: { n: 2, calls: 'POST /table/incident (pair tag inline) + PATCH correlation and link note', expect: /^(POST \/api\/now\/table\/incident|PATCH \/api\/now\/table\/incident\/\{sys_id\})$/ },
  edit: { n: 1, calls: 'PATCH /table/incident/{sys_id}', expect: /^PATCH \/api\/now\/table\/incident\/\{sys_id\}$/ },
  comment: { n: 1, calls: 'PATCH /table/incident/{sys_id} (comments)', expect: /^PATCH \/api\/now\/table\/incident\/\{sys_id\}$/ },
  status: { n: 1, calls: 'PATCH /table/incident/{sys_id} (state)', expect: /^PATCH \/api\/now\/table\/incident\/\{sys_id\}$/ },
};

/** The Jira writes a change from the instance needs (an edit of one field). */
export const MINIMAL_JIRA_WRITES_BACK = { n: 1, calls: 'PUT /issue/{id}' };

export type SnCallsView = { reads: number; writes: number; calls: Array<{ what: string; n: number; read: boolean }> };

export type SnChangeFigures = {
  kind: SnChangeKind;
  issueKey: string;
  /** The incident paired with the issue. */
  sysId: string;
  /** The app's requests to the instance (the integration user's), not the bench's own. */
  servicenow: SnCallsView;
  /** acme: Jira REST calls, KVS operations (Jira side and peer together: one installation), invocations. */
  jira: TallyView;
  /** Jira points acme's app spent on this change (sandbox/jira/rate-limits.ts accounting). */
  points: number;
  mirrored: boolean;
};

function snCalls(bench: ServiceNowBench): SnCallsView {
  const counts = new Map<string, { n: number; read: boolean }>();
  for (const c of bench.calls.filter((x) => x.user !== SN_AGENT.username)) {
    const what = snLabel(c);
    const cur = counts.get(what) ?? { n: 0, read: c.method === 'GET' };
    cur.n++;
    counts.set(what, cur);
  }
  const calls = [...counts].map(([what, v]) => ({ what, ...v })).sort((a, b) => b.n - a.n || a.what.localeCompare(b.what));
  const sum = (read: boolean) => calls.filter((c) => c.read === read).reduce((a, c) => a + c.n, 0);
  return { reads: sum(true), writes: sum(false), calls };
}

/**
 * A poll run, now rather than at the next five-minute maintenance (which starts one per ServiceNow
 * connection by queueing this very work event): its first slice, handed to the work consumer, so
 * the figures hold the poll and not the rest of the maintenance.
 */
async function runPoll(inst: Installation, connectionId: string): Promise<void> {
  const consumer = inst.app.consumers.find((c) => c.key === 'background-work');
  if (!consumer) throw new Error('manifest has no background-work consumer');
  const own = inst as unknown as { invoker: Parameters<typeof invoke>[0] };
  const event = { queueName: consumer.queue, jobId: 'bench-poll', eventId: 'bench-poll', body: { kind: 'servicenow-poll', connectionId } };
  await invoke(own.invoker, { moduleKey: consumer.key, moduleType: 'consumer', functionKey: consumer.functionKey }, (handler) => handler(event, inst.context(consumer.key)));
}

/** The poll leaves records of the last second alone (they may still gain neighbours in it). */
const settleSecond = () => new Promise((r) => setTimeout(r, 2_100));

async function issueSummary(bench: ServiceNowBench, key: string): Promise<string> {
  return ((await rest(bench.world, 'acme', 'GET', `/rest/api/3/issue/${key}?fields=summary`)).body as { fields: { summary: string } }).fields.summary;
}

/**
 * With the business rule off, so only a poll can find them: a first poll (not measured) moves the
 * watermark past earlier changes, `edit` makes the changes and their second is let pass, then
 * `measured` runs; the rule is installed again after.
 */
async function pollOnly<T>(bench: ServiceNowBench, edit: () => Promise<void>, measured: () => Promise<T>): Promise<T> {
  const { world, sn } = bench;
  const rule = (sn as unknown as { dispatch: { rule: Parameters<typeof sn.enableBusinessRule>[0] | undefined } }).dispatch.rule;
  if (!rule) throw new Error('the business rule is not installed on the instance');
  sn.disableBusinessRule();
  try {
    await settleSecond();
    await runPoll(world.site('acme').installation, bench.connectionId);
    await world.idle();
    await edit();
    await settleSecond();
    return await measured();
  } finally {
    sn.enableBusinessRule(rule);
  }
}

/** One cycle: create, edit, comment, status on acme; then an agent's edit back, by notice and by poll. */
export async function measureServiceNowCycle(bench: ServiceNowBench, n: number): Promise<SnChangeFigures[]> {
  const { world, sn } = bench;
  const acme = world.site('acme').installation;
  const out: SnChangeFigures[] = [];
  let key = '';
  let sysId: string | null = null;
  const untrace = traceKvs(acme);
  const measure = async (kind: SnChangeKind, drive: () => Promise<void>, mirrored: () => Promise<boolean>) => {
    await world.idle();
    acme.recorder.reset();
    bench.calls.length = 0;
    const points = () => world.site('acme').jira.rateLimits.stats.totalPointsByApp[acme.appAccountId] ?? 0;
    const before = points();
    await drive();
    await world.idle();
    const spent = points() - before;
    const done = await mirrored();
    out.push({ kind, issueKey: key, sysId: sysId ?? '', servicenow: snCalls(bench), jira: tallyOf(world.app, acme.recorder.entries()), points: spent, mirrored: done });
  };
  const wrote = (kind: keyof typeof MINIMAL_SN_WRITES) => async () => snCalls(bench).calls.some((c) => !c.read && MINIMAL_SN_WRITES[kind].expect.test(c.what));
  try {
    const summary = `SN bench issue ${n}`;
    await measure('create', async () => {
      const res = await rest(world, 'acme', 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary, description: adf(`Created by the benchmark (${n}).`), priority: { name: 'High' } },
      });
      key = (res.body as { key: string }).key;
    }, async () => (sysId = await incidentOf(sn, summary)) !== null);
    if (!sysId) throw new Error(`the incident for ${key} was not created`);
    await measure('edit', () => rest(world, 'acme', 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: `${summary}, edited` } }).then(() => undefined), wrote('edit'));
    await measure('comment', () => rest(world, 'acme', 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf(`A comment from the benchmark (${n}).`) }).then(() => undefined), wrote('comment'));
    // To Do → In Progress
    await measure('status', () => rest(world, 'acme', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } }).then(() => undefined), wrote('status'));
    const back = `${summary}, edited on ServiceNow`;
    await measure('edit back (notice)', () => agentCall(sn, 'PATCH', `/api/now/table/${SN_TABLE}/${sysId}`, { short_description: back }).then(() => undefined), async () => (await issueSummary(bench, key)) === back);
    // The business rule off: only the poll can find the next edit, which reads one record.
    const polled = `${summary}, edited on ServiceNow again`;
    await pollOnly(
      bench,
      () => agentCall(sn, 'PATCH', `/api/now/table/${SN_TABLE}/${sysId}`, { short_description: polled }).then(() => undefined),
      () => measure('edit back (poll)', () => runPoll(acme, bench.connectionId), async () => (await issueSummary(bench, key)) === polled),
    );
  } finally {
    untrace();
    acme.recorder.reset();
    bench.calls.length = 0;
  }
  return out;
}

/** A poll run that finds `records` changed records: what it cost in all (acme's KVS, Jira writes, instance reads). */
export type PollRunFigures = { records: number; kvs: number; jiraWrites: number; snReads: number; mirrored: boolean };

/**
 * With the business rule off, an agent edits each of these paired incidents, then one poll run
 * picks them all up. Against the one-record poll of a cycle, this splits a poll's storage cost into
 * the part every run pays once and the part each record adds.
 */
export async function measurePollRun(bench: ServiceNowBench, pairs: Array<{ issueKey: string; sysId: string }>, tag: string): Promise<PollRunFigures> {
  const { world, sn } = bench;
  const acme = world.site('acme').installation;
  const wanted = pairs.map((p, i) => ({ ...p, summary: `Polled together ${tag} #${i + 1}` }));
  try {
    return await pollOnly(
      bench,
      async () => {
        for (const w of wanted) await agentCall(sn, 'PATCH', `/api/now/table/${SN_TABLE}/${w.sysId}`, { short_description: w.summary });
      },
      async () => {
        acme.recorder.reset();
        bench.calls.length = 0;
        await runPoll(acme, bench.connectionId);
        await world.idle();
        const tally = tallyOf(world.app, acme.recorder.entries());
        let mirrored = true;
        for (const w of wanted) mirrored &&= (await issueSummary(bench, w.issueKey)) === w.summary;
        return { records: pairs.length, kvs: tally.kvs.reads + tally.kvs.writes, jiraWrites: tally.jira.writes, snReads: snCalls(bench).reads, mirrored };
      },
    );
  } finally {
    acme.recorder.reset();
    bench.calls.length = 0;
  }
}
