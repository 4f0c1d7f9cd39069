// Tolerant schemas for what the Table and Attachment APIs answer: the `{"result": …}` envelope,
// journal entries, attachment metadata, users and choices. Unknown fields pass through; numbers
// arrive as strings (ServiceNow's JSON carries every value as text) and are converted here.
import { z } from 'zod';

export type SnRecord = Record<string, unknown>;

const record = z.record(z.string(), z.unknown());
export const listEnvelopeSchema = z.looseObject({ result: z.array(record) });
export const recordEnvelopeSchema = z.looseObject({ result: record });

/** A value read with sysparm_display_value=false: a string, or a reference `{value, link}`. */
const raw = z.union([z.string(), z.looseObject({ value: z.string() }).transform((v) => v.value)]);
const count = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const journalEntrySchema = z.looseObject({
  sys_id: z.string().min(1),
  element: z.string(),
  element_id: raw,
  value: z.string(),
  sys_created_on: z.string(),
  sys_created_by: z.string().default(''),
});
export type JournalEntry = z.output<typeof journalEntrySchema>;

export const attachmentMetaSchema = z.looseObject({
  sys_id: z.string().min(1),
  file_name: z.string().min(1),
  content_type: z.string().default('application/octet-stream'),
  size_bytes: count.default(0),
  download_link: z.string().optional(),
  table_name: z.string().optional(),
  table_sys_id: z.string().optional(),
});
export type AttachmentMeta = z.output<typeof attachmentMetaSchema>;

export const userSchema = z.looseObject({
  sys_id: z.string().min(1),
  name: z.string().default(''),
  email: z.string().default(''),
  user_name: z.string().default(''),
});
export type SnUser = z.output<typeof userSchema>;

export const choiceSchema = z.looseObject({ value: z.string(), label: z.string() });
