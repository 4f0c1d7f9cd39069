// Phase 2: mirror latency from the source write to the partner write, on the real clock. The end
// mark is the partner site's own product event for the app's edit of the issue carrying the new
// value: that event exists exactly when the partner write has committed, so nothing is polled.
import { performance } from 'node:perf_hooks';
import type { SandboxWorld } from '../sandbox/world';
import { summarize, type Summary } from './stats';
import { adf, rest } from './world-setup';

export type LatencyFigures = {
  edits: number;
  /** How many mirrored issues the edits went round (an agent edits many issues, not one 100 times a second). */
  issues: number;
  warmup: number;
  missed: number;
  latencyMs: Summary;
  /** Where the time goes, from the recorders' timestamps (ms resolution). */
  stagesMs: Record<string, Summary>;
};

type ChangelogItem = { field?: string; toString?: string | null };
type EventPayload = { issue?: { id?: string; key?: string }; changelog?: { items?: ChangelogItem[] } };

const TIMEOUT_MS = 10_000;

/** Resolves with performance.now() when the partner's app edits summary to `value`. */
class PartnerWrites {
  private readonly waiting = new Map<string, (t: number) => void>();
  private readonly off: () => void;

  constructor(world: SandboxWorld, site: string) {
    const appAccount = world.site(site).installation.appAccountId;
    this.off = world.site(site).jira.onEvent((e) => {
      if (e.eventType !== 'avi:jira:updated:issue' || e.actorAccountId !== appAccount) return;
      const items = (e.payload as EventPayload).changelog?.items ?? [];
      for (const i of items) {
        const done = i.field === 'summary' && typeof i.toString === 'string' ? this.waiting.get(i.toString) : undefined;
        if (done) {
          this.waiting.delete(i.toString as string);
          done(performance.now());
        }
      }
    });
  }

  expect(value: string): Promise<number | null> {
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

  close(): void {
    this.off();
  }
}

function stagesOf(world: SandboxWorld, t0Epoch: number, tWriteEpoch: number): Record<string, number> | null {
  const acme = world.site('acme').installation.recorder;
  const globex = world.site('globex').installation.recorder;
  const trigger = acme.entries({ kind: 'invocation', moduleKey: 'issue-events' })[0];
  const deliver = acme.entries({ kind: 'queue', op: 'deliver', moduleKey: 'outbox-sender' })[0];
  const inbox = globex.entries({ kind: 'invocation', moduleKey: 'partner-inbox' })[0];
  if (!trigger || !deliver || !inbox) return null;
  const triggerStart = trigger.at - trigger.durationMs;
  const inboxStart = inbox.at - inbox.durationMs;
  return {
    'source write → trigger starts': triggerStart - t0Epoch,
    'trigger (plan + outbox)': trigger.durationMs,
    'queue wait → consumer': deliver.at - trigger.at,
    'consumer → partner web trigger': inboxStart - deliver.at,
    'web trigger → partner write': tWriteEpoch - inboxStart,
    'web trigger total': inbox.durationMs,
  };
}

/** How many issues the latency edits go round: 200 edits make 10 per issue, within Jira's per-issue write allowance. */
export const LATENCY_ISSUES = 20;

/** `n` new issues on acme, each mirrored to globex once the world is idle; their keys. */
export async function mirroredIssues(world: SandboxWorld, n: number, tag = 'Latency'): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await rest(world, 'acme', 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: `${tag} issue ${i}`, description: adf(`Edited by the latency phase (${i}).`) },
    });
    keys.push((res.body as { key: string }).key);
    await world.idle();
  }
  return keys;
}

/**
 * `edits` sequential summary edits (after `warmup` unmeasured ones), going round `issueKeys` as
 * agents spread edits over issues; one key measures a single-issue burst instead (Jira's per-issue
 * write limit, not the mirror).
 */
export async function measureLatency(world: SandboxWorld, issueKeys: string[], edits: number, warmup = 10): Promise<LatencyFigures> {
  const writes = new PartnerWrites(world, 'globex');
  const samples: number[] = [];
  const stages = new Map<string, number[]>();
  let missed = 0;
  try {
    for (let i = 0; i < warmup + edits; i++) {
      await world.idle();
      world.site('acme').installation.recorder.reset();
      world.site('globex').installation.recorder.reset();
      const value = `Latency probe ${i} ${Math.random().toString(36).slice(2, 8)}`;
      const seen = writes.expect(value);
      await rest(world, 'acme', 'PUT', `/rest/api/3/issue/${issueKeys[i % issueKeys.length]!}`, { fields: { summary: value } });
      const t0 = performance.now();
      const t0Epoch = Date.now();
      const tWrite = await seen;
      if (i < warmup) continue;
      if (tWrite === null) {
        missed++;
        continue;
      }
      samples.push(tWrite - t0);
      await world.idle();
      const s = stagesOf(world, t0Epoch, t0Epoch + (tWrite - t0));
      for (const [k, v] of Object.entries(s ?? {})) stages.set(k, [...(stages.get(k) ?? []), v]);
    }
  } finally {
    writes.close();
    world.site('acme').installation.recorder.reset();
    world.site('globex').installation.recorder.reset();
  }
  return { edits, issues: issueKeys.length, warmup, missed, latencyMs: summarize(samples), stagesMs: Object.fromEntries([...stages].map(([k, v]) => [k, summarize(v)])) };
}
