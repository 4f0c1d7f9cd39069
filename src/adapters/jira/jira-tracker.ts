// The core's Tracker port on Jira Cloud REST v3. One instance per invocation: its caches (field
// schemas, metadata, user lookups) live exactly as long as the work they serve.
import { route } from '@forge/api';
import type { LocalIssueId, PairId } from '../../core/ids';
import type { FieldEdit } from '../../core/planning/change-plan';
import type { NewComment, NewWorklog, StoredValues, Tracker } from '../../core/ports/tracker';
import type { AttachmentReplica } from '../../core/replica/replica';
import type { IssueSnapshot } from '../../core/replica/snapshot';
import type { RichDoc } from '../../core/richtext/model';
import type { TrackerMetadata } from '../../core/rules/metadata';
import type { ServiceDeskFieldIds } from '../../core/rules/service-desk-rule';
import { AttachmentWriter, type AttachmentSlice, type AttachmentSource } from './attachment-writer';
import { CommentWriter } from './comment-writer';
import { FieldCatalog } from './field-kinds';
import type { IssueReadAhead } from './issue-project';
import { IssueWriter } from './issue-writer';
import { JiraClient } from './jira-client';
import { issueMatchesJql, jqlClauseErrors } from './jql-scope';
import type { JiraHttp } from './jira-http';
import { MetadataReader } from './metadata-reader';
import type { MetadataCache } from './metadata-cache';
import { FULL_READ, type ReadPlan } from './read-plan';
import { upsertRemoteLink, type PartnerLink } from './remote-link';
import { RelationsWriter } from './relations-writer';
import { ServiceDesk } from './service-desk';
import type { ParticipantRef } from '../../core/planning/incoming-service-desk';
import { childIssueIds } from './children-search';
import { SnapshotReader } from './snapshot-reader';
import { UserDirectory } from './user-directory';
import { WorklogWriter } from './worklog-writer';

export type JiraTrackerOptions = {
  /** The transport: `forgeJiraHttp()` in the app, a fake in unit tests. */
  http: JiraHttp;
  /** What getIssue fetches; `readPlanFor(rules)` builds it from the project's rules. */
  read?: ReadPlan;
  /** The incoming rule's fallback for people no local account matches. */
  defaultAccountId?: string | null;
  /** Where incoming attachment content comes from, and the incoming rule's size cap. */
  attachments?: { source: AttachmentSource; maxBytes: number };
  /** Project metadata kept across invocations; `fresh` re-reads Jira and rewrites the cache. */
  metadataCache?: { cache: MetadataCache; fresh?: boolean };
  /** The issue already read with every field (an event naming it by id): its first getIssue decodes this answer instead of a GET. */
  readAhead?: IssueReadAhead;
};

export class JiraTracker implements Tracker {
  private readonly client: JiraClient;
  private readonly catalog = new FieldCatalog();
  private readonly snapshots: SnapshotReader;
  private readonly metadata: MetadataReader;
  private readonly issues: IssueWriter;
  private readonly commentWriter: CommentWriter;
  private readonly attachmentWriter: AttachmentWriter;
  private readonly relations: RelationsWriter;
  private readonly worklogWriter: WorklogWriter;
  private readonly serviceDesk: ServiceDesk;
  /** The project of each issue this instance read or made: a request type is set with what the project's metadata knows. */
  private readonly projectOf = new Map<string, string>();
  private readAhead: IssueReadAhead | undefined;

  constructor(options: JiraTrackerOptions) {
    this.client = new JiraClient(options.http);
    const users = new UserDirectory(this.client, options.defaultAccountId ?? null);
    this.serviceDesk = new ServiceDesk(this.client, users, (options.read ?? FULL_READ).includeEmail);
    const serviceDesk = this.serviceDesk;
    this.snapshots = new SnapshotReader(this.client, this.catalog, options.read ?? FULL_READ, { person: serviceDesk.person, request: (id, now) => serviceDesk.read(id, now) });
    this.metadata = new MetadataReader(this.client, this.catalog, options.metadataCache ?? null, (projectKey) => serviceDesk.deskOf(projectKey));
    this.issues = new IssueWriter(this.client, this.catalog, users);
    this.commentWriter = new CommentWriter(this.client);
    this.relations = new RelationsWriter(this.client);
    this.worklogWriter = new WorklogWriter(this.client);
    this.readAhead = options.readAhead;
    this.attachmentWriter = new AttachmentWriter(this.client, options.attachments?.source ?? null, options.attachments?.maxBytes ?? 0);
  }

  async getIssues(ids: LocalIssueId[]): Promise<Map<string, IssueSnapshot> | null> {
    // Service desk fields ride in the search as in the single read (no request GET per issue).
    const many = await this.snapshots.readMany(ids);
    for (const snap of many?.values() ?? []) this.projectOf.set(snap.id, snap.projectKey);
    return many;
  }

  async getIssue(id: LocalIssueId): Promise<IssueSnapshot | null> {
    // Used once: a later read in the same invocation (after a write) must see Jira again.
    const ahead = this.readAhead?.issueId === id ? this.readAhead : undefined;
    if (ahead) this.readAhead = undefined;
    const snap = ahead ? await this.snapshots.fromAnswer(ahead.bean, ahead.status) : await this.snapshots.read(id);
    if (snap) this.projectOf.set(snap.id, snap.projectKey);
    return snap;
  }

