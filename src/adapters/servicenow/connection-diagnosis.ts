// "Test connection": reads the sync needs anyway (records of the table, the journal of one of them),
// classified into what an admin can act on. Writes are not tried: a test must not change the
// partner's data, so a role that can read but not write shows up on the first sync instead.
// The journal is proven on a record whose comments the user sees on the record itself: an ACL on
// sys_journal_field may hide its rows (200 with none) or refuse the read (403), and either way
// comments would silently never reach Jira.
import { serviceNowFailure } from './servicenow-errors';
import type { ServiceNowHttp, ServiceNowHttpResponse } from './servicenow-http';

export type ConnectionProblem = 'bad-credentials' | 'missing-role' | 'unknown-table' | 'unreachable' | 'journal-unreadable';
export type ConnectionDiagnosis = { ok: true } | { ok: false; problem: ConnectionProblem; message: string };

const TABLE = /^[A-Za-z0-9_]{1,80}$/;

function said(res: ServiceNowHttpResponse): string {
  const { message, detail } = serviceNowFailure(res.text);
  const text = [...new Set([message, detail].filter((s) => s.length > 0))].join(': ');
  return text ? ` ServiceNow said: "${text}".` : '';
}

function isJson(res: ServiceNowHttpResponse): boolean {
  try {
    const body = JSON.parse(res.text) as { result?: unknown };
    return Array.isArray(body?.result);
  } catch {
    return false;
  }
}

async function read(http: ServiceNowHttp, path: string): Promise<ServiceNowHttpResponse | { failed: string }> {
  try {
    return await http.request('GET', path);
  } catch (e) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
}

function classify(res: ServiceNowHttpResponse | { failed: string }, table: string, what: string): ConnectionDiagnosis | null {
  if ('failed' in res) return { ok: false, problem: 'unreachable', message: `The ServiceNow instance could not be reached (${res.failed}). Check the instance URL and that the instance is running.` };
  if (res.headers['forge-proxy-error']) {
    return { ok: false, problem: 'unreachable', message: `Forge blocked the call to the instance (${res.headers['forge-proxy-error']}): the instance's host is not in the app's egress permissions.` };
  }
  if (res.status === 401) return { ok: false, problem: 'bad-credentials', message: `ServiceNow did not accept the credentials: check the integration user's name and password, or the OAuth client id and secret.${said(res)}` };
  if (res.status === 403) return { ok: false, problem: 'missing-role', message: `The integration user signed in but may not read ${what}: give it a role with read access (for incidents, itil).${said(res)}` };
  if (res.status === 400 && /invalid table/i.test(res.text)) return { ok: false, problem: 'unknown-table', message: `The instance has no table named "${table}". Check the spelling (for example incident, change_request, problem, sc_req_item).` };
  if (res.status === 404) return { ok: false, problem: 'unknown-table', message: `The instance found nothing at the Table API for "${table}": the table does not exist or is not exposed to web services.${said(res)}` };
  if (res.status === 429 || res.status >= 500) return { ok: false, problem: 'unreachable', message: `The instance answered ${res.status}: it is busy or down (a developer instance may be hibernating). Try again in a few minutes.${said(res)}` };
  if (res.status < 200 || res.status > 299) return { ok: false, problem: 'unreachable', message: `The instance answered ${res.status} to a plain read of ${what}.${said(res)}` };
  // A hibernating developer instance answers 200 with a wake-up web page instead of JSON.
  if (!isJson(res)) return { ok: false, problem: 'unreachable', message: 'The address answered with a web page instead of the Table API: check the instance URL, or wake the instance if it is hibernating.' };
  return null;
}

const JOURNAL_ACCESS = 'Give the integration user a role that a read ACL on sys_journal_field allows (see INSTALL.md, step 1): Liaison reads comments and work notes there.';

function rows(res: ServiceNowHttpResponse): Record<string, unknown>[] {
  try {
    const body = JSON.parse(res.text) as { result?: unknown };
    return Array.isArray(body.result) ? (body.result as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

async function journalAccess(http: ServiceNowHttp, table: string): Promise<ConnectionDiagnosis> {
  const recent = await read(http, `/api/now/table/${table}?sysparm_limit=10&sysparm_fields=sys_id,number,comments,work_notes&sysparm_display_value=true&sysparm_exclude_reference_link=true&sysparm_query=ORDERBYDESCsys_updated_on`);
  const withJournal = 'failed' in recent ? undefined : rows(recent).find((r) => text(r.comments).trim() !== '' || text(r.work_notes).trim() !== '');
  const query = withJournal ? `element_id%3D${text(withJournal.sys_id)}` : `name%3D${table}`;
  const res = await read(http, `/api/now/table/sys_journal_field?sysparm_limit=1&sysparm_fields=sys_id&sysparm_exclude_reference_link=true&sysparm_query=${query}`);
  const record = withJournal ? `${text(withJournal.number) || text(withJournal.sys_id)}` : '';
  if (!('failed' in res) && res.status === 403) {
    return { ok: false, problem: 'journal-unreadable', message: `The integration user may not read journal entries: sys_journal_field refuses the read.${said(res)} ${JOURNAL_ACCESS}` };
  }
  const classified = classify(res, table, 'journal entries (sys_journal_field), which carry comments and work notes');
  // The journal table exists on every instance: "unknown table" there would be a role problem.
  if (classified && !classified.ok && classified.problem === 'unknown-table') return { ok: false, problem: 'journal-unreadable', message: `The integration user may not read journal entries (sys_journal_field). ${JOURNAL_ACCESS}` };
  if (classified) return classified;
  if (withJournal && !('failed' in res) && rows(res).length === 0) {
    return { ok: false, problem: 'journal-unreadable', message: `The integration user sees comments on ${record}, but sys_journal_field shows it none of them: an ACL hides its rows, so comments and work notes would never reach Jira. ${JOURNAL_ACCESS}` };
  }
  return { ok: true };
}

export async function diagnoseConnection(http: ServiceNowHttp, table: string): Promise<ConnectionDiagnosis> {
  if (!TABLE.test(table)) return { ok: false, problem: 'unknown-table', message: `"${table}" is not a table name: use the table's system name, such as incident.` };
  const limit = 'sysparm_limit=1&sysparm_fields=sys_id&sysparm_exclude_reference_link=true';
  const records = classify(await read(http, `/api/now/table/${table}?${limit}`), table, `the ${table} table`);
  if (records) return records;
  return journalAccess(http, table);
}
