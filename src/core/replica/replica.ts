// The replica: what one side shares about one issue, tracker-neutral. Each field carries its
// source timestamp and content hash so the receiver can order and deduplicate without trusting
// delivery order.
import { z } from 'zod';
import { richDocSchema } from '../richtext/schema';
import type { RichDoc } from '../richtext/model';
import { fieldKeySchema, type FieldKey } from './field-key';
import { replicaValueSchema, type ReplicaValue, type UserValue } from './value';
import { worklogReplicaSchema, type WorklogReplica } from './worklog';
import { relationsReplicaSchema, type RelationsReplica } from './relations';
import { serviceDeskReplicaSchema, type ServiceDeskReplica } from './service-desk';

export type ReplicaField = { value: ReplicaValue; ts: number; hash: string };

export type CommentReplica = {
  /** The comment's id on the side that wrote it. */
  id: string;
  body: RichDoc;
  internal: boolean;
  author: { displayName: string; email?: string };
  ts: number;
  hash: string;
  deleted?: boolean;
};

export type AttachmentReplica = {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  /** Where the receiver fetches the content (through the Transport port). */
  ref: string;
};

export type Replica = {
  fields: Partial<Record<FieldKey, ReplicaField>>;
  comments: CommentReplica[];
  attachments: AttachmentReplica[];
  /** Absent from partners that predate worklogs, and when no worklog changed. */
  worklogs?: WorklogReplica[];
  /** Parent and issue links, translated to pair ids (relations.ts); absent when neither changed. */
  relations?: RelationsReplica;
  /** Request type, participants and SLAs (service-desk.ts); absent when none of them changed. */
  serviceDesk?: ServiceDeskReplica;
};

const replicaFieldSchema = z.object({ value: replicaValueSchema, ts: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

export const commentReplicaSchema: z.ZodType<CommentReplica> = z.object({
  id: z.string().min(1).max(128),
  body: richDocSchema,
  internal: z.boolean(),
  author: z.object({ displayName: z.string().max(255), email: z.string().max(320).optional() }),
  ts: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  deleted: z.boolean().optional(),
});

export const attachmentReplicaSchema: z.ZodType<AttachmentReplica> = z.object({
  id: z.string().min(1).max(128),
  filename: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  ref: z.string().min(1).max(2048),
});

export const replicaSchema: z.ZodType<Replica> = z.object({
  fields: z.partialRecord(fieldKeySchema, replicaFieldSchema),
  comments: z.array(commentReplicaSchema).max(500),
  attachments: z.array(attachmentReplicaSchema).max(100),
  worklogs: z.array(worklogReplicaSchema).max(500).optional(),
  relations: relationsReplicaSchema.optional(),
  serviceDesk: serviceDeskReplicaSchema.optional(),
});

export type { UserValue, WorklogReplica };
