// Shapes shared by the Jira site emulator: the seed a site starts from and the records it stores.
import type { ServiceDeskFieldIds, ServiceDeskSeed } from './jsm/model';
// Records hold raw values (ids, account ids, epoch ms); views render them into Jira's JSON.

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusSeed {
  id: string;
  name: string;
  category: StatusCategoryKey;
  description?: string;
}

export interface TransitionSeed {
  id: string;
  name: string;
  /** Status ids this transition starts from; empty means a global transition (from any status). */
  from: string[];
  to: string;
}

export interface WorkflowSeed {
  statuses: StatusSeed[];
  /** Status of a newly created issue; the first status when absent. */
  initialStatusId?: string;
  transitions: TransitionSeed[];
}

export interface IssueTypeSeed {
  id: string;
  name: string;
  description?: string;
  /** A sub-task type (hierarchy level -1): Jira refuses one without a parent. */
  subtask?: boolean;
  /** Jira's hierarchy: -1 sub-task, 0 standard (default), 1 epic. */
  hierarchyLevel?: number;
}

export interface PrioritySeed {
  id: string;
  name: string;
  statusColor?: string;
  isDefault?: boolean;
}

export type CustomFieldKind = 'text' | 'number' | 'select';

export interface SelectOption {
  id: string;
  value: string;
  disabled?: boolean;
}

export interface CustomFieldSeed {
  /** `customfield_100NN` */
  id: string;
  name: string;
  kind: CustomFieldKind;
  options?: SelectOption[];
}

export interface ProjectSeed {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: 'software' | 'service_desk' | 'business';
  leadAccountId?: string;
  issueTypes: IssueTypeSeed[];
  workflow: WorkflowSeed;
  /** The project's components and versions (project-parts.ts). */
  components?: ProjectPartSeed[];
  versions?: ProjectPartSeed[];
}

/** A component or a version of a project. */
export interface ProjectPartSeed {
  id: string;
  name: string;
  description?: string;
  released?: boolean;
  /** Archived versions stay on the issues that have them but can no longer be picked. */
  archived?: boolean;
}

export interface UserSeed {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: 'atlassian' | 'app';
  /** Basic-auth secret over HTTP (email:apiToken), as with a Jira Cloud API token. */
  apiToken?: string;
  groups?: string[];
  /** Member of jira-admins-<site>: holds the global ADMINISTER permission. */
  admin?: boolean;
  timeZone?: string;
  active?: boolean;
}

export interface IssueSeed {
  project: string;
  issueType: string;
  summary: string;
  /** Plain text, stored as a one-paragraph ADF document. */
  description?: string;
  priority?: string;
  labels?: string[];
  duedate?: string;
  assignee?: string | null;
  reporter?: string;
  status?: string;
  custom?: Record<string, unknown>;
  comments?: { author: string; text: string; internal?: boolean }[];
}

export interface SiteSeed {
  projects: ProjectSeed[];
  priorities: PrioritySeed[];
  customFields: CustomFieldSeed[];
  users: UserSeed[];
  issues?: IssueSeed[];
  /** Jira Service Management: which projects are service desks, with request types and SLAs (jsm/model.ts). */
  serviceDesks?: ServiceDeskSeed[];
  /** The JSM fields' ids on this site (default customfield_10010, _10011, SLAs from _10200): ids differ per Jira Cloud site. */
  serviceDeskFieldIds?: ServiceDeskFieldIds;
}

export type AdfDoc = { type: 'doc'; version: 1; content: unknown[] };

export interface UserRecord extends UserSeed {
  groups: string[];
  active: boolean;
  timeZone: string;
}

export interface ProjectRecord extends ProjectSeed {
  nextIssueNumber: number;
}

/** Stored value of a custom field: string (text), number, or option id (select). */
export type CustomValue = string | number | { optionId: string };

export interface IssueRecord {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  statusId: string;
  priorityId: string | null;
  summary: string;
  description: AdfDoc | null;
  labels: string[];
  duedate: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  custom: Record<string, CustomValue>;
  created: number;
  updated: number;
  statusCategoryChanged: number;
  /** Original and remaining estimate (the `timetracking` field); absent: neither set. */
  timeTracking?: TimeTrackingRecord;
  /** The `parent` field: an epic above a standard issue, or the issue above a sub-task. */
  parentId?: string | null;
  /** The `components`, `fixVersions` and `versions` fields: ids of the project's components and versions. */
  componentIds?: string[];
  fixVersionIds?: string[];
  versionIds?: string[];
}

/** A link type: "Blocks" reads "blocks" from the source (outward) and "is blocked by" from the destination. */
export interface IssueLinkTypeSeed {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

/** An issue link: `sourceId` is the issue the outward description applies to (A blocks B: source A). */
export interface IssueLinkRecord {
  id: string;
  typeId: string;
  sourceId: string;
  destinationId: string;
}

export interface CommentRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfDoc;
  visibility: { type: 'group' | 'role'; value: string } | null;
  created: number;
  updated: number;
}

/** A worklog: `timeSpentSeconds` of work from `started` (epoch ms), with an optional ADF comment. */
export interface WorklogRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  comment: AdfDoc | null;
  started: number;
  timeSpentSeconds: number;
  visibility: { type: 'group' | 'role'; value: string } | null;
  created: number;
  updated: number;
}

/** An issue's estimates in seconds (null: not set). Time spent is the sum of its worklogs. */
export interface TimeTrackingRecord {
  originalEstimate: number | null;
  remainingEstimate: number | null;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  issueId: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface RemoteLinkRecord {
  id: number;
  issueId: string;
  globalId: string | null;
  /** The request body as sent (application, object, relationship), kept verbatim like Jira does. */
  link: Record<string, unknown>;
}

export interface AttachmentRecord {
  id: string;
  issueId: string;
  authorId: string;
  filename: string;
  mimeType: string;
  size: number;
  created: number;
}

export interface Actor {
  accountId: string;
}

export interface SiteRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/issue/ACME-1?fields=summary`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Exact body bytes (the Forge runtime sends them next to a text `body`); they win over `body`. */
  bytes?: Uint8Array;
  actor: Actor;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Raw bytes for binary answers (attachment content); `body` is then the latin1 view of them. */
  bytes?: Uint8Array;
}

export interface SiteEvent {
  eventType: string;
  payload: unknown;
  actorAccountId: string;
}
