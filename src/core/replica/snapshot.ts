// What the Tracker port returns for a local issue: current values in neutral form. Adapters build
// it (Jira: one GET with the rule's fields; ServiceNow: one Table API read).
import type { LocalIssueId } from '../ids';
import type { RichDoc } from '../richtext/model';
import type { FieldKey } from './field-key';
import type { ReplicaValue } from './value';
import type { SnapshotWorklog } from './worklog';
import type { SnapshotRelations } from './relations';
import type { SnapshotServiceDesk } from './service-desk';

export type SnapshotComment = {
  id: string;
  body: RichDoc;
  internal: boolean;
  author: { displayName: string; email?: string };
  updatedAt: number;
};

export type SnapshotAttachment = { id: string; filename: string; mimeType: string; size: number; ref: string };

export type IssueSnapshot = {
  id: LocalIssueId;
  key: string;
  projectKey: string;
  /** Where a person opens the issue (Jira: /browse/KEY), for the partner's link back to it. */
  url?: string;
  updatedAt: number;
  /** Current values. `ts` is the field's own change time when the tracker knows it. */
  fields: Partial<Record<FieldKey, { value: ReplicaValue; ts?: number }>>;
  comments: SnapshotComment[];
  attachments: SnapshotAttachment[];
  /** Undefined when the read did not ask for worklogs (then nothing about them may be concluded). */
  worklogs?: SnapshotWorklog[];
  /** Parent, sub-task flag and links; undefined when the read did not ask for them. */
  relations?: SnapshotRelations;
  /** Request type, participants and SLAs; undefined when the read did not ask or the project is no service desk. */
  serviceDesk?: SnapshotServiceDesk;
  /**
   * The pair id Liaison tagged the issue with when it created it for a partner (Jira: the
   * liaisonPair issue property), if any: such an issue is the partner's, even before its pair knows it.
   */
  pairTag?: string;
};
