// Tolerant shapes of the Jira REST v3 answers the adapter reads: only what it uses is checked,
// everything else passes through (`looseObject`), so a new Jira field never breaks sync.
import { z } from 'zod';

export const userSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
  accountType: z.string().optional(),
});
export type JiraUser = z.output<typeof userSchema>;

export const fieldSchemaSchema = z.looseObject({
  type: z.string(),
  items: z.string().optional(),
  custom: z.string().optional(),
  system: z.string().optional(),
});
export type JiraFieldSchema = z.output<typeof fieldSchemaSchema>;

export const commentSchema = z.looseObject({
  id: z.string(),
  author: userSchema.partial().nullish(),
  body: z.unknown(),
  created: z.string().optional(),
  updated: z.string().optional(),
  jsdPublic: z.boolean().optional(),
  visibility: z.looseObject({ type: z.string().optional(), value: z.string().optional() }).nullish(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});
export type JiraComment = z.output<typeof commentSchema>;

export const commentPageSchema = z.looseObject({
  comments: z.array(commentSchema),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export const attachmentSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  filename: z.string(),
  mimeType: z.string().optional(),
  size: z.number(),
  content: z.string().optional(),
});

export const issueBeanSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  schema: z.record(z.string(), fieldSchemaSchema).optional(),
});

export const createdIssueSchema = z.looseObject({ id: z.string(), key: z.string(), self: z.string().optional() });

export const searchPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string().optional() })),
  nextPageToken: z.string().optional(),
});

export const fieldListSchema = z.array(z.looseObject({ id: z.string(), name: z.string().optional(), custom: z.boolean().optional(), schema: fieldSchemaSchema.optional() }));

export const projectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  projectTypeKey: z.string().optional(),
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string(), subtask: z.boolean().optional() })).default([]),
});

export const prioritiesSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export const workflowReadSchema = z.looseObject({
  statuses: z.array(z.looseObject({ id: z.string().optional(), name: z.string(), statusReference: z.string() })).default([]),
  workflows: z.array(
    z.looseObject({
      name: z.string().optional(),
      transitions: z.array(
        z.looseObject({
          id: z.union([z.string(), z.number()]).transform(String),
          name: z.string(),
          toStatusReference: z.string(),
          type: z.string().optional(),
          links: z.array(z.looseObject({ fromStatusReference: z.string().nullish() })).default([]),
        }),
      ).default([]),
    }),
  ).default([]),
});

export const createMetaPageSchema = z.looseObject({
  fields: z.array(
    z.looseObject({
      fieldId: z.string(),
      required: z.boolean().default(false),
      schema: fieldSchemaSchema.optional(),
      allowedValues: z.array(z.looseObject({ id: z.string().optional(), name: z.string().optional(), value: z.string().optional(), disabled: z.boolean().optional() })).optional(),
    }),
  ).default([]),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export const remoteLinkCreatedSchema = z.looseObject({ id: z.number(), self: z.string().optional() });
