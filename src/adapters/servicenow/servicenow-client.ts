// The Table API, journal entries (sys_journal_field) and the Attachment API over the ServiceNowHttp
// seam. Non-2xx answers and transport failures become ServiceNowApiError; bodies are parsed against
// tolerant schemas. No retries here: the core owns the single retry policy.
import type { z } from 'zod';
import { errorFromFailure, errorFromResponse, ServiceNowApiError, type ColumnFields } from './servicenow-errors';
import { jsonBody, type HttpMethod, type ServiceNowHttp, type ServiceNowHttpResponse, type ServiceNowRequestBody } from './servicenow-http';
import {
  attachmentMetaSchema, choiceSchema, journalEntrySchema, listEnvelopeSchema, recordEnvelopeSchema, userSchema,
  type AttachmentMeta, type JournalEntry, type SnRecord, type SnUser,
} from './servicenow-schemas';
import { queryValue } from './encoded-query';

export type DisplayMode = 'false' | 'true' | 'all';
export type ListOptions = { query?: string; fields?: readonly string[]; limit?: number; offset?: number; displayValue?: DisplayMode };
export type ListPage = { records: SnRecord[]; total: number | null; hasMore: boolean; headers: Record<string, string> };
export type ReadOptions = { fields?: readonly string[]; displayValue?: DisplayMode };

const JOURNAL_PAGE = 500;
const TABLE = /^[A-Za-z0-9_]{1,80}$/;

export function tablePath(table: string, sysId?: string): string {
  if (!TABLE.test(table)) throw new ServiceNowApiError(`"${table}" is not a ServiceNow table name (letters, digits and _ only)`, false, null);
  return `/api/now/table/${table}${sysId === undefined ? '' : `/${encodeURIComponent(sysId)}`}`;
}

function params(o: ReadOptions & { query?: string; limit?: number; offset?: number }): URLSearchParams {
  const p = new URLSearchParams();
  if (o.query) p.set('sysparm_query', o.query);
  if (o.fields && o.fields.length > 0) p.set('sysparm_fields', o.fields.join(','));
  if (o.limit !== undefined) p.set('sysparm_limit', String(o.limit));
  if (o.offset !== undefined) p.set('sysparm_offset', String(o.offset));
  if (o.displayValue && o.displayValue !== 'false') p.set('sysparm_display_value', o.displayValue);
  // Reference links only cost bytes: the adapter reads sys_ids and display values.
  p.set('sysparm_exclude_reference_link', 'true');
  return p;
}

export class ServiceNowClient {
  constructor(readonly http: ServiceNowHttp) {}

  /** Any 2xx answer; everything else throws a ServiceNowApiError starting with `what`. */
  async send(what: string, method: HttpMethod, path: string, body?: ServiceNowRequestBody, columns?: ColumnFields): Promise<ServiceNowHttpResponse> {
    let res: ServiceNowHttpResponse;
    try {
      res = await this.http.request(method, path, body);
    } catch (e) {
      throw errorFromFailure(what, e);
    }
    if (res.status < 200 || res.status > 299) throw errorFromResponse(what, res, columns);
    return res;
  }

  /** Like `send`, but a 404 resolves to null (the record is gone or invisible to the user). */
  async sendOrNull(what: string, method: HttpMethod, path: string, body?: ServiceNowRequestBody): Promise<ServiceNowHttpResponse | null> {
    try {
      return await this.send(what, method, path, body);
    } catch (e) {
      if (e instanceof ServiceNowApiError && e.status === 404) return null;
      throw e;
    }
  }

  async list(table: string, options: ListOptions = {}): Promise<ListPage> {
    const what = `list ${table}`;
    const res = await this.send(what, 'GET', `${tablePath(table)}?${params(options)}`);
    const records = parseAnswer(what, listEnvelopeSchema, res).result;
    const totalHeader = res.headers['x-total-count'];
    const total = totalHeader !== undefined && /^\d+$/.test(totalHeader) ? Number(totalHeader) : null;
    // ACLs filter rows after sysparm_limit applies, so a short page does not prove the end: the
    // Link header (rel="next") and X-Total-Count do.
    const link = res.headers['link'];
    const hasMore = link !== undefined ? /rel="?next"?/.test(link) : total !== null ? (options.offset ?? 0) + records.length < total : records.length === options.limit;
    return { records, total, hasMore, headers: res.headers };
  }

  async get(table: string, sysId: string, options: ReadOptions = {}): Promise<SnRecord | null> {
    const what = `read ${table} ${sysId}`;
    const res = await this.sendOrNull(what, 'GET', `${tablePath(table, sysId)}?${params(options)}`);
    return res ? parseAnswer(what, recordEnvelopeSchema, res).result : null;
  }

  async create(table: string, values: Record<string, string>, options: ReadOptions & { columns?: ColumnFields } = {}): Promise<SnRecord> {
    const what = `create ${table} record`;
    const res = await this.send(what, 'POST', `${tablePath(table)}?${params(options)}`, jsonBody(values), options.columns);
    return parseAnswer(what, recordEnvelopeSchema, res).result;
  }

  async update(table: string, sysId: string, values: Record<string, string>, options: ReadOptions & { columns?: ColumnFields } = {}): Promise<SnRecord> {
    const what = `update ${table} ${sysId}`;
    const res = await this.send(what, 'PATCH', `${tablePath(table, sysId)}?${params(options)}`, jsonBody(values), options.columns);
    return parseAnswer(what, recordEnvelopeSchema, res).result;
  }

