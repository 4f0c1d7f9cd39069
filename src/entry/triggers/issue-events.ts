// Product trigger for Jira issue and comment events. Parses the documented payload (only the
// fields Forge sends), hands the change to the app, never throws on a malformed event (a clear log
// line is the useful outcome). When Jira cannot be read just now, it asks Forge to deliver the
// event again (InvocationError, at most four times); after that the work queue looks again.
import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { retryInvocation } from '../../adapters/forge/invocation-retry';
import { onIssueChanged, recheckLater } from '../../app/issue-changed';
import { licenseProblem, type LicenseContext } from '../../app/licensing';

const eventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue', 'avi:jira:deleted:issue', 'avi:jira:deleted:comment']),
  atlassianId: z.string().optional(),
  retryContext: z.looseObject({ retryCount: z.number().int().nonnegative() }).optional(),
  issue: z.looseObject({
    id: z.string().min(1),
    key: z.string().optional(),
    fields: z.looseObject({ project: z.looseObject({ key: z.string().min(1) }) }),
  }),
});

/** Forge redelivers a product event "a maximum of four times" on InvocationError. */
export const TRIGGER_RETRIES = 4;

export async function onIssueEvent(event: unknown, context?: LicenseContext): Promise<InvocationError | void> {
  const unlicensed = licenseProblem(context);
  if (unlicensed) {
    console.warn(`liaison: issue event not synced: ${unlicensed}`);
    return;
  }
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    console.error(`liaison: ignored an issue event it cannot read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return;
  }
  const e = parsed.data;
  const change = {
    kind: e.eventType === 'avi:jira:deleted:issue' ? ('deleted' as const) : ('changed' as const), issueId: e.issue.id, projectKey: e.issue.fields.project.key, actor: e.atlassianId ?? null,
    ...(e.eventType === 'avi:jira:created:issue' ? { created: true } : {}),
  };
  const later = await onIssueChanged(change);
  if (!later) return;
  if ((e.retryContext?.retryCount ?? 0) >= TRIGGER_RETRIES) return recheckLater(change, later);
  return retryInvocation(later.retryAfterMs / 1000, later.rateLimited);
}
