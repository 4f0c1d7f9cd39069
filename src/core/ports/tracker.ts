// The local issue tracker (Jira through REST, ServiceNow through the Table API, or the in-memory
// fake in tests). Values are neutral; adapters convert (ADF ⇄ rich text, accounts ⇄ users).
import type { LocalIssueId, PairId } from '../ids';
import type { FieldKey } from '../replica/field-key';
import type { AttachmentReplica } from '../replica/replica';
import type { IssueSnapshot } from '../replica/snapshot';
import type { ReplicaValue } from '../replica/value';
import type { RichDoc } from '../richtext/model';
import type { TrackerMetadata } from '../rules/metadata';
import type { ServiceDeskFieldIds } from '../rules/service-desk-rule';
import type { FieldEdit } from '../planning/change-plan';
import type { ParticipantRef } from '../planning/incoming-service-desk';
import type { SnapshotServiceDesk } from '../replica/service-desk';

/** Values as the tracker stored them, when that differs from what was asked (lossy conversions). */
export type StoredValues = Partial<Record<FieldKey, ReplicaValue>>;

export type NewComment = { body: RichDoc; internal: boolean; author: { displayName: string }; mirrorOf?: string };

/** A worklog Liaison logs for the partner; `mirrorOf` as for comments, `adjustEstimate` from the plan. */
/** `newEstimateSeconds`: set the remaining estimate to this in the same write instead of `adjustEstimate` (Jira: adjustEstimate=new). */
export type NewWorklog = { timeSpentSeconds: number; started: string; comment: RichDoc; author: { displayName: string }; mirrorOf?: string; adjustEstimate: 'auto' | 'leave'; newEstimateSeconds?: number };