  /** Journal entries of one record, oldest first: journal fields read back empty on the record. */
  async journal(table: string, sysId: string, elements: readonly string[] = ['comments', 'work_notes']): Promise<JournalEntry[]> {
    const query = `name=${queryValue(table)}^element_id=${queryValue(sysId)}^elementIN${elements.map(queryValue).join(',')}^ORDERBYsys_created_on^ORDERBYsys_id`;
    const fields = ['sys_id', 'element', 'element_id', 'value', 'sys_created_on', 'sys_created_by'];
    const out: JournalEntry[] = [];
    for (;;) {
      const page = await this.list('sys_journal_field', { query, fields, limit: JOURNAL_PAGE, offset: out.length });
      out.push(...page.records.map((r, i) => parseValue(`read journal of ${table} ${sysId}`, journalEntrySchema, r, i)));
      if (!page.hasMore || page.records.length === 0) return out;
    }
  }

  async attachments(table: string, sysId: string): Promise<AttachmentMeta[]> {
    const what = `list attachments of ${table} ${sysId}`;
    const q = new URLSearchParams({ sysparm_query: `table_name=${queryValue(table)}^table_sys_id=${queryValue(sysId)}^ORDERBYsys_created_on`, sysparm_limit: '1000' });
    const res = await this.send(what, 'GET', `/api/now/attachment?${q}`);
    return parseAnswer(what, listEnvelopeSchema, res).result.map((r, i) => parseValue(what, attachmentMetaSchema, r, i));
  }

  /**
   * One page of attachment records matching an encoded query (the Attachment API lists with
   * sysparm_query; it answers X-Total-Count, not Link headers), for polling what was attached.
   */
  async listAttachments(query: string, limit: number): Promise<{ records: AttachmentMeta[]; hasMore: boolean }> {
    const what = 'list attachments';
    const q = new URLSearchParams({ sysparm_query: query, sysparm_limit: String(limit) });
    const res = await this.send(what, 'GET', `/api/now/attachment?${q}`);
    const records = parseAnswer(what, listEnvelopeSchema, res).result.map((r, i) => parseValue(what, attachmentMetaSchema, r, i));
    const total = res.headers['x-total-count'];
    return { records, hasMore: total !== undefined && /^\d+$/.test(total) ? records.length < Number(total) : records.length === limit };
  }

  async attachmentContent(attachmentId: string): Promise<Uint8Array> {
    const res = await this.send(`download attachment ${attachmentId}`, 'GET', `/api/now/attachment/${encodeURIComponent(attachmentId)}/file`);
    return res.bytes ?? new TextEncoder().encode(res.text);
  }

  async uploadAttachment(table: string, sysId: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<AttachmentMeta> {
    const what = `attach ${file.filename} to ${table} ${sysId}`;
    tablePath(table); // refuses a name that is no table before anything is sent
    const q = new URLSearchParams({ table_name: table, table_sys_id: sysId, file_name: file.filename });
    const res = await this.send(what, 'POST', `/api/now/attachment/file?${q}`, { kind: 'raw', contentType: file.mimeType, bytes: file.bytes }, { file_name: 'attachments' });
    return parseValue(what, attachmentMetaSchema, parseAnswer(what, recordEnvelopeSchema, res).result, 0);
  }

  async findUserByEmail(email: string): Promise<SnUser | null> {
    const what = `look up ServiceNow user ${email}`;
    const page = await this.list('sys_user', { query: `email=${queryValue(email)}^active=true`, fields: ['sys_id', 'name', 'email', 'user_name'], limit: 1 });
    const first = page.records[0];
    return first ? parseValue(what, userSchema, first, 0) : null;
  }

  /** Display names of users by login (user_name → name); logins it cannot see are left out. */
  async userNames(userNames: readonly string[]): Promise<Map<string, string>> {
    const wanted = userNames.filter((u) => u !== '');
    if (wanted.length === 0) return new Map();
    const page = await this.list('sys_user', { query: `user_nameIN${wanted.map(queryValue).join(',')}`, fields: ['user_name', 'name'], limit: wanted.length });
    const out = new Map<string, string>();
    for (const r of page.records) {
      const login = typeof r.user_name === 'string' ? r.user_name : '';
      const name = typeof r.name === 'string' ? r.name : '';
      if (login && name) out.set(login, name);
    }
    return out;
  }

  /** The active choices of a choice column (sys_choice), for tables whose values differ from incident's. */
  async choices(table: string, column: string): Promise<{ value: string; label: string }[]> {
    const what = `read choices of ${table}.${column}`;
    const query = `name=${queryValue(table)}^element=${queryValue(column)}^inactive=false^language=en^ORDERBYsequence`;
    const page = await this.list('sys_choice', { query, fields: ['value', 'label'], limit: 200 });
    return page.records.map((r, i) => parseValue(what, choiceSchema, r, i));
  }
}

export function parseAnswer<S extends z.ZodType>(what: string, schema: S, res: ServiceNowHttpResponse): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.text);
  } catch {
    // A hibernating developer instance answers 200 with an HTML page.
    throw new ServiceNowApiError(`${what}: ServiceNow answered ${res.status} with a body that is not JSON`, false, res.status);
  }
  return parseValue(what, schema, value, null);
}

function parseValue<S extends z.ZodType>(what: string, schema: S, value: unknown, index: number | null): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...(index === null ? [] : [index]), ...(issue?.path ?? [])];
  const where = path.length > 0 ? ` at ${path.join('.')}` : '';
  throw new ServiceNowApiError(`${what}: unexpected answer from ServiceNow${where}: ${issue?.message ?? 'invalid'}`, false, null);
}
