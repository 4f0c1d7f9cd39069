// Bulk sync of every issue of a project: one queue event per page of issues, so no invocation
// comes near its time limit and no push near the queue's limits; progress is recorded after
// every page for the admin page's progress bar. A page reads its issues in one search and sends
// its changes itself, batched, while its time budget lasts (later ones go through the queue).
import { KvsBulkStatus, systemClock, type BulkRun } from '../adapters/forge';
import { forgeJiraHttp, projectIssueCount, projectIssuePage } from '../adapters/jira';
import { localIssueId } from '../core/ids';
import { err, ok, type Result } from '../core/result';
import { handleLocalChange, inParallel, ISSUE_CONCURRENCY, sendBatch, type SendNow } from '../core/sync';
import { syncDeps, syncDepsForProject, type AppDeps } from './sync-deps';
import { continueBulkRun } from './bulk-resume';
import { BULK_PAGE_SIZE, type BulkPace } from './bulk-pace';
import { pushWork } from './work-queue';

export { BULK_PAGE_SIZE } from './bulk-pace';

export async function startBulkSync(input: { connectionId: string; projectKey: string; actor: string }): Promise<Result<BulkRun, 'not-found' | 'conflict'>> {
  const deps = syncDeps();
  const status = new KvsBulkStatus();
  const connection = await deps.config.getConnection(input.connectionId);
  if (!connection) return err('not-found', `connection ${input.connectionId} does not exist`);
  const rules = await deps.config.rulesForProject(input.projectKey);
  const rule = rules.find((r) => r.connectionId === input.connectionId);
  if (!rule) return err('not-found', `project ${input.projectKey} has no sharing rule on this connection`);
  const current = await status.get(input.connectionId, input.projectKey);
  if (current?.state === 'running') return err('conflict', `a bulk sync of ${input.projectKey} is already running (started ${new Date(current.startedAt).toISOString()})`);
  if (current?.state === 'failed') return ok(await resumeBulkSync(deps, status, input, current));
  const run: BulkRun = {
    runId: deps.ids.newId(), state: 'running', total: await projectIssueCount(forgeJiraHttp(), input.projectKey, rule.scope.jql), processed: 0, queued: 0, delivered: 0, refused: 0,
    startedAt: deps.clock.now(), finishedAt: null, startedBy: input.actor,
  };
  await status.put(input.connectionId, input.projectKey, run);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: run.startedAt, connectionId: input.connectionId, actor: input.actor, action: 'connection-changed', subject: input.projectKey, detail: `bulk sync started (${run.total} issues)` });
  await pushWork({ kind: 'bulk-page', runId: run.runId, connectionId: input.connectionId, projectKey: input.projectKey, nextPageToken: null });
  return ok(run);
}

/** A failed run starts again at the page that failed, keeping its counts (pages are idempotent). */
async function resumeBulkSync(deps: AppDeps, status: KvsBulkStatus, input: { connectionId: string; projectKey: string; actor: string }, failed: BulkRun): Promise<BulkRun> {
  const { error: _error, resumeToken = null, ...rest } = failed;
  const run: BulkRun = { ...rest, state: 'running', finishedAt: null, nextPageToken: resumeToken };
  await status.put(input.connectionId, input.projectKey, run);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId: input.connectionId, actor: input.actor, action: 'connection-changed', subject: input.projectKey, detail: `bulk sync resumed after ${run.processed} of ${run.total} issues` });
  await pushWork({ kind: 'bulk-page', runId: run.runId, connectionId: input.connectionId, projectKey: input.projectKey, nextPageToken: resumeToken });
  return run;
}

/**
 * A page failed on every retry the queue allows: the run stops as `failed` (not `running` forever),
 * remembering the page so that starting again resumes there.
 */
export async function failBulkPage(work: BulkPage, error: unknown): Promise<void> {
  const status = new KvsBulkStatus();
  const run = await status.get(work.connectionId, work.projectKey);
  if (!run || run.runId !== work.runId || run.state !== 'running') return;
  const message = error instanceof Error ? error.message : String(error);
  await status.put(work.connectionId, work.projectKey, { ...run, state: 'failed', finishedAt: systemClock.now(), resumeToken: work.nextPageToken, error: message.slice(0, 500) });
}

type BulkPage = { runId: string; connectionId: string; projectKey: string; nextPageToken: string | null; hop?: number; pace?: BulkPace };

