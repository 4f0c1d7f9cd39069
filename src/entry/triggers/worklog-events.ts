// Product trigger for Jira worklog events (avi:jira:{created,updated,deleted}:worklog). The payload
// is the worklog (events-reference/jira, "Issue worklog events"); its issueId is the issue that
// changed. Never throws on a malformed event; a transient Jira failure asks Forge to redeliver.
import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { licenseProblem, type LicenseContext } from '../../app/licensing';
import { issueChangedById } from './changed-by-id';

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
  return issueChangedById('worklog change', e.worklog.issueId, e.atlassianId ?? null, e.retryContext?.retryCount ?? 0);
}
