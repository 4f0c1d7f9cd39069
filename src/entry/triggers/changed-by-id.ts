// What the worklog and issue link triggers share once their event is read: the issue that changed,
// known by id only, goes to the app; a transient Jira failure asks Forge to deliver the event again
// (at most TRIGGER_RETRIES times), after which the work queue looks again, or the sweep when not
// even the issue could be read.
import type { InvocationError } from '@forge/events';
import { retryInvocation } from '../../adapters/forge/invocation-retry';
import { recheckLater } from '../../app/issue-changed';
import { onIssueChangedById } from '../../app/issue-changed-by-id';
import { TRIGGER_RETRIES } from './issue-events';

export async function issueChangedById(what: string, issueId: string, actor: string | null, retryCount: number): Promise<InvocationError | void> {
  const outcome = await onIssueChangedById(issueId, actor);
  if (!outcome) return;
  if (retryCount >= TRIGGER_RETRIES) {
    if (outcome.change) return recheckLater(outcome.change, outcome.later);
    console.warn(`liaison: ${what} on issue ${issueId} left to the reconciliation sweep: Jira could not be read`);
    return;
  }
  return retryInvocation(outcome.later.retryAfterMs / 1000, outcome.later.rateLimited);
}
