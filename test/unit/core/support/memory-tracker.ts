// An in-memory issue tracker behind the core's Tracker port, for engine tests and the
// convergence model. It enforces the workflow (status only through transitions) like Jira does.
import { localIssueId, type LocalIssueId, type PairId } from '../../../../src/core/ids';
import type { FieldEdit } from '../../../../src/core/planning/change-plan';
import type { NewComment, StoredValues, Tracker } from '../../../../src/core/ports/tracker';
import type { FieldKey } from '../../../../src/core/replica/field-key';
import type { AttachmentReplica } from '../../../../src/core/replica/replica';
import type { IssueSnapshot, SnapshotComment } from '../../../../src/core/replica/snapshot';
import type { ReplicaValue } from '../../../../src/core/replica/value';
import type { RichDoc } from '../../../../src/core/richtext/model';
import type { TrackerMetadata } from '../../../../src/core/rules/metadata';
import { TrackerError } from '../../../../src/core/sync/tracker-error';

type Issue = {
  id: LocalIssueId;
  key: string;
  projectKey: string;
  pairTag: string | null;
  updatedAt: number;
  fields: Partial<Record<FieldKey, { value: ReplicaValue; ts: number }>>;
  comments: SnapshotComment[];
  attachments: IssueSnapshot['attachments'];
};

export const defaultMetadata = (projectKey: string): TrackerMetadata => ({
  projectKey,
  issueTypes: ['Task', 'Bug'],
  priorities: ['High', 'Medium', 'Low'],
  statuses: ['Open', 'In Progress', 'Done'],
  initialStatus: 'Open',
  transitions: [
    { id: '11', name: 'Start', from: ['Open'], to: 'In Progress' },
    { id: '21', name: 'Finish', from: ['In Progress'], to: 'Done' },
    { id: '31', name: 'Reopen', from: [], to: 'Open' },
  ],
  fields: {
    summary: { kind: 'text', maxLength: 255, required: true },
    description: { kind: 'rich', maxLength: 32_767 },
    priority: { kind: 'option', options: [] },
    status: { kind: 'option', options: [] },
    issuetype: { kind: 'option', options: [] },
    labels: { kind: 'options' },
    duedate: { kind: 'date' },
    assignee: { kind: 'user' },
    'custom:1': { kind: 'number', min: 0, max: 1000 },
  },
});

export class MemoryTracker implements Tracker {
  readonly issues = new Map<string, Issue>();
  writes = 0;
  creates = 0;
  /** Lookups of an earlier comment add (findMirroredComment). */
  reads = 0;
  /** Comment id → the mirror token its add carried (Jira keeps it as a comment property). */
  readonly mirrorTokens = new Map<string, string>();
  private seq = 0;
  /** Make the next tracker write fail (transient: like a 503; permanent: like a 400). */
  failNextWrite: { transient: boolean; message: string } | null = null;

  constructor(
    private readonly projectKey: string,
    private readonly now: () => number,
    readonly metadata: TrackerMetadata = defaultMetadata(projectKey),
  ) {}

  /** An agent creates an issue. */
  createLocal(fields: Partial<Record<FieldKey, ReplicaValue>>): LocalIssueId {
    const id = localIssueId(`${this.projectKey.toLowerCase()}-${++this.seq}`);
    const issue: Issue = { id, key: `${this.projectKey}-${this.seq}`, projectKey: this.projectKey, pairTag: null, updatedAt: this.now(), fields: {}, comments: [], attachments: [] };
    issue.fields.status = { value: { kind: 'option', name: this.metadata.initialStatus }, ts: this.now() };
    for (const [k, v] of Object.entries(fields)) if (v) issue.fields[k as FieldKey] = { value: v, ts: this.now() };
    this.issues.set(id, issue);
    return id;
  }

  /** An agent edits a field (status included, as if by a transition). */
  edit(id: LocalIssueId, key: FieldKey, value: ReplicaValue): void {
    const issue = this.must(id);
    issue.fields[key] = { value, ts: this.now() };
    issue.updatedAt = this.now();
  }

  /** An agent comments. */
  comment(id: LocalIssueId, text: string, internal = false): string {
    const issue = this.must(id);
    const commentId = `c${++this.seq}`;
    issue.comments.push({ id: commentId, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, internal, author: { displayName: 'Agent', email: 'agent@example.com' }, updatedAt: this.now() });
    return commentId;
  }

