// The reconciliation sweep: per shared project, search the issues updated since the stored
// watermark and plan each one whose current version no sweep has planned yet, exactly as a product
// event would. It finds the changes whose event Forge never delivered (over 200 kB, lagging) or
// whose invocation died before planning, and issues whose create event was lost (the rule's scope,
// pilot and manual-start settings decide, as on the trigger path). Paged through the work queue.
import { randomUUID } from 'node:crypto';
import { KvsSweepWatermark } from '../adapters/forge';
import { forgeJiraHttp } from '../adapters/jira';
import { appAccountId, updatedIssuePage } from '../adapters/jira/updated-search';
import { localIssueId } from '../core/ids';
import { handleLocalChange, inParallel, ISSUE_CONCURRENCY, sendBatch, type LocalChangeOutcome, type SendNow } from '../core/sync';
import { firstWatermark, nextWatermark, ownUntouchedCreate, sweepJql, unseenHits, SWEEP_PAGE_SIZE, type SweepHit, type SweepWatermark } from '../core/sync/sweep-plan';
import type { SyncDeps } from '../core/sync/deps';
import { sweepHeldBy } from './sweep-hold';
import { syncDepsForProject } from './sync-deps';
import { pushWork, type WorkEvent } from './work-queue';

export type SweepPage = Extract<WorkEvent, { kind: 'sweep' }>;


/** The local projects some live connection shares (a paused one too: its changes queue). */
export async function sharedProjects(deps: Pick<SyncDeps, 'config'>): Promise<string[]> {
  const projects = new Set<string>();
  for (const connection of await deps.config.listConnections()) {
    if (connection.state === 'pending' || connection.state === 'ended') continue;
    for (const rule of await deps.config.currentRules(connection.id)) projects.add(rule.projectKey);
  }
  return [...projects].sort();
}

/** When the project was first shared: its oldest rule version on any connection (a first sweep reads this once). */
async function sharedSince(deps: Pick<SyncDeps, 'config'>, projectKey: string, fallback: number): Promise<number> {
  let oldest = fallback;
  for (const rule of await deps.config.rulesForProject(projectKey)) {
    for (const version of await deps.config.getRuleHistory(rule.connectionId, projectKey)) oldest = Math.min(oldest, version.at);
  }
  return oldest;
}

/** Queues the first page of a sweep of every shared project; returns the projects. */
export async function startSweeps(deps: Pick<SyncDeps, 'config' | 'clock'>): Promise<string[]> {
  const projects = await sharedProjects(deps);
  const startedAt = deps.clock.now();
  for (const projectKey of projects) await pushWork({ kind: 'sweep', projectKey, runId: `${startedAt.toString(36)}-${randomUUID()}`, startedAt, jql: null, nextPageToken: null, planned: 0, hold: null });
  return projects;
}

/**
 * One page: plan every unseen hit (a read that finds the latest version already sent writes
 * nothing), send what got queued in batches, remember what was planned, queue the next page.
 * An issue whose plan had to wait (an apply in flight) or failed is neither remembered nor passed
 * by the watermark (`hold`), so the next sweep looks at it again.
 */
