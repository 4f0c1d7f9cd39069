// Product trigger for Jira issue link events (avi:jira:created:issuelink, avi:jira:deleted:issuelink;
// payload per Forge's Jira events reference: id, sourceIssueId, destinationIssueId, sourceProjectId,
// destinationProjectId, issueLinkType). A link travels with its source issue (core/replica/
// relations.ts), so the source issue is the one that changed; like a worklog event, the payload names
// it by id only, so it takes the same path (one read of the issue, then an issue change). Never throws on
// a malformed event; a transient Jira failure asks Forge to redeliver.
import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { licenseProblem, type LicenseContext } from '../../app/licensing';
import { issueChangedById } from './changed-by-id';

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
  return issueChangedById('link change', e.sourceIssueId, e.atlassianId ?? null, e.retryContext?.retryCount ?? 0);
}
