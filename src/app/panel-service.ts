// The issue panel's use cases: what this issue shares with which partner, and the agent's actions
// (sync now, start, link an existing partner issue, unlink, retry a failed change).
import { connectionId as toConnectionId, localIssueId } from '../core/ids';
import { handleLocalChange, retryArchived, retryRejectedValue, unlinkLocal } from '../core/sync';
import type { PanelView, PreviewView } from '../shared/resolver-contract';
import { AppError, notFound } from './app-error';
import { forIssue as requestsFor } from './link-requests-service';
import { panelConnectionView, panelOffer } from './panel-scope';
import { jqlAnswersFor } from '../core/rules/scope';
import { preview } from './rules-service';
import { trackerForRules, type AppDeps } from './sync-deps';
import { availableView, customFieldCatalog, linkView } from './views';

export type PanelIssue = { id: string; key: string; projectKey: string };

export async function panelView(deps: AppDeps, issue: PanelIssue, canAct: boolean): Promise<PanelView> {
  const rules = await deps.config.rulesForProject(issue.projectKey);
  const links: PanelView['links'] = [];
  const available: PanelView['available'] = [];
  let snapshot: Awaited<ReturnType<AppDeps['tracker']['getIssue']>> | undefined;
  for (const rule of rules) {
    const connId = toConnectionId(rule.connectionId);
    const [connection, pair] = await Promise.all([deps.config.getConnection(connId), deps.store.findPairByLocalIssue(connId, localIssueId(issue.id))]);
    if (pair) {
      const errors = (await deps.store.pageErrors(connId, { limit: 100 })).items.filter((e) => e.pairId === pair.pairId);
      const backlog = (await deps.outbox.page(connId, { limit: 100 })).items.filter((e) => e.pairId === pair.pairId).length;
      const onConnection = panelConnectionView(connection);
      links.push({ ...linkView(pair, connection, rule, errors, backlog, deps.clock.now()), ...(onConnection ? { connection: onConnection } : {}) });
      if (pair.unlinkedAt === undefined) continue;
    }
    snapshot ??= await deps.tracker.getIssue(localIssueId(issue.id));
    const jqlAnswers = snapshot ? await jqlAnswersFor(snapshot, rule, deps.tracker.matchesJql?.bind(deps.tracker)) : undefined;
    const offer = panelOffer(snapshot ?? null, rule, connection, jqlAnswers);
    const onConnection = panelConnectionView(connection);
    available.push({
      ...availableView(rule.connectionId, connection, offer.inScope ? { inScope: true } : { inScope: false, reason: offer.reason ?? 'not in scope' }),
      ...(offer.help ? { help: offer.help } : {}),
      ...(onConnection ? { connection: onConnection } : {}),
    });
  }
  const fieldCatalog = await customFieldNames(deps, issue.projectKey, links.flatMap((l) => [...l.shared.out, ...l.shared.in]));
  const linkRequests = rules.length > 0 ? await requestsFor(deps, issue) : [];
  return { issue, links, available, canAct, ...(linkRequests.length > 0 ? { linkRequests } : {}), ...(fieldCatalog.length > 0 ? { fieldCatalog } : {}) };
}

/** Names for the custom fields among `keys`: from the project's metadata (cached); none if it cannot be read. */
async function customFieldNames(deps: AppDeps, projectKey: string, keys: string[]): Promise<Array<{ key: string; name: string }>> {
  const shared = new Set(keys.filter((k) => k.startsWith('custom:')));
  if (shared.size === 0) return [];
  try {
    return customFieldCatalog(await deps.tracker.getMetadata(projectKey)).filter((f) => shared.has(f.key));
  } catch {
    // Names are a nicety: the panel still shows the fields, by id.
    return [];
  }
}

/** What starting to sync this issue would send the partner: the admin page's preview, for the issue in front of the agent. */
export async function panelPreview(deps: AppDeps, issue: PanelIssue, connectionId: string): Promise<PreviewView> {
  const view = await preview(deps, connectionId, issue.key);
  const fieldNames = await customFieldNames(deps, issue.projectKey, [...view.fields.map((f) => f.field), ...view.withheld.map((w) => w.field)]);
  return { ...view, ...(fieldNames.length > 0 ? { fieldNames } : {}) };
}

export async function syncNow(deps: AppDeps, issue: PanelIssue, connectionId?: string, manualStart = false) {
  // Read the issue as its rules share it, as a product event's sync does: a read of every field
  // alone leaves out worklogs and service-desk data, so "Start syncing" would send a first copy
  // without the worklogs and SLAs its preview listed (they followed only at the issue's next edit).
  const rules = await deps.config.rulesForProject(issue.projectKey);
  const reading = rules.length > 0 ? { ...deps, tracker: trackerForRules(rules) } : deps;
  const outcomes = await handleLocalChange(reading, { issueId: localIssueId(issue.id), manualStart });
  if (outcomes === 'issue-not-found') throw notFound(`issue ${issue.key} is not readable by Liaison`);
  const relevant = connectionId ? outcomes.filter((o) => o.connectionId === connectionId) : outcomes;
  if (connectionId && relevant.length === 0) throw notFound(`project ${issue.projectKey} has no sharing rule on connection ${connectionId}`);
  return { outcomes: relevant.map((o) => ({ connectionId: o.connectionId, status: o.status, ...('reason' in o ? { reason: o.reason } : {}) })) };
}

export async function unlink(deps: AppDeps, issue: PanelIssue, connectionId: string, actor: string) {
  const done = await unlinkLocal(deps, { connectionId: toConnectionId(connectionId), issueId: localIssueId(issue.id), reason: 'unlinked', actor });
  if (!done) throw new AppError('conflict', `${issue.key} is not linked on this connection`);
  return { unlinked: true };
}

/** One of this issue's errors on the connection (an agent acts only on the issue in front of them). */
async function issueError(deps: AppDeps, issue: PanelIssue, connectionId: string, errorId: string) {
  const pair = await deps.store.findPairByLocalIssue(toConnectionId(connectionId), localIssueId(issue.id));
  const found = pair ? (await deps.store.listErrors(connectionId)).find((e) => e.id === errorId && e.pairId === pair.pairId) : undefined;
  if (!found) throw notFound(`error ${errorId} is not one of ${issue.key}'s on this connection`);
  return found;
}

/** The agent has dealt with an error (fixed by hand, or not worth syncing): it leaves the panel and the admin's list, noted in the audit log. */
export async function dismiss(deps: AppDeps, issue: PanelIssue, connectionId: string, errorId: string, actor: string) {
  const found = await issueError(deps, issue, connectionId, errorId);
  await deps.store.removeError(found.id, { connectionId });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: found.field, detail: `error on ${issue.key} dismissed from the issue panel: ${found.reason}` });
  return { dismissed: true };
}

/** Retry from the panel: only this issue's errors. */
export async function retryForIssue(deps: AppDeps, issue: PanelIssue, connectionId: string, errorId: string) {
  await issueError(deps, issue, connectionId, errorId);
  return retry(deps, connectionId, errorId);
}

export async function retry(deps: AppDeps, connectionId: string, errorId: string) {
  if (await retryArchived(deps, errorId, connectionId)) return { retried: true };
  // Not a failed delivery: maybe a value the partner rejected, which can be sent again.
  const resent = await retryRejectedValue(deps, { connectionId, errorId });
  if (!resent.ok) throw new AppError('conflict', `this error cannot be retried: ${resent.message}`);
  return { retried: true };
}
