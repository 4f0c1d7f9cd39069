// Request bodies as the Jira OpenAPI spec types them (IssueUpdateDetails, Comment, RemoteIssueLinkRequest,
// SearchAndReconcileRequestBean). A body the spec rejects is refused with 400 before any handler logic runs.
import { z } from 'zod';
import { JiraError } from './errors';

export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

const entityProperty = z.strictObject({ key: z.string().optional(), value: z.unknown().optional() });
const participant = z.looseObject({
  id: z.string().optional(),
  displayName: z.string().optional(),
  displayNameKey: z.string().optional(),
  type: z.string().optional(),
  avatarUrl: z.string().optional(),
  url: z.string().optional(),
});
const fieldOperation = z.strictObject({
  add: z.unknown().optional(),
  copy: z.unknown().optional(),
  edit: z.unknown().optional(),
  remove: z.unknown().optional(),
  set: z.unknown().optional(),
});

export const issueUpdateDetails = z.looseObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(fieldOperation)).optional(),
  properties: z.array(entityProperty).optional(),
  transition: z.looseObject({ id: z.string().optional(), looped: z.boolean().optional() }).optional(),
  historyMetadata: z
    .looseObject({
      activityDescription: z.string().optional(),
      activityDescriptionKey: z.string().optional(),
      actor: participant.optional(),
      cause: participant.optional(),
      generator: participant.optional(),
      description: z.string().optional(),
      descriptionKey: z.string().optional(),
      emailDescription: z.string().optional(),
      emailDescriptionKey: z.string().optional(),
      extraData: z.record(z.string(), z.string()).optional(),
      type: z.string().optional(),
    })
    .optional(),
});
export type IssueUpdateDetails = z.infer<typeof issueUpdateDetails>;

const visibility = z.looseObject({
  type: z.enum(['group', 'role']).optional(),
  value: z.string().optional(),
  identifier: z.string().nullable().optional(),
});

export const commentRequest = z.looseObject({
  body: z.unknown().optional(),
  visibility: visibility.optional(),
  properties: z.array(entityProperty).optional(),
});
export type CommentRequest = z.infer<typeof commentRequest>;

const icon = z.looseObject({ link: z.string().optional(), title: z.string().optional(), url16x16: z.string().optional() });
export const remoteLinkRequest = z.looseObject({
  application: z.looseObject({ name: z.string().optional(), type: z.string().optional() }).optional(),
  globalId: z.string().optional(),
  relationship: z.string().optional(),
  object: z.looseObject({
    title: z.string(),
    url: z.string(),
    summary: z.string().optional(),
    icon: icon.optional(),
    status: z.looseObject({ icon: icon.optional(), resolved: z.boolean().optional() }).optional(),
  }),
});
export type RemoteLinkRequest = z.infer<typeof remoteLinkRequest>;

export const searchRequest = z.strictObject({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).optional(),
});

/** Parses a JSON body against a schema; any mismatch is Jira's generic 400 for a malformed payload. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  throw new JiraError(400, [`${INVALID_PAYLOAD}${where}`]);
}
