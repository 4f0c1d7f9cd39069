// Persistence for one emulated site: a SQLite file (<dataDir>/jira-<name>.db) or an in-memory database.
// Rows hold JSON documents keyed by id; the few columns beside them exist only for lookups.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AttachmentRecord,
  ChangelogRecord,
  CommentRecord,
  CustomFieldSeed,
  IssueRecord,
  TimeTrackingRecord,
  WorklogRecord,
  PrioritySeed,
  ProjectRecord,
  RemoteLinkRecord,
  UserRecord,
} from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (account_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (key TEXT PRIMARY KEY, id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issues (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_key TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY, issue_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS comments_issue ON comments(issue_id);
CREATE TABLE IF NOT EXISTS changelog (id INTEGER PRIMARY KEY, issue_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changelog_issue ON changelog(issue_id);
CREATE TABLE IF NOT EXISTS issue_properties (issue_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key));
CREATE TABLE IF NOT EXISTS comment_properties (comment_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (comment_id, key));
CREATE TABLE IF NOT EXISTS remote_links (id INTEGER PRIMARY KEY, issue_id TEXT NOT NULL, global_id TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS remote_links_issue ON remote_links(issue_id);
CREATE TABLE IF NOT EXISTS attachments (id INTEGER PRIMARY KEY, issue_id TEXT NOT NULL, doc TEXT NOT NULL, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS worklogs (id INTEGER PRIMARY KEY, issue_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS worklogs_issue ON worklogs(issue_id);
CREATE TABLE IF NOT EXISTS worklog_properties (worklog_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (worklog_id, key));
`;

type Row = { doc: string };
const parse = <T>(row: Row | undefined): T | undefined => (row ? (JSON.parse(row.doc) as T) : undefined);
const parseAll = <T>(rows: Row[]): T[] => rows.map((r) => JSON.parse(r.doc) as T);

export class SiteStore {
  private readonly db: Database.Database;
  /** Prepared once per SQL text: preparing is most of a small query's cost in better-sqlite3. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(name: string, dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new Database(dataDir ? join(dataDir, `jira-${name}.db`) : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` atomically: a failed request leaves no half-applied change behind. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta<T>(key: string): T | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setMeta(key: string, value: unknown): void {
    this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }

  /** Next id of a sequence; Jira ids start at 10000. */
  nextId(sequence: string): number {
    const next = (this.getMeta<number>(`seq:${sequence}`) ?? 9999) + 1;
    this.setMeta(`seq:${sequence}`, next);
    return next;
  }

  priorities(): PrioritySeed[] {
    return this.getMeta<PrioritySeed[]>('priorities') ?? [];
  }

  customFields(): CustomFieldSeed[] {
    return this.getMeta<CustomFieldSeed[]>('customFields') ?? [];
  }

  putUser(user: UserRecord): void {
    this.sql('INSERT OR REPLACE INTO users (account_id, doc) VALUES (?, ?)').run(user.accountId, JSON.stringify(user));
  }
  user(accountId: string): UserRecord | undefined {
    return parse(this.sql('SELECT doc FROM users WHERE account_id = ?').get(accountId) as Row | undefined);
  }
  users(): UserRecord[] {
    return parseAll(this.sql('SELECT doc FROM users ORDER BY account_id').all() as Row[]);
  }

  putProject(project: ProjectRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO projects (key, id, doc) VALUES (?, ?, ?)')
      .run(project.key, project.id, JSON.stringify(project));
  }
  projects(): ProjectRecord[] {
    return parseAll(this.sql('SELECT doc FROM projects ORDER BY key').all() as Row[]);
  }

  putIssue(issue: IssueRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO issues (id, key, project_key, doc) VALUES (?, ?, ?, ?)')
      .run(Number(issue.id), issue.key, issue.projectKey, JSON.stringify(issue));
  }
  issueById(id: string): IssueRecord | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return parse(this.sql('SELECT doc FROM issues WHERE id = ?').get(Number(id)) as Row | undefined);
  }
  issueByKey(key: string): IssueRecord | undefined {
    return parse(this.sql('SELECT doc FROM issues WHERE key = ?').get(key.toUpperCase()) as Row | undefined);
  }
  issues(projectKeys?: string[]): IssueRecord[] {
    if (!projectKeys) return parseAll(this.sql('SELECT doc FROM issues ORDER BY id').all() as Row[]);
    if (projectKeys.length === 0) return [];
    const marks = projectKeys.map(() => '?').join(',');
    return parseAll(
      this.sql(`SELECT doc FROM issues WHERE project_key IN (${marks}) ORDER BY id`).all(...projectKeys) as Row[],
    );
  }
  deleteIssue(id: string): void {
    const commentIds = this.comments(id).map((c) => c.id);
    for (const cid of commentIds) this.sql('DELETE FROM comment_properties WHERE comment_id = ?').run(cid);
    for (const w of this.worklogs(id)) this.sql('DELETE FROM worklog_properties WHERE worklog_id = ?').run(w.id);
    for (const table of ['comments', 'changelog', 'issue_properties', 'remote_links', 'attachments', 'worklogs']) {
      this.sql(`DELETE FROM ${table} WHERE issue_id = ?`).run(id);
    }
    this.sql('DELETE FROM issues WHERE id = ?').run(Number(id));
  }

  putComment(comment: CommentRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO comments (id, issue_id, doc) VALUES (?, ?, ?)')
      .run(Number(comment.id), comment.issueId, JSON.stringify(comment));
  }
  comment(id: string): CommentRecord | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return parse(this.sql('SELECT doc FROM comments WHERE id = ?').get(Number(id)) as Row | undefined);
  }
  comments(issueId: string): CommentRecord[] {
    return parseAll(this.sql('SELECT doc FROM comments WHERE issue_id = ? ORDER BY id').all(issueId) as Row[]);
  }
  deleteComment(id: string): void {
    this.sql('DELETE FROM comment_properties WHERE comment_id = ?').run(id);
    this.sql('DELETE FROM comments WHERE id = ?').run(Number(id));
  }

  putWorklog(worklog: WorklogRecord): void {
    this.sql('INSERT OR REPLACE INTO worklogs (id, issue_id, doc) VALUES (?, ?, ?)').run(Number(worklog.id), worklog.issueId, JSON.stringify(worklog));
  }
  worklog(id: string): WorklogRecord | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return parse(this.sql('SELECT doc FROM worklogs WHERE id = ?').get(Number(id)) as Row | undefined);
  }
  worklogs(issueId: string): WorklogRecord[] {
    return parseAll(this.sql('SELECT doc FROM worklogs WHERE issue_id = ? ORDER BY id').all(issueId) as Row[]);
  }
  deleteWorklog(id: string): void {
    this.sql('DELETE FROM worklog_properties WHERE worklog_id = ?').run(id);
    this.sql('DELETE FROM worklogs WHERE id = ?').run(Number(id));
  }
  /** An issue's estimates (kept on its record, where create and edit set them). */
  timeTracking(issueId: string): TimeTrackingRecord {
    return this.issueById(issueId)?.timeTracking ?? { originalEstimate: null, remainingEstimate: null };
  }
  putTimeTracking(issueId: string, record: TimeTrackingRecord): void {
    const issue = this.issueById(issueId);
    if (issue) this.putIssue({ ...issue, timeTracking: record });
  }

  addChangelog(entry: ChangelogRecord): void {
    this.db
      .prepare('INSERT INTO changelog (id, issue_id, doc) VALUES (?, ?, ?)')
      .run(Number(entry.id), entry.issueId, JSON.stringify(entry));
  }
  changelog(issueId: string): ChangelogRecord[] {
    return parseAll(this.sql('SELECT doc FROM changelog WHERE issue_id = ? ORDER BY id').all(issueId) as Row[]);
  }

  property(table: 'issue' | 'comment' | 'worklog', ownerId: string, key: string): unknown {
    const row = this.db
      .prepare(`SELECT value FROM ${table}_properties WHERE ${table}_id = ? AND key = ?`)
      .get(ownerId, key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }
  properties(table: 'issue' | 'comment' | 'worklog', ownerId: string): { key: string; value: unknown }[] {
    const rows = this.db
      .prepare(`SELECT key, value FROM ${table}_properties WHERE ${table}_id = ? ORDER BY key`)
      .all(ownerId) as { key: string; value: string }[];
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown }));
  }
  setProperty(table: 'issue' | 'comment' | 'worklog', ownerId: string, key: string, value: unknown): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO ${table}_properties (${table}_id, key, value) VALUES (?, ?, ?)`)
      .run(ownerId, key, JSON.stringify(value));
  }
  deleteProperty(table: 'issue' | 'comment' | 'worklog', ownerId: string, key: string): boolean {
    return this.sql(`DELETE FROM ${table}_properties WHERE ${table}_id = ? AND key = ?`).run(ownerId, key).changes > 0;
  }

  putRemoteLink(link: RemoteLinkRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO remote_links (id, issue_id, global_id, doc) VALUES (?, ?, ?, ?)')
      .run(link.id, link.issueId, link.globalId, JSON.stringify(link));
  }
  remoteLinks(issueId: string): RemoteLinkRecord[] {
    return parseAll(this.sql('SELECT doc FROM remote_links WHERE issue_id = ? ORDER BY id').all(issueId) as Row[]);
  }
  deleteRemoteLink(id: number): void {
    this.sql('DELETE FROM remote_links WHERE id = ?').run(id);
  }

  putAttachment(meta: AttachmentRecord, content: Uint8Array): void {
    this.db
      .prepare('INSERT INTO attachments (id, issue_id, doc, content) VALUES (?, ?, ?, ?)')
      .run(Number(meta.id), meta.issueId, JSON.stringify(meta), Buffer.from(content));
  }
  attachment(id: string): AttachmentRecord | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return parse(this.sql('SELECT doc FROM attachments WHERE id = ?').get(Number(id)) as Row | undefined);
  }
  attachmentContent(id: string): Buffer | undefined {
    const row = this.sql('SELECT content FROM attachments WHERE id = ?').get(Number(id)) as
      | { content: Buffer }
      | undefined;
    return row?.content;
  }
  attachments(issueId: string): AttachmentRecord[] {
    return parseAll(this.sql('SELECT doc FROM attachments WHERE issue_id = ? ORDER BY id').all(issueId) as Row[]);
  }
  deleteAttachment(id: string): void {
    this.sql('DELETE FROM attachments WHERE id = ?').run(Number(id));
  }
}
