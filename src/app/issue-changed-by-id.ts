// An issue changed and the event names it by id only: a worklog logged, edited or deleted, an issue
// link made or removed (Forge's worklog and issue link events). Its project is read first (one small
// GET: such a change costs one more Jira read than a field change), then it is handled as any issue
// change.
import { forgeJiraHttp } from '../adapters/jira';
import { issueProjectKey } from '../adapters/jira/issue-project';
import { TRACKER_RETRY_MS, TrackerError, trackerRateLimited, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { onIssueChanged, type IssueChange, type RetryLater } from './issue-changed';

/** `change` null: the project could not be read yet, so only a redelivery can help (the sweep is the safety net). */
export async function onIssueChangedById(issueId: string, actor: string | null): Promise<{ later: RetryLater; change: IssueChange | null } | void> {
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
