// The shipped business rule's notification, as ServiceNow would run it (async, after insert and update on the
// configured tables): a signed change notice POSTed to Liaison's web trigger. Format: see README.md.
import { createHmac } from 'node:crypto';
import type { RecordChange } from './types';

export type NoticePoster = (url: string, body: string, headers: Record<string, string>) => Promise<unknown>;

export interface BusinessRuleConfig {
  /** Liaison's web trigger URL. */
  url: string;
  /** Shared secret for the HMAC-SHA256 signature. */
  secret: string;
  /** Tables the rule runs on; `['incident']` when absent. */
  tables?: string[];
  /**
   * Whether the rule is also installed on sys_attachment (INSTALL.md's second rule): a file added to
   * a record of the tables then sends that record's notice. On by default.
   */
  attachments?: boolean;
  /** user_names whose writes the rule's condition skips (e.g. the integration user). None by default. */
  ignoreUsers?: string[];
  /**
   * The rule's condition on shared fields (INSTALL.md: `current.<field>.changes() || …`): an update
   * notifies only when one of these columns or a journal field (comments, work_notes) changed. Every
   * update notifies when absent (a rule installed without the condition).
   */
  fields?: string[];
  /** How the notice travels; a plain `fetch` POST when absent. Sandboxes route it to a web trigger in-process. */
  post?: NoticePoster;
}

export interface ChangeNotice {
  table: string;
  sys_id: string;
  sys_updated_on: string;
  operation: 'insert' | 'update';
}

// Spelled as the shipped script sets them (docs/servicenow/liaison-business-rule.js): a receiver
// that reads only the lower-case name would miss them on a real instance, and must here too.
const JOURNAL = new Set(['comments', 'work_notes']);

export const SIGNATURE_HEADER = 'X-Liaison-Signature';
export const TIMESTAMP_HEADER = 'X-Liaison-Timestamp';

/** base64(HMAC-SHA256(secret, `${timestamp}.${body}`)), what GlideCertificateEncryption.generateMac yields. */
export function signNotice(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64');
}

export function noticeHeaders(secret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'Content-Type': 'application/json',
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: `sha256=${signNotice(secret, timestamp, body)}`,
  };
}

/** The notice body for a change, or undefined when the rule does not run for it. */
export function noticeFor(config: BusinessRuleConfig, change: RecordChange): string | undefined {
  if (change.operation === 'delete') return undefined;
  if ((config.ignoreUsers ?? []).includes(change.user)) return undefined;
  const tables = config.tables ?? ['incident'];
  if (change.table === 'sys_attachment') {
    // The script on sys_attachment (inserts only) names the record the file was added to.
    const parentTable = change.record.table_name ?? '';
    if (config.attachments === false || change.operation !== 'insert' || !tables.includes(parentTable)) return undefined;
    const notice: ChangeNotice = { table: parentTable, sys_id: change.record.table_sys_id ?? '', sys_updated_on: change.record.sys_updated_on ?? '', operation: 'update' };
    return JSON.stringify(notice);
  }
  if (!tables.includes(change.table)) return undefined;
  if (change.operation === 'update' && config.fields && !(change.changed ?? []).some((c) => JOURNAL.has(c) || config.fields!.includes(c))) return undefined;
  const notice: ChangeNotice = {
    table: change.table,
    sys_id: change.sysId,
    sys_updated_on: change.record.sys_updated_on ?? '',
    operation: change.operation,
  };
  return JSON.stringify(notice);
}

export const fetchPoster: NoticePoster = async (url, body, headers) => {
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return { status: res.status };
};