export async function runSweepPage(work: SweepPage): Promise<{ found: number; planned: number; queued: number }> {
  const nothing = { found: 0, planned: 0, queued: 0 };
  const deps = await syncDepsForProject(work.projectKey);
  const marks = new KvsSweepWatermark();
  const stored = await marks.get(work.projectKey);
  // Only the page this run waits for runs (SweepWatermark.run): another copy of a page done already is stale.
  if (!isAwaited(work, stored)) return nothing;
  if (work.nextPageToken === null) {
    // A bulk sync carries the project (its pages here, or a partner's batches arriving): the sweep
    // waits, its watermark unmoved, and the first one after catches up (app/sweep-hold.ts).
    const held = await sweepHeldBy(deps, work.projectKey);
    if (held) {
      console.info(`liaison: the sweep of ${work.projectKey} waits: ${held}`);
      return nothing;
    }
  }
  const base = stored ?? firstWatermark(await sharedSince(deps, work.projectKey, work.startedAt));
  const http = forgeJiraHttp();
  // Read once and kept with the watermark: which issues are this app's own creates (ownUntouchedCreate).
  const watermark: SweepWatermark = base.appAccountId ? base : { ...base, appAccountId: await appAccountId(http) };
  // The first page fixes the search for the whole run: a page token belongs to its query.
  const jql = work.jql ?? sweepJql(work.projectKey, watermark, work.startedAt);
  const page = await updatedIssuePage(http, { jql, nextPageToken: work.nextPageToken, maxResults: SWEEP_PAGE_SIZE });
  // An issue this app created for a partner and nobody touched since is its own write: nothing to
  // look at. Not when the project has other partners: the relay of that create to them may be
  // what got lost (app/relay.ts leaves a failed relay to the sweep).
  const ownCreatesSkipped = (await deps.config.rulesForProject(work.projectKey)).length === 1;
  const own = ownCreatesSkipped ? page.issues.filter((h) => ownUntouchedCreate(h, watermark.appAccountId)) : [];
  const fresh = unseenHits(page.issues, watermark).filter((h) => !own.includes(h));
  const snapshots = fresh.length > 0 ? ((await deps.tracker.getIssues?.(fresh.map((h) => localIssueId(h.id)))) ?? null) : null;
  const results = await inParallel(fresh, ISSUE_CONCURRENCY, async (hit): Promise<{ hit: SweepHit; outcomes: LocalChangeOutcome[] | null; failed?: true }> => {
    // Missing from the bulk read is not proof the issue is gone (a search can trail the save): the
    // single read below decides, and a gone issue answers 'issue-not-found'.
    const snapshot = snapshots?.get(hit.id);
    try {
      const outcomes = await handleLocalChange(deps, { issueId: localIssueId(hit.id), inline: true, ...(snapshot ? { snapshot } : {}) });
      return { hit, outcomes: outcomes === 'issue-not-found' ? null : outcomes };
    } catch (e) {
      // One issue that cannot be planned (Jira busy, or a change too big to store) must not hold up
      // the rest of the page: it is logged, as on the trigger path, and looked at again next sweep.
      console.warn(`liaison: the sweep of ${work.projectKey} could not plan issue ${hit.id} this time: ${(e as Error).message}`);
      return { hit, outcomes: null, failed: true };
    }
  });
  const planned: SweepHit[] = [];
  const sends: SendNow[] = [];
  let queued = 0;
  let hold = work.hold;
  for (const { hit, outcomes, failed } of results) {
    // Deferred: our own write to the issue may still be landing (or died with an invocation, and
    // then the planner waits out its window). No quick re-check from here: after a crash that
    // would spin for minutes; the next sweep looks again, since the watermark holds before it.
    const deferred = outcomes?.some((o) => o.status === 'deferred') ?? false;
    if (failed || deferred) {
      hold = Math.min(hold ?? hit.updated, hit.updated);
      continue;
    }
    planned.push(hit);
    for (const o of outcomes ?? []) {
      if (o.status !== 'queued') continue;
      queued++;
      if (o.send) sends.push(o.send);
    }
  }
  if (queued > 0) console.info(`liaison: the sweep of ${work.projectKey} found ${queued} change(s) no event had carried`);
  await sendBatch(deps, sends);
  const last = page.nextPageToken === null;
  const until = hold === null ? work.startedAt : Math.min(work.startedAt, hold);
  const next = nextWatermark(watermark, stored !== null, planned, last ? until : null, work.planned, page.issues.length);
  // A run of several pages records the page it waits for (one write per page), so a second copy of
  // this page finds itself stale; the last page clears it.
  const { run: _run, ...kept } = next ?? watermark;
  const multiPage = work.runId !== undefined && (!last || stored?.run?.id === work.runId);
  const learnt = watermark.appAccountId !== stored?.appAccountId;
  const record: SweepWatermark | null = multiPage ? { ...kept, run: { id: work.runId!, next: page.nextPageToken } } : (next ?? (learnt ? kept : null));
  if (record) await marks.put(work.projectKey, record);
  if (!last) await pushWork({ ...work, jql, nextPageToken: page.nextPageToken, planned: work.planned + planned.length, hold });
  return { found: page.issues.length, planned: planned.length, queued };
}

/**
 * Whether `work` is the page its run waits for: a first page unless its run recorded a page already
 * (under way or done); a later page only as the one recorded. A first page of a newer run takes over.
 */
function isAwaited(work: SweepPage, stored: SweepWatermark | null): boolean {
  if (work.runId === undefined) return true;
  if (work.nextPageToken === null) return stored?.run?.id !== work.runId;
  return stored?.run?.id === work.runId && stored.run.next === work.nextPageToken;
}
