// Once a pair knows both issues, each side shows the other's issue in its tracker's own UI (Jira: a
// remote link). Best effort: a refused or failed link is an error record, never a failed sync.
import type { LocalIssueId, PairId } from '../ids';
import type { PlanError } from '../planning/change-plan';
import type { Tracker } from '../ports/tracker';

export async function showPartnerLink(tracker: Tracker, issueId: LocalIssueId, link: { pairId: PairId; url: string | undefined; title: string }): Promise<PlanError | null> {
  if (!tracker.linkPartner || !link.url) return null;
  try {
    await tracker.linkPartner(issueId, { pairId: link.pairId, url: link.url, title: link.title });
    return null;
  } catch (e) {
    return { field: 'link', value: link.title, reason: `the link to the partner issue was not added: ${e instanceof Error ? e.message : String(e)}` };
  }
}