  requestTypeNames(projectKey: string): Promise<string[] | null> {
    return this.serviceDesk.requestTypeNames(projectKey);
  }

  /** From the project's metadata (read fresh by a rule's save): the /field read it makes anyway. */
  async serviceDeskFieldIds(projectKey: string): Promise<ServiceDeskFieldIds | null> {
    return (await this.metadata.serviceDesk(projectKey))?.fieldIds ?? null;
  }

  async setRequestType(id: LocalIssueId, name: string): Promise<void> {
    const project = this.projectOf.get(id);
    const known = project ? await this.metadata.serviceDesk(project) : undefined;
    return this.serviceDesk.setRequestType(id, name, { ...(known?.deskId ? { deskId: known.deskId } : {}), ...(known?.requestTypes ? { requestTypes: known.requestTypes } : {}), ...(known?.fieldIds.requestType ? { fieldId: known.fieldIds.requestType } : {}) });
  }

  changeParticipants(id: LocalIssueId, change: { add: ParticipantRef[]; remove: ParticipantRef[] }, readBack?: boolean): ReturnType<ServiceDesk['changeParticipants']> {
    return this.serviceDesk.changeParticipants(id, change, readBack);
  }

  matchesJql(snapshot: IssueSnapshot, jql: string): Promise<boolean> {
    return issueMatchesJql(this.client.http, snapshot, jql);
  }

  jqlErrors(projectKey: string, clauses: readonly string[]): Promise<string[][]> {
    return jqlClauseErrors(this.client.http, projectKey, clauses);
  }

  getMetadata(projectKey: string): Promise<TrackerMetadata> {
    return this.metadata.read(projectKey);
  }

  findIssueByPair(pairId: PairId): Promise<LocalIssueId | null> {
    return this.issues.findByPair(pairId);
  }

  async createIssue(input: { pairId: PairId; projectKey: string; issueType: string; edits: FieldEdit[]; parent?: LocalIssueId }): Promise<{ id: LocalIssueId; key: string; url?: string; stored: StoredValues }> {
    const made = await this.issues.create(input);
    this.projectOf.set(made.id, input.projectKey);
    return made;
  }

  updateFields(id: LocalIssueId, edits: FieldEdit[]): Promise<StoredValues> {
    return this.issues.update(id, edits);
  }

  transition(id: LocalIssueId, transitionId: string): Promise<void> {
    return this.issues.transition(id, transitionId);
  }

  addComment(id: LocalIssueId, comment: NewComment): Promise<string> {
    return this.commentWriter.add(id, comment);
  }

  findMirroredComment(id: LocalIssueId, comment: NewComment & { mirrorOf: string }, candidates: readonly string[]): Promise<string | null> {
    return this.commentWriter.findMirrored(id, comment.mirrorOf, candidates);
  }

  updateComment(id: LocalIssueId, commentId: string, body: RichDoc): Promise<void> {
    return this.commentWriter.update(id, commentId, body);
  }

  deleteComment(id: LocalIssueId, commentId: string): Promise<void> {
    return this.commentWriter.remove(id, commentId);
  }

  addWorklog(id: LocalIssueId, worklog: NewWorklog): Promise<string> {
    return this.worklogWriter.add(id, worklog);
  }

  findMirroredWorklog(id: LocalIssueId, token: string, candidates: readonly string[]): Promise<string | null> {
    return this.worklogWriter.findMirrored(id, token, candidates);
  }

  updateWorklog(id: LocalIssueId, worklogId: string, worklog: NewWorklog): Promise<void> {
    return this.worklogWriter.update(id, worklogId, worklog);
  }

  deleteWorklog(id: LocalIssueId, worklogId: string, adjustEstimate: 'auto' | 'leave', newEstimateSeconds?: number): Promise<boolean> {
    return this.worklogWriter.remove(id, worklogId, adjustEstimate, newEstimateSeconds);
  }

  setParent(id: LocalIssueId, parent: LocalIssueId | null): Promise<void> {
    return this.relations.setParent(id, parent);
  }

  addIssueLink(link: { type: string; source: LocalIssueId; destination: LocalIssueId }): Promise<void> {
    return this.relations.addLink(link);
  }

  childrenOf(id: LocalIssueId, max: number): Promise<LocalIssueId[]> {
    return childIssueIds(this.client, id, max);
  }

  linkTypeNames(): Promise<string[]> {
    return this.relations.linkTypeNames();
  }

  removeIssueLink(linkId: string): Promise<void> {
    return this.relations.removeLink(linkId);
  }

  addAttachment(id: LocalIssueId, attachment: AttachmentReplica): Promise<string> {
    return this.attachmentWriter.add(id, attachment);
  }

  /** Not part of the port: the entry layer links a pair once both issue keys are known. */
  async deleteIssue(id: LocalIssueId): Promise<void> {
    // A 404 means it is gone already, which is what was asked.
    await this.client.sendOrNull(`delete issue ${id}`, 'DELETE', route`/rest/api/3/issue/${id}`);
  }

  linkPartner(id: LocalIssueId, link: PartnerLink): Promise<number> {
    return upsertRemoteLink(this.client, id, link);
  }

  /** Not part of the port: one byte range of a local attachment, to serve as one chunk. */
  attachmentRange(attachmentId: string, offset: number, length: number, size: number): Promise<AttachmentSlice> {
    return this.attachmentWriter.contentRange(attachmentId, offset, length, size);
  }
}