export interface Tracker {
  /** By id, or by key (as Jira's GET /issue/{idOrKey}); the snapshot always carries the id. */
  getIssue(id: LocalIssueId): Promise<IssueSnapshot | null>;
  /**
   * Optional: many issues in one read (bulk sync), each snapshot equal to what getIssue returns;
   * absent ids are gone. Null when this tracker cannot for these ids (the caller reads one by one).
   */
  getIssues?(ids: LocalIssueId[]): Promise<Map<string, IssueSnapshot> | null>;
  getMetadata(projectKey: string): Promise<TrackerMetadata>;
  /**
   * Must be idempotent per pair: the adapter tags the issue with the pair id (Jira: an entity
   * property set in the create call) so a retried create after a crash finds the first one.
   */
  findIssueByPair(pairId: PairId): Promise<LocalIssueId | null>;
  /** `parent`: made under that issue (a sub-task cannot be made without one). */
  createIssue(input: { pairId: PairId; projectKey: string; issueType: string; edits: FieldEdit[]; parent?: LocalIssueId }): Promise<{ id: LocalIssueId; key: string; url?: string; stored: StoredValues }>;
  updateFields(id: LocalIssueId, edits: FieldEdit[]): Promise<StoredValues>;
  transition(id: LocalIssueId, transitionId: string): Promise<void>;
  /**
   * `mirrorOf`: a mirrored comment's token (pair and partner comment), stored with the comment in
   * the same write (Jira: a comment property) so findMirroredComment can find it again.
   */
  addComment(id: LocalIssueId, comment: NewComment): Promise<string>;
  /**
   * Optional: the comment an earlier addComment with this `mirrorOf` left, if any, among
   * `candidates` (the issue's comments, from the snapshot, that no pair claims yet). Makes a retried
   * add idempotent after a crash between the tracker write and the ledger commit.
   */
  findMirroredComment?(id: LocalIssueId, comment: NewComment & { mirrorOf: string }, candidates: readonly string[]): Promise<string | null>;
  updateComment(id: LocalIssueId, commentId: string, body: RichDoc): Promise<void>;
  deleteComment(id: LocalIssueId, commentId: string): Promise<void>;
  /**
   * Optional: worklogs (Jira; ServiceNow's time worked). A tracker without them reports each
   * incoming worklog as an error on the pair. findMirroredWorklog as findMirroredComment.
   */
  addWorklog?(id: LocalIssueId, worklog: NewWorklog): Promise<string>;
  findMirroredWorklog?(id: LocalIssueId, token: string, candidates: readonly string[]): Promise<string | null>;
  updateWorklog?(id: LocalIssueId, worklogId: string, worklog: NewWorklog): Promise<void>;
  /** False: the worklog was gone already, so nothing was written (nor `newEstimateSeconds` set). */
  deleteWorklog?(id: LocalIssueId, worklogId: string, adjustEstimate: 'auto' | 'leave', newEstimateSeconds?: number): Promise<boolean | void>;
  /** The adapter fetches the content from the partner (`attachment.ref`) and uploads it. */
  addAttachment(id: LocalIssueId, attachment: AttachmentReplica): Promise<string>;
  /**
   * Optional: show the partner issue in the tracker's own UI (Jira: a remote link, upserted per
   * pair, so calling it again is harmless). `partnerIssueId`: the partner issue's stable id, for a
   * tracker that keeps it with the link (ServiceNow: so the peer finds the pair without a Jira read).
   */
  linkPartner?(id: LocalIssueId, link: { pairId: PairId; url: string; title: string; partnerIssueId?: string }): Promise<unknown>;
  /**
   * Optional: whether the issue matches a JQL clause, by the tracker's own search (Jira: one
   * `key = X AND (clause)`), for scope clauses the snapshot cannot decide. Cached per issue version.
   */
  matchesJql?(snapshot: IssueSnapshot, jql: string): Promise<boolean>;
  /** Optional: the tracker's errors for each JQL clause within the project ([] = valid); absent = no JQL here. */
  jqlErrors?(projectKey: string, clauses: readonly string[]): Promise<string[][]>;
  /** Optional: put the issue under `parent`, or take it out of its parent (null). */
  setParent?(id: LocalIssueId, parent: LocalIssueId | null): Promise<void>;
  /**
   * Optional: link two issues with a link type named as the tracker names it (the same link made
   * twice is one). Answers no id (Jira's answer has none): the link is found in the source issue's
   * snapshot links by type and destination.
   */
  addIssueLink?(link: { type: string; source: LocalIssueId; destination: LocalIssueId }): Promise<void>;
  /** Optional: the names of the link types this site has (Jira: GET /rest/api/3/issueLinkType), for the rule's save check. */
  linkTypeNames?(): Promise<string[]>;
  /** Optional: the issue's children (Jira: `parent = X`, epics' children and sub-tasks), at most `max`. */
  childrenOf?(id: LocalIssueId, max: number): Promise<LocalIssueId[]>;
  /** Optional: remove a link; gone already is fine. */
  removeIssueLink?(linkId: string): Promise<void>;
  /** Optional (service desks): the project's request type names; null when the project is no service desk. */
  requestTypeNames?(projectKey: string): Promise<string[] | null>;
  /** Optional (service desks): where this site keeps request type, participants and SLAs (read at a rule's save); null when it has none. */
  serviceDeskFieldIds?(projectKey: string): Promise<ServiceDeskFieldIds | null>;
  /** Optional (service desks): set the request type by its name here; an unknown name is a permanent error. */
  setRequestType?(id: LocalIssueId, name: string): Promise<void>;
  /**
   * Optional (service desks): add and remove request participants; answers the people no local
   * account matched and, when `readBack` asks and something was written, the participants as they
   * now stand (null when not read or not all of them could be).
   */
  changeParticipants?(id: LocalIssueId, change: { add: ParticipantRef[]; remove: ParticipantRef[] }, readBack?: boolean): Promise<{ misses: { displayName: string; reason: string }[]; now: SnapshotServiceDesk['participants'] | null }>;
  /** Optional: delete an issue (a rule may follow the partner's deletes); gone already is fine. */
  deleteIssue?(id: LocalIssueId): Promise<void>;
}