/**
 * Of a page's time limit (do-work: 300 s), how long it may spend sending changes itself; after
 * that the rest of the page goes through the outbox queue, so a slow partner cannot push the
 * page past its limit.
 */
export const BULK_INLINE_BUDGET_MS = 120_000;

/** Returned when this page's event should come back later (its next page could not be queued yet). */
export type PageRetry = { retryAfterMs: number };

export async function runBulkPage(work: BulkPage): Promise<PageRetry | void> {
  const started = Date.now();
  const status = new KvsBulkStatus();
  const run = await status.get(work.connectionId, work.projectKey);
  // A newer run replaced this one, or the record is gone: this page is stale.
  if (!run || run.runId !== work.runId || run.state !== 'running') return;
  // Only the page the run waits for is read. Another delivery of a page already done (Forge
  // delivers at least once) would otherwise read and plan it again and push its next page a
  // second time: two chains, each page read twice from there on, and every further copy doubling
  // that again, so the cost per issue grew with the project's size. One exception: this page's
  // own retry after the queue refused to take its next page (bulk-resume.ts) queues that page now.
  if ((run.nextPageToken ?? null) !== work.nextPageToken) {
    if (run.handoffAt !== undefined && run.nextPageToken != null && run.handoffFrom === work.nextPageToken) return continueBulkRun(work, run.nextPageToken, run);
    return;
  }
  const deps = await syncDepsForProject(work.projectKey);
  // The rule's scope JQL goes into the search itself: the page holds only issues it takes in, and
  // deciding it per issue costs nothing more. (A page token belongs to its query: a run whose rule
  // changed its JQL meanwhile fails that page with Jira's 400 and can be started again.)
  const scopeJql = (await deps.config.rulesForProject(work.projectKey)).find((r) => r.connectionId === work.connectionId)?.scope.jql;
  const page = await projectIssuePage(forgeJiraHttp(), { projectKey: work.projectKey, nextPageToken: work.nextPageToken, maxResults: BULK_PAGE_SIZE, ...(scopeJql ? { scopeJql } : {}) });
  const jqlKnown = scopeJql ? new Map([[scopeJql, true]]) : undefined;
  // One read for the whole page where the tracker can; otherwise each change reads its issue.
  const snapshots = (await deps.tracker.getIssues?.(page.issues.map((i) => localIssueId(i.id)))) ?? null;
  // The page's issues are planned a few at a time: each waits mostly on storage.
  const perIssue = await inParallel(page.issues, ISSUE_CONCURRENCY, async (issue) => {
    const snapshot = snapshots?.get(issue.id);
    // Gone between the search and the read: nothing to sync.
    if (snapshots && !snapshot) return null;
    const inline = Date.now() - started < BULK_INLINE_BUDGET_MS;
    const outcomes = await handleLocalChange(deps, { issueId: localIssueId(issue.id), inline, ...(snapshot ? { snapshot } : {}), ...(jqlKnown ? { jqlKnown } : {}) });
    return outcomes === 'issue-not-found' ? null : outcomes;
  });
  let queued = 0;
  const sends: SendNow[] = [];
  const others: SendNow[] = [];
  for (const outcomes of perIssue) {
    if (!outcomes) continue;
    if (outcomes.some((o) => o.connectionId === work.connectionId && o.status === 'queued')) queued++;
    for (const o of outcomes) if (o.status === 'queued' && o.send) (o.connectionId === work.connectionId ? sends : others).push(o.send);
  }
  // The page's changes go out together: a few partner calls instead of one per issue. This
  // connection's outcomes are counted (delivered, refused) for the admin's report.
  const sent = await sendBatch(deps, sends, { together: true });
  if (others.length) await sendBatch(deps, others, { together: true });
  const delivered = sent.filter((o) => o === 'sent').length;
  const refused = sent.filter((o) => o === 'archived').length;
  const processed = run.processed + page.issues.length;
  const done = page.nextPageToken === null;
  await status.put(work.connectionId, work.projectKey, {
    ...run, processed, queued: run.queued + queued, delivered: (run.delivered ?? 0) + delivered, refused: (run.refused ?? 0) + refused, total: Math.max(run.total, processed), state: done ? 'done' : 'running', finishedAt: done ? deps.clock.now() : null,
    nextPageToken: page.nextPageToken, touchedAt: deps.clock.now(),
  });
  if (page.nextPageToken !== null) return continueBulkRun(work, page.nextPageToken);
}