  value(id: LocalIssueId, key: FieldKey): ReplicaValue | undefined {
    return this.issues.get(id)?.fields[key]?.value;
  }

  /** Like Jira's GET /issue/{idOrKey}: an id or a key. */
  async getIssue(id: LocalIssueId): Promise<IssueSnapshot | null> {
    const issue = this.issues.get(id) ?? [...this.issues.values()].find((i) => i.key === id);
    return issue ? structuredClone({ id: issue.id, key: issue.key, projectKey: issue.projectKey, updatedAt: issue.updatedAt, fields: issue.fields, comments: issue.comments, attachments: issue.attachments }) : null;
  }

  async getMetadata(): Promise<TrackerMetadata> {
    return structuredClone(this.metadata);
  }

  async findIssueByPair(pairId: PairId): Promise<LocalIssueId | null> {
    return [...this.issues.values()].find((i) => i.pairTag === pairId)?.id ?? null;
  }

  async createIssue(input: { pairId: PairId; projectKey: string; issueType: string; edits: FieldEdit[] }) {
    this.maybeFail();
    this.creates++;
    this.writes++;
    const fields: Partial<Record<FieldKey, ReplicaValue>> = { issuetype: { kind: 'option', name: input.issueType } };
    for (const e of input.edits) fields[e.field] = e.value;
    const id = this.createLocal(fields);
    this.must(id).pairTag = input.pairId;
    return { id, key: this.must(id).key, stored: fields as StoredValues };
  }

  async updateFields(id: LocalIssueId, edits: FieldEdit[]): Promise<StoredValues> {
    this.maybeFail();
    this.writes++;
    for (const e of edits) {
      if (e.field === 'status') throw new TrackerError('status changes only through transitions', false, 'status');
      this.edit(id, e.field, e.value);
    }
    return Object.fromEntries(edits.map((e) => [e.field, e.value]));
  }

  async transition(id: LocalIssueId, transitionId: string): Promise<void> {
    this.maybeFail();
    this.writes++;
    const issue = this.must(id);
    const t = this.metadata.transitions.find((x) => x.id === transitionId);
    const current = issue.fields.status?.value;
    const from = current?.kind === 'option' ? current.name : '';
    if (!t || (t.from.length > 0 && !t.from.includes(from))) throw new TrackerError(`transition ${transitionId} is not available from ${from}`, false, 'status');
    this.edit(id, 'status', { kind: 'option', name: t.to });
  }

  async addComment(id: LocalIssueId, c: NewComment): Promise<string> {
    this.maybeFail();
    this.writes++;
    const commentId = `c${++this.seq}`;
    this.must(id).comments.push({ id: commentId, body: c.body, internal: c.internal, author: { displayName: 'Liaison' }, updatedAt: this.now() });
    if (c.mirrorOf) this.mirrorTokens.set(commentId, c.mirrorOf);
    return commentId;
  }

  async findMirroredComment(_id: LocalIssueId, c: NewComment & { mirrorOf: string }, candidates: readonly string[]): Promise<string | null> {
    this.reads++;
    return candidates.find((id) => this.mirrorTokens.get(id) === c.mirrorOf) ?? null;
  }

  async updateComment(id: LocalIssueId, commentId: string, body: RichDoc): Promise<void> {
    this.writes++;
    const c = this.must(id).comments.find((x) => x.id === commentId);
    if (c) Object.assign(c, { body, updatedAt: this.now() });
  }

  async deleteComment(id: LocalIssueId, commentId: string): Promise<void> {
    this.writes++;
    const issue = this.must(id);
    issue.comments = issue.comments.filter((c) => c.id !== commentId);
  }

  async deleteIssue(id: LocalIssueId): Promise<void> {
    this.maybeFail();
    this.writes++;
    this.issues.delete(id);
  }

  async addAttachment(id: LocalIssueId, a: AttachmentReplica): Promise<string> {
    this.writes++;
    const attId = `a${++this.seq}`;
    this.must(id).attachments.push({ id: attId, filename: a.filename, mimeType: a.mimeType, size: a.size, ref: `local:${attId}` });
    return attId;
  }

  private maybeFail(): void {
    const f = this.failNextWrite;
    if (f) {
      this.failNextWrite = null;
      throw new TrackerError(f.message, f.transient);
    }
  }

  private must(id: LocalIssueId): Issue {
    const issue = this.issues.get(id);
    if (!issue) throw new TrackerError(`issue ${id} does not exist`, false);
    return issue;
  }
}
