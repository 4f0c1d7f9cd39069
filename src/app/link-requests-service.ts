// Link requests seen by people: the issue panel lists and answers the requests for its issue, the
// admin page those of the whole site. The decisions themselves live in core/sync/link-request.ts.
import { acceptLinkRequest, applyReplica, declineLinkRequest } from '../core/sync';
import type { LinkRequest } from '../core/ports/link-requests';
import type { LinkRequestView } from '../shared/resolver-contract';
import { AppError } from './app-error';
import type { PanelIssue } from './panel-service';
import type { AppDeps } from './sync-deps';

const view = (r: LinkRequest): LinkRequestView => ({
  connectionId: r.connectionId, pairId: r.pairId, localIssueKey: r.localIssueKey, partnerIssueKey: r.partnerIssueKey, partnerIssueUrl: r.partnerIssueUrl ?? null, requestedAt: r.requestedAt,
});

export async function listAll(deps: AppDeps): Promise<LinkRequestView[]> {
  return (await deps.linkRequests.list()).map(view);
}

export async function forIssue(deps: AppDeps, issue: PanelIssue): Promise<LinkRequestView[]> {
  return (await deps.linkRequests.list()).filter((r) => r.localIssueId === issue.id).map(view);
}

type Answer = { connectionId: string; pairId: string; actor: string; issue?: PanelIssue };

const fail = (reason: 'not-found' | 'unavailable' | 'conflict', message: string) => new AppError(reason, message);

export async function accept(deps: AppDeps, input: Answer) {
  const result = await acceptLinkRequest(deps, { connectionId: input.connectionId, pairId: input.pairId, actor: input.actor, ...(input.issue ? { issueId: input.issue.id } : {}) }, applyReplica);
  if (!result.ok) throw fail(result.reason, result.message);
  return { accepted: true, ...result.value };
}

export async function decline(deps: AppDeps, input: Answer) {
  const result = await declineLinkRequest(deps, { connectionId: input.connectionId, pairId: input.pairId, actor: input.actor, ...(input.issue ? { issueId: input.issue.id } : {}) });
  if (!result.ok) throw fail(result.reason, result.message);
  return result.value;
}
