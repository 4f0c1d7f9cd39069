// Jira ↔ ServiceNow mirror latency on the real clock, both ways, one sequential summary edit at a time.
//   Jira → ServiceNow: from the moment acme's REST call returns to the moment the instance has
//   answered the app's write carrying the new value (the integration user's PATCH of the incident).
//   ServiceNow → Jira: from the moment the agent's PATCH on the instance returns to acme's product
//   event for the app's edit carrying the value; in between, the business rule posts its notice to
//   the app's web trigger, which reads the record and applies it. No polling anywhere.
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';
import { agentCall, incidentOf, SN_AGENT, SN_TABLE, type ServiceNowBench } from './servicenow-world';
import { adf, rest } from './world-setup';

export type SnPair = { issueKey: string; sysId: string };

/** `n` new acme issues, each mirrored to an incident; the pairs. */
export async function pairedIncidents(bench: ServiceNowBench, n: number): Promise<SnPair[]> {
  const out: SnPair[] = [];
  for (let i = 0; i < n; i++) {
    const summary = `SN latency issue ${i}`;
    const res = await rest(bench.world, 'acme', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary, description: adf(`Edited by the latency phase (${i}).`) },
    });
    await bench.world.idle();
    const sysId = await incidentOf(bench.sn, summary);
    if (!sysId) throw new Error(`the incident for ${(res.body as { key: string }).key} was not created`);
    out.push({ issueKey: (res.body as { key: string }).key, sysId });
  }
  return out;
}

export type SnLatencyFigures = {
  edits: number;
  /** How many paired issues the edits went round. */
  issues: number;
  warmup: number;
  toServiceNow: { missed: number; latencyMs: Summary };
  toJira: { missed: number; latencyMs: Summary };
  /** 429s acme's Jira answered the app during the run, by RateLimit-Reason (the per-issue write limit explains slow edits back). */
  jira429s: Record<string, number>;
};

const TIMEOUT_MS = 10_000;

type ChangelogItem = { field?: string; toString?: string | null };

/** Resolves with the time `arm(value)`'s value is seen, or null after the timeout. */
class Marks {
  private readonly waiting = new Map<string, (t: number) => void>();

  hit(value: string, at: number): void {
    const done = this.waiting.get(value);
    if (!done) return;
    this.waiting.delete(value);
    done(at);
  }

  arm(value: string): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(value);
        resolve(null);
      }, TIMEOUT_MS);
      this.waiting.set(value, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }
}

/** Edits go round `pairs`, as agents spread edits over issues (each edit back is a Jira write to its issue). */
export async function measureServiceNowLatency(bench: ServiceNowBench, pairs: SnPair[], edits: number, warmup = 10): Promise<SnLatencyFigures> {
  const { world, sn } = bench;
  const appAccount = world.site('acme').installation.appAccountId;
  const refusals = () => ({ ...world.site('acme').jira.rateLimits.stats.refusals }) as Record<string, number>;
  const refusedBefore = refusals();
  const atInstance = new Marks();
  const atJira = new Marks();
  const offInstance = bench.onCall((c) => {
    if (c.user === SN_AGENT.username || c.status >= 300 || (c.method !== 'PATCH' && c.method !== 'PUT')) return;
    try {
      const value = (JSON.parse(c.body) as { short_description?: unknown }).short_description;
      if (typeof value === 'string') atInstance.hit(value, c.at);
    } catch {
      // not a JSON body: not the write we wait for
    }
  });
  const offJira = world.site('acme').jira.onEvent((e) => {
    if (e.eventType !== 'avi:jira:updated:issue' || e.actorAccountId !== appAccount) return;
    const items = (e.payload as { changelog?: { items?: ChangelogItem[] } }).changelog?.items ?? [];
    const now = performance.now();
    for (const i of items) if (i.field === 'summary' && typeof i.toString === 'string') atJira.hit(i.toString, now);
  });
  const to = { sn: [] as number[], jira: [] as number[] };
  const missed = { sn: 0, jira: 0 };
  try {
    for (let i = 0; i < warmup + edits; i++) {
      const tag = Math.random().toString(36).slice(2, 8);
      const { issueKey, sysId } = pairs[i % pairs.length]!;
      // Jira → ServiceNow
      await world.idle();
      const outbound = `Latency probe ${i} ${tag} (Jira)`;
      const seenAtInstance = atInstance.arm(outbound);
      await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { summary: outbound } });
      const t0 = performance.now();
      const t1 = await seenAtInstance;
      if (i >= warmup) {
        if (t1 === null) missed.sn++;
        else to.sn.push(t1 - t0);
      }
      // ServiceNow → Jira, by the business rule's notice
      await world.idle();
      const inbound = `Latency probe ${i} ${tag} (ServiceNow)`;
      const seenOnJira = atJira.arm(inbound);
      await agentCall(sn, 'PATCH', `/api/now/table/${SN_TABLE}/${sysId}`, { short_description: inbound });
      const t2 = performance.now();
      const t3 = await seenOnJira;
      if (i >= warmup) {
        if (t3 === null) missed.jira++;
        else to.jira.push(t3 - t2);
      }
    }
  } finally {
    offInstance();
    offJira();
    await world.idle();
    world.site('acme').installation.recorder.reset();
    bench.calls.length = 0;
  }
  const jira429s = Object.fromEntries(Object.entries(refusals()).map(([k, v]) => [k, v - (refusedBefore[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
  return { edits, issues: pairs.length, warmup, toServiceNow: { missed: missed.sn, latencyMs: summarize(to.sn) }, toJira: { missed: missed.jira, latencyMs: summarize(to.jira) }, jira429s };
}
