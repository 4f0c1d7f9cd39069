// Persistence for one emulated instance: a SQLite file (<dataDir>/servicenow-<name>.db) or an in-memory
// database. Records of every table are JSON documents in one table; `seq` keeps insertion order (the
// order lists come back in without ORDERBY) and `parent` indexes journal entries and attachments.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SnRecord } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, sys_id TEXT NOT NULL, parent TEXT, doc TEXT NOT NULL, UNIQUE (table_name, sys_id));
CREATE INDEX IF NOT EXISTS records_parent ON records(table_name, parent);
CREATE TABLE IF NOT EXISTS attachment_content (sys_id TEXT PRIMARY KEY, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS credentials (user_sys_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_clients (client_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_tokens (token TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

export interface Credentials {
  password?: string;
  roles: string[];
}

export interface OAuthClient {
  clientSecret: string;
  /** sys_id of the OAuth Application User. */
  userSysId: string;
  name: string;
}

export interface OAuthToken {
  kind: 'access' | 'refresh';
  userSysId: string;
  clientId: string;
  expiresAt: number;
}

type DocRow = { doc: string };

/** Journal entries and attachments hang off a parent record; their parent column makes that lookup cheap. */
function parentOf(table: string, record: SnRecord): string | null {
  if (table === 'sys_journal_field') return record.element_id ?? null;
  if (table === 'sys_attachment') return record.table_sys_id ?? null;
  return null;
}

export class InstanceStore {
  private readonly db: Database.Database;

  constructor(name: string, dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new Database(dataDir ? join(dataDir, `servicenow-${name}.db`) : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` atomically: a failed request leaves no half-applied change behind. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setMeta(key: string, value: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }

  /** Next value of a counter that starts at `start`. */
  nextCounter(name: string, start: number): number {
    const next = (this.getMeta<number>(`counter:${name}`) ?? start - 1) + 1;
    this.setMeta(`counter:${name}`, next);
    return next;
  }

  insert(table: string, record: SnRecord): void {
    this.db
      .prepare('INSERT INTO records (table_name, sys_id, parent, doc) VALUES (?, ?, ?, ?)')
      .run(table, record.sys_id, parentOf(table, record), JSON.stringify(record));
  }

  update(table: string, record: SnRecord): void {
    this.db
      .prepare('UPDATE records SET doc = ?, parent = ? WHERE table_name = ? AND sys_id = ?')
      .run(JSON.stringify(record), parentOf(table, record), table, record.sys_id);
  }

  get(table: string, sysId: string): SnRecord | undefined {
    const row = this.db.prepare('SELECT doc FROM records WHERE table_name = ? AND sys_id = ?').get(table, sysId) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as SnRecord) : undefined;
  }

  delete(table: string, sysId: string): void {
    this.db.prepare('DELETE FROM records WHERE table_name = ? AND sys_id = ?').run(table, sysId);
    if (table === 'sys_attachment') this.db.prepare('DELETE FROM attachment_content WHERE sys_id = ?').run(sysId);
  }

  /** Every record of a table, in insertion order. */
  all(table: string): SnRecord[] {
    const rows = this.db.prepare('SELECT doc FROM records WHERE table_name = ? ORDER BY seq').all(table) as DocRow[];
    return rows.map((r) => JSON.parse(r.doc) as SnRecord);
  }

  /** Journal entries (or attachments) of one parent record, in insertion order. */
  children(table: 'sys_journal_field' | 'sys_attachment', parentSysId: string): SnRecord[] {
    const rows = this.db
      .prepare('SELECT doc FROM records WHERE table_name = ? AND parent = ? ORDER BY seq')
      .all(table, parentSysId) as DocRow[];
    return rows.map((r) => JSON.parse(r.doc) as SnRecord);
  }

  putContent(sysId: string, content: Uint8Array): void {
    this.db.prepare('INSERT OR REPLACE INTO attachment_content (sys_id, content) VALUES (?, ?)').run(sysId, Buffer.from(content));
  }

  content(sysId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT content FROM attachment_content WHERE sys_id = ?').get(sysId) as { content: Buffer } | undefined;
    return row?.content;
  }

  setCredentials(userSysId: string, creds: Credentials): void {
    this.db.prepare('INSERT OR REPLACE INTO credentials (user_sys_id, doc) VALUES (?, ?)').run(userSysId, JSON.stringify(creds));
  }

  credentials(userSysId: string): Credentials | undefined {
    const row = this.db.prepare('SELECT doc FROM credentials WHERE user_sys_id = ?').get(userSysId) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as Credentials) : undefined;
  }

  putClient(clientId: string, client: OAuthClient): void {
    this.db.prepare('INSERT OR REPLACE INTO oauth_clients (client_id, doc) VALUES (?, ?)').run(clientId, JSON.stringify(client));
  }

  client(clientId: string): OAuthClient | undefined {
    const row = this.db.prepare('SELECT doc FROM oauth_clients WHERE client_id = ?').get(clientId) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as OAuthClient) : undefined;
  }

  putToken(token: string, doc: OAuthToken): void {
    this.db.prepare('INSERT OR REPLACE INTO oauth_tokens (token, doc) VALUES (?, ?)').run(token, JSON.stringify(doc));
  }

  token(token: string): OAuthToken | undefined {
    const row = this.db.prepare('SELECT doc FROM oauth_tokens WHERE token = ?').get(token) as DocRow | undefined;
    return row ? (JSON.parse(row.doc) as OAuthToken) : undefined;
  }

  deleteToken(token: string): void {
    this.db.prepare('DELETE FROM oauth_tokens WHERE token = ?').run(token);
  }
}
