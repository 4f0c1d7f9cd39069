// A worklog was logged, edited or deleted: the issue it belongs to changed. Forge's worklog events
// name the issue by id only, so its project is read first (one small GET: a worklog change costs
// one more Jira read than a field change), then it is handled as any issue change.
import { forgeJiraHttp } from '../adapters/jira';
import { issueProjectKey } from '../adapters/jira/issue-project';
import { TRACKER_RETRY_MS, TrackerError, trackerRateLimited, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { onIssueChanged, type IssueChange, type RetryLater } from './issue-changed';

/** `change` null: the project could not be read yet, so only a redelivery can help (the sweep is the safety net). */
export async function onWorklogChanged(issueId: string, actor: string | null): Promise<{ later: RetryLater; change: IssueChange | null } | void> {
  let projectKey: string | null;
  try {
    projectKey = await issueProjectKey(forgeJiraHttp(), issueId);
  } catch (e) {
    if (!(e instanceof TrackerError && e.transient)) throw e;
    return { later: { retryAfterMs: trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS, rateLimited: trackerRateLimited(e) }, change: null };
  }
  // Gone already: its delete event does the rest.
  if (!projectKey) return;
  const change: IssueChange = { kind: 'changed', issueId, projectKey, actor };
  const later = await onIssueChanged(change);
  return later ? { later, change } : undefined;
}
