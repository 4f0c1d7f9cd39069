// Product trigger for Jira worklog events (avi:jira:{created,updated,deleted}:worklog). The payload
// is the worklog (events-reference/jira, "Issue worklog events"); its issueId is the issue that
// changed. Never throws on a malformed event; a transient Jira failure asks Forge to redeliver.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { recheckLater } from '../../app/issue-changed';
import { licenseProblem, type LicenseContext } from '../../app/licensing';
import { onWorklogChanged } from '../../app/worklog-changed';
import { TRIGGER_RETRIES } from './issue-events';

const eventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog']),
  atlassianId: z.string().optional(),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
  worklog: z.looseObject({ id: z.string().optional(), issueId: z.string().regex(/^\d+$/) }),
});

export async function onWorklogEvent(event: unknown, context?: LicenseContext): Promise<InvocationError | void> {
  const unlicensed = licenseProblem(context);
  if (unlicensed) {
    console.warn(`liaison: worklog event not synced: ${unlicensed}`);
    return;
  }
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    console.error(`liaison: ignored a worklog event it cannot read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return;
  }
  const e = parsed.data;
  const outcome = await onWorklogChanged(e.worklog.issueId, e.atlassianId ?? null);
  if (!outcome) return;
  if ((e.retryContext?.retryCount ?? 0) >= TRIGGER_RETRIES) {
    if (outcome.change) return recheckLater(outcome.change, outcome.later);
    console.warn(`liaison: worklog change on issue ${e.worklog.issueId} left to the reconciliation sweep: Jira could not be read`);
    return;
  }
  const retryReason = outcome.later.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST;
  return new InvocationError({ retryAfter: Math.min(900, Math.max(1, Math.ceil(outcome.later.retryAfterMs / 1000))), retryReason });
}
