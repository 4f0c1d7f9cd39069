// An issue changed and the event names it by id only: a worklog logged, edited or deleted, an issue
// link made or removed (Forge's worklog and issue link events). The issue is read once, with every
// field (adapters/jira/issue-project.ts): the project it names routes the change, and the project's
// rules take their snapshot from that same answer, so such a change costs one Jira read, as a field
// change does.
import { forgeJiraHttp } from '../adapters/jira';
import { readIssueAhead, type IssueReadAhead } from '../adapters/jira/issue-project';
import { TRACKER_RETRY_MS, TrackerError, trackerRateLimited, trackerRetryAfterMs } from '../core/sync/tracker-error';
import { onIssueChanged, type IssueChange, type RetryLater } from './issue-changed';

/** `change` null: the issue could not be read yet, so only a redelivery can help (the sweep is the safety net). */
export async function onIssueChangedById(issueId: string, actor: string | null): Promise<{ later: RetryLater; change: IssueChange | null } | void> {
  let ahead: IssueReadAhead | null;
  try {
    ahead = await readIssueAhead(forgeJiraHttp(), issueId);
  } catch (e) {
    if (!(e instanceof TrackerError && e.transient)) throw e;
    return { later: { retryAfterMs: trackerRetryAfterMs(e) ?? TRACKER_RETRY_MS, rateLimited: trackerRateLimited(e) }, change: null };
  }
  // Gone already: its delete event does the rest.
  if (!ahead) return;
  const change: IssueChange = { kind: 'changed', issueId, projectKey: ahead.projectKey, actor };
  const later = await onIssueChanged(change, ahead);
  return later ? { later, change } : undefined;
}
