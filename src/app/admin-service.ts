// Admin use cases around the sync queue, errors, audit log, KPIs and bulk sync.
import { KvsBulkStatus, type BulkRun } from '../adapters/forge';
import { forgeJiraHttp, projectIssueCount } from '../adapters/jira';
import type { AuditPage, BulkStatus, KpiView, LinkedCountView, QueueEntryView, SyncErrorView } from '../shared/resolver-contract';
import { connectionId as toConnectionId, pairId as toPairId } from '../core/ids';
import { notFound } from './app-error';
import { errorParty, withWording } from './error-views';
import { attemptText } from './error-wording';
import type { AppDeps } from './sync-deps';
import { kpis, lastTraffic } from './kpi-view';
import { connectionDisplayName } from '../core/profile/display-name';
import { withActorNames } from './people-service';
import { auditView, customFieldCatalog, errorView } from './views';

async function requireConnection(deps: AppDeps, connectionId: string) {
  const c = await deps.config.getConnection(connectionId);
  if (!c) throw notFound(`connection ${connectionId} does not exist`);
  return c;
}

export async function queue(deps: AppDeps, connectionId: string): Promise<QueueEntryView[]> {
  const connection = await requireConnection(deps, connectionId);
  const page = await deps.outbox.page(connectionId, { limit: 100 });
  const issues = await pairIssues(deps, connectionId, page.items.map((e) => e.pairId));
  const party = errorParty(connection);
  return page.items.map((e) => {
    const issue = issues.get(e.pairId);
    return {
      id: e.id, pairId: e.pairId, seq: e.seq, kind: e.kind, attempts: e.attempts, nextTryAt: e.nextTryAt, lastError: e.lastError, createdAt: e.createdAt,
      ...(issue ? { issue } : {}), ...(e.lastError ? { lastErrorText: attemptText(e.lastError, party) } : {}),
    };
  });
}

export async function errors(deps: AppDeps, connectionId: string): Promise<SyncErrorView[]> {
  const connection = await requireConnection(deps, connectionId);
  const views = (await deps.store.pageErrors(connectionId, { limit: 100 })).items.map(errorView);
  const [names, issues] = await Promise.all([customFieldNames(deps, connectionId, views), pairIssues(deps, connectionId, views.map((v) => v.pairId))]);
  const party = errorParty(connection);
  return views.map((v) => {
    const named = names.has(v.field) ? { ...v, fieldName: names.get(v.field)! } : v;
    const issue = v.pairId ? issues.get(v.pairId) : undefined;
    return withWording(issue ? { ...named, issue } : named, party);
  });
}

/**
 * The issues on both sides of some pairs (an error list's, the queue's): one pair read each and one
 * bulk issue read for the keys here (a list holds at most 100 entries, mostly of a few pairs).
 */
async function pairIssues(deps: AppDeps, connectionId: string, ids: Array<string | null>): Promise<Map<string, NonNullable<SyncErrorView['issue']>>> {
  const pairIds = [...new Set(ids.filter((p): p is string => p !== null))].slice(0, 50);
  const pairs = (await Promise.all(pairIds.map((id) => deps.store.getPair(toConnectionId(connectionId), toPairId(id))))).filter((p) => p !== null);
  const localIds = pairs.map((p) => p.localIssueId).filter((id) => id !== null);
  let keys = new Map<string, string>();
  try {
    const snapshots = localIds.length ? await deps.tracker.getIssues?.(localIds) : null;
    keys = new Map([...(snapshots?.entries() ?? [])].map(([id, s]) => [id, s.key]));
  } catch {
    // Keys are a nicety: the partner's side still shows.
  }
  return new Map(pairs.map((p) => [p.pairId, { localKey: (p.localIssueId && keys.get(p.localIssueId)) || null, partnerKey: p.partnerIssueKey ?? null, partnerUrl: p.partnerIssueUrl ?? null }]));
}

/**
 * This site's names of the custom fields the errors name. Jira's field ids are site-wide, so any
 * project the connection shares has them (its metadata is cached); a partner's fields (`partner:…`)
 * keep their ids. Names are a nicety: none when the metadata cannot be read.
 */
