// What the local tracker allows, fetched by the adapter (Jira: createmeta/editmeta, workflow
// transitions, priorities). Rules and incoming values are checked against it.
import type { FieldKey } from '../replica/field-key';

type Common = { required?: boolean };
export type FieldConstraint =
  | ({ kind: 'text'; maxLength?: number } & Common)
  | ({ kind: 'rich'; maxLength?: number } & Common)
  | ({ kind: 'number'; min?: number; max?: number; integer?: boolean } & Common)
  | ({ kind: 'option'; options: string[] } & Common)
  /** options undefined = free values (labels). */
  | ({ kind: 'options'; options?: string[]; maxItems?: number } & Common)
  | ({ kind: 'date' } & Common)
  | ({ kind: 'user' } & Common);

/** A workflow transition; `from` empty means "from any status" (Jira global transitions). */
export type Transition = { id: string; name: string; from: string[]; to: string };

export type TrackerMetadata = {
  projectKey: string;
  issueTypes: string[];
  priorities: string[];
  statuses: string[];
  /** Where a newly created issue starts (the workflow's initial status). */
  initialStatus: string;
  transitions: Transition[];
  fields: Partial<Record<FieldKey, FieldConstraint>>;
  /** What people call the custom fields (Jira's field names), for admin pages and the panel. */
  fieldNames?: Partial<Record<FieldKey, string>>;
  /** The longest comment body the tracker stores, in characters (Jira: 32,767); absent = no known limit. */
  commentMaxLength?: number;
};
