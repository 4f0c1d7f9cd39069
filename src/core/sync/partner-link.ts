// Once a pair knows both issues, each side shows the other's issue in its tracker's own UI (Jira: a
// remote link). Best effort: a refused or failed link is an error record, never a failed sync. The
// link must point at the partner's own site (partner-site.ts); one that does not is not created,
// and the audit log says why.
import type { ConnectionId, LocalIssueId, PairId } from '../ids';
import type { PlanError } from '../planning/change-plan';
import type { SyncDeps } from './deps';
import { partnerLinkProblem } from './partner-site';

type LinkDeps = Pick<SyncDeps, 'tracker' | 'config' | 'store' | 'ids' | 'clock'>;

export async function showPartnerLink(deps: LinkDeps, connectionId: ConnectionId, issueId: LocalIssueId, link: { pairId: PairId; url: string | undefined; title: string; partnerIssueId?: string }): Promise<PlanError | null> {
  if (!deps.tracker.linkPartner || !link.url) return null;
  const connection = await deps.config.getConnection(connectionId);
  const problem = connection ? partnerLinkProblem(link.url, connection) : 'the connection is not known here';
  if (problem) {
    await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor: 'sync', action: 'link-refused', subject: link.title, detail: `link to the partner issue not created: ${problem}` });
    return null;
  }
  try {
    await deps.tracker.linkPartner(issueId, { pairId: link.pairId, url: link.url, title: link.title, ...(link.partnerIssueId ? { partnerIssueId: link.partnerIssueId } : {}) });
    return null;
  } catch (e) {
    return { field: 'link', value: link.title, reason: `the link to the partner issue was not added: ${e instanceof Error ? e.message : String(e)}` };
  }
}
