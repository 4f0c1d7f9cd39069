// Product trigger for Jira issue and comment events. Parses the documented payload (only the
// fields Forge sends), hands the change to the app, never throws on a malformed event: Forge does
// not retry product events, so a clear log line is the useful outcome.
import { z } from 'zod';
import { onIssueChanged } from '../../app/issue-changed';
import { licenseProblem, type LicenseContext } from '../../app/licensing';

const eventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue', 'avi:jira:deleted:issue', 'avi:jira:deleted:comment']),
  atlassianId: z.string().optional(),
  issue: z.looseObject({
    id: z.string().min(1),
    key: z.string().optional(),
    fields: z.looseObject({ project: z.looseObject({ key: z.string().min(1) }) }),
  }),
});

export async function onIssueEvent(event: unknown, context?: LicenseContext): Promise<void> {
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
  await onIssueChanged({
    kind: e.eventType === 'avi:jira:deleted:issue' ? 'deleted' : 'changed',
    issueId: e.issue.id,
    projectKey: e.issue.fields.project.key,
    actor: e.atlassianId ?? null,
  });
}
