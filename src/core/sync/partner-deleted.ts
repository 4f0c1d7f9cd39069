// The partner deleted its issue. The local rule decides what happens to ours (incoming.onPartnerDelete):
// `unlink` keeps it and says so in an internal comment, so agents are not left wondering why it
// went quiet; `delete` deletes it too.
import { connectionId as toConnectionId, type LocalIssueId } from '../ids';
import type { PlanError } from '../planning/change-plan';
import type { RichDoc } from '../richtext/model';
import type { SyncDeps } from './deps';
import { isTransientTrackerError } from './tracker-error';

export type PartnerDeleteOutcome = { action: 'noted' | 'none' } | { action: 'deleted'; projectKey: string } | { action: 'failed'; error: PlanError };

export function deletionNote(partnerIssueKey: string | undefined): RichDoc {
  const which = partnerIssueKey ? `The partner issue ${partnerIssueKey}` : 'The partner issue';
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${which} was deleted on the partner's side. This issue stays here and is no longer mirrored.` }] }] };
}

/** Transient tracker failures are thrown, so the partner sends the unlink again. */
export async function followPartnerDelete(deps: SyncDeps, connectionId: string, issueId: LocalIssueId, partnerIssueKey: string | undefined): Promise<PartnerDeleteOutcome> {
  const snapshot = await deps.tracker.getIssue(issueId);
  if (!snapshot) return { action: 'none' };
  const rule = (await deps.config.rulesForProject(snapshot.projectKey)).find((r) => r.connectionId === toConnectionId(connectionId));
  const policy = rule?.incoming.onPartnerDelete ?? 'unlink';
  try {
    if (policy === 'delete' && deps.tracker.deleteIssue) {
      await deps.tracker.deleteIssue(issueId);
      return { action: 'deleted', projectKey: snapshot.projectKey };
    }
    await deps.tracker.addComment(issueId, { body: deletionNote(partnerIssueKey), internal: true, author: { displayName: 'Liaison' } });
    return { action: 'noted' };
  } catch (e) {
    if (isTransientTrackerError(e)) throw e;
    return { action: 'failed', error: { field: 'issue', value: snapshot.key, reason: `the partner's delete could not be followed (${policy}): ${e instanceof Error ? e.message : String(e)}` } };
  }
}