async function customFieldNames(deps: AppDeps, connectionId: string, views: SyncErrorView[]): Promise<Map<string, string>> {
  if (!views.some((v) => v.field.startsWith('custom:'))) return new Map();
  const [rule] = await deps.config.currentRules(connectionId);
  if (!rule) return new Map();
  try {
    return new Map(customFieldCatalog(await deps.tracker.getMetadata(rule.projectKey)).map((f) => [f.key, f.name]));
  } catch {
    return new Map();
  }
}

export async function dismissError(deps: AppDeps, actor: string, connectionId: string, errorId: string) {
  const found = (await deps.store.listErrors(connectionId)).find((e) => e.id === errorId);
  if (!found) throw notFound(`error ${errorId} does not exist`);
  await deps.store.removeError(errorId, { connectionId });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: found.field, detail: `error dismissed: ${found.reason}` });
  return { dismissed: true };
}

export async function audit(deps: AppDeps, connectionId: string, limit: number, cursor?: string): Promise<AuditPage> {
  const connection = await requireConnection(deps, connectionId);
  const page = await deps.store.pageAudit(connectionId, { limit, ...(cursor ? { cursor } : {}) });
  return { items: await withActorNames(page.items.map(auditView), connectionDisplayName(connection)), cursor: page.cursor ?? null };
}

export async function kpiView(deps: AppDeps, connectionId: string): Promise<KpiView> {
  await requireConnection(deps, connectionId);
  // The last 1,000 audit entries cover the chart's two weeks for a busy connection.
  const entries = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await deps.store.pageAudit(connectionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    entries.push(...page.items);
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  const [backlog, errorPage] = await Promise.all([deps.outbox.size(connectionId), deps.store.pageErrors(connectionId, { limit: 100 })]);
  return kpis(entries, backlog, errorPage.items.length, deps.clock.now());
}

/** When a change last left and last arrived: the newest of the audit's first page (newest first). */
export async function connectionTraffic(deps: AppDeps, connectionId: string) {
  return lastTraffic((await deps.store.pageAudit(connectionId, { limit: 100 })).items);
}

/** Linked issues (pairs with a partner issue, not unlinked), counted up to 5,000: said before the connection is deleted. */
export async function linkedCount(deps: AppDeps, connectionId: string): Promise<LinkedCountView> {
  await requireConnection(deps, connectionId);
  let linked = 0;
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await deps.store.pagePairs(connectionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    // A pair whose partner issue never came to be (a refused create) links nothing yet.
    linked += page.items.filter((p) => p.unlinkedAt === undefined && p.partnerIssueId !== null).length;
    if (!page.cursor) return { linked, capped: false };
    cursor = page.cursor;
  }
  return { linked, capped: true };
}

export async function bulkStatus(deps: AppDeps, connectionId: string, projectKey: string): Promise<BulkStatus> {
  const run = await new KvsBulkStatus().get(connectionId, projectKey);
  // Before a run (and after one) the confirmation says how many issues a run would check.
  const issuesInProject = run?.state === 'running' ? undefined : await projectIssueCount(forgeJiraHttp(), projectKey).catch(() => undefined);
  const extra = issuesInProject === undefined ? {} : { issuesInProject };
  if (!run) return { state: 'idle', total: 0, processed: 0, queued: 0, startedAt: null, finishedAt: null, ...extra };
  const counts = run.delivered === undefined ? {} : await bulkCounts(deps, connectionId, run);
  return { state: run.state, total: run.total, processed: run.processed, queued: run.queued, startedAt: run.startedAt, finishedAt: run.finishedAt, ...(run.error ? { error: run.error } : {}), ...counts, ...extra };
}

/**
 * Delivered and refused as the run's pages saw them. What they left in the queue and is no longer
 * there went through the queue since (delivered, or refused into the error list): not waiting any more.
 */
async function bulkCounts(deps: AppDeps, connectionId: string, run: BulkRun) {
  const delivered = run.delivered ?? 0;
  const refused = run.refused ?? 0;
  const left = Math.max(0, run.queued - delivered - refused);
  const waiting = left === 0 ? 0 : Math.min(left, await deps.outbox.size(connectionId));
  return { delivered, refused, waiting, throughQueue: left - waiting };
}
