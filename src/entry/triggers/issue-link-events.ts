// Product trigger for Jira issue link events (avi:jira:created:issuelink, avi:jira:deleted:issuelink;
// payload per Forge's Jira events reference: id, sourceIssueId, destinationIssueId, sourceProjectId,
// destinationProjectId, issueLinkType). A link travels with its source issue (core/replica/
// relations.ts), so the source issue is the one that changed; like a worklog event, the payload names
// it by id only, so it takes the same path (its project read, then an issue change). Never throws on
// a malformed event; a transient Jira failure asks Forge to redeliver.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { recheckLater } from '../../app/issue-changed';
import { licenseProblem, type LicenseContext } from '../../app/licensing';
import { onWorklogChanged as onIssueChangedById } from '../../app/worklog-changed';
import { TRIGGER_RETRIES } from './issue-events';

const eventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issuelink', 'avi:jira:deleted:issuelink']),
  atlassianId: z.string().optional(),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
  sourceIssueId: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/)),
});

export async function onIssueLinkEvent(event: unknown, context?: LicenseContext): Promise<InvocationError | void> {
  const unlicensed = licenseProblem(context);
  if (unlicensed) {
    console.warn(`liaison: issue link event not synced: ${unlicensed}`);
    return;
  }
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    console.error(`liaison: ignored an issue link event it cannot read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return;
  }
  const e = parsed.data;
  const outcome = await onIssueChangedById(e.sourceIssueId, e.atlassianId ?? null);
  if (!outcome) return;
  if ((e.retryContext?.retryCount ?? 0) >= TRIGGER_RETRIES) {
    if (outcome.change) return recheckLater(outcome.change, outcome.later);
    console.warn(`liaison: link change on issue ${e.sourceIssueId} left to the reconciliation sweep: Jira could not be read`);
    return;
  }
  const retryReason = outcome.later.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST;
  return new InvocationError({ retryAfter: Math.min(900, Math.max(1, Math.ceil(outcome.later.retryAfterMs / 1000))), retryReason });
}
