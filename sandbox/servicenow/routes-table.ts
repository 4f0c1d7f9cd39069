// The Table API: GET list and record, POST, PUT, PATCH, DELETE on /api/now/table/{tableName}, with the
// `{"result": …}` envelope, X-Total-Count and Link paging headers, and ServiceNow's status codes.
import { assertCanWrite, canRead } from './acl';
import { invalidTable, noRecord } from './errors';
import { parseInput } from './field-input';
import { queryAccess, resolvePath } from './field-values';
import { flag, intParam, queryText, renderOptions } from './params';
import { compileQuery } from './query';
import { deleteRecord, insertRecord, updateRecord } from './record-service';
import { renderRecord } from './render';
import type { Ctx, Route, RouteResult } from './router';
import { tableDef, type TableDef } from './schema';
import type { SnRecord } from './types';

export function requireTable(name: string): TableDef {
  const table = tableDef(name);
  if (!table) throw invalidTable(name);
  return table;
}

function readable(ctx: Ctx, table: TableDef, sysId: string): SnRecord {
  const record = ctx.scope.instance.store.get(table.name, sysId);
  if (!record || !canRead(ctx.scope, table, record)) throw noRecord();
  return record;
}

function pageLinks(ctx: Ctx, total: number, offset: number, limit: number): string {
  const at = (o: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set('sysparm_offset', String(o));
    q.set('sysparm_limit', String(limit));
    return `<${ctx.scope.origin}${ctx.path}?${q.toString()}>`;
  };
  const links = [`${at(0)};rel="first"`];
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))};rel="prev"`);
  if (limit > 0 && offset + limit < total) links.push(`${at(offset + limit)};rel="next"`);
  links.push(`${at(Math.max(0, total - limit))};rel="last"`);
  return links.join(',');
}

function list(ctx: Ctx): RouteResult {
  const { scope } = ctx;
  const table = requireTable(ctx.params.table ?? '');
  const opts = renderOptions(ctx);
  const limit = intParam(ctx, 'sysparm_limit', 10000);
  const offset = intParam(ctx, 'sysparm_offset', 0);
  const text = queryText(ctx, (name) => resolvePath(scope, table, undefined, name) !== undefined);
  const query = compileQuery(text, queryAccess(scope, table), scope.instance.settings.invalidQueryReturnsNoRows);
  const matched = query.sort(scope.instance.store.all(table.name).filter((r) => query.matches(r)));
  // As documented, the limit applies before ACL evaluation: a page may come back short.
  const page = matched.slice(offset, offset + limit).filter((r) => canRead(scope, table, r));
  const headers: Record<string, string> = {};
  if (!flag(ctx, 'sysparm_no_count')) headers['x-total-count'] = String(matched.length);
  if (!flag(ctx, 'sysparm_suppress_pagination_header')) headers.link = pageLinks(ctx, matched.length, offset, limit);
  return { status: 200, headers, body: { result: page.map((r) => renderRecord(scope, table, r, opts)) } };
}

function answer(ctx: Ctx, status: number, table: TableDef, record: SnRecord, headers: Record<string, string> = {}): RouteResult {
  if ((ctx.headers['x-no-response-body'] ?? '').toLowerCase() === 'true') {
    return { status, headers };
  }
  return { status, headers, body: { result: renderRecord(ctx.scope, table, record, renderOptions(ctx)) } };
}

function get(ctx: Ctx): RouteResult {
  const table = requireTable(ctx.params.table ?? '');
  return answer(ctx, 200, table, readable(ctx, table, ctx.params.sys_id ?? ''));
}

function create(ctx: Ctx): RouteResult {
  const table = requireTable(ctx.params.table ?? '');
  assertCanWrite(ctx.scope, table, 'Insert');
  const input = parseInput(ctx.scope, table, ctx.jsonObject(), { inputDisplayValue: flag(ctx, 'sysparm_input_display_value'), insert: true });
  const record = insertRecord(ctx.scope, table, input);
  return answer(ctx, 201, table, record, { location: `${ctx.scope.origin}/api/now/table/${table.name}/${record.sys_id}` });
}

function update(ctx: Ctx): RouteResult {
  const table = requireTable(ctx.params.table ?? '');
  const existing = readable(ctx, table, ctx.params.sys_id ?? '');
  assertCanWrite(ctx.scope, table, 'Update');
  const input = parseInput(ctx.scope, table, ctx.jsonObject(), { inputDisplayValue: flag(ctx, 'sysparm_input_display_value'), insert: false });
  return answer(ctx, 200, table, updateRecord(ctx.scope, table, existing, input));
}

function remove(ctx: Ctx): RouteResult {
  const table = requireTable(ctx.params.table ?? '');
  const existing = readable(ctx, table, ctx.params.sys_id ?? '');
  assertCanWrite(ctx.scope, table, 'Delete');
  deleteRecord(ctx.scope, table, existing);
  return { status: 204 };
}

export const tableRoutes: Route[] = [
  { method: 'GET', pattern: '/api/now/table/{table}', handler: list },
  { method: 'POST', pattern: '/api/now/table/{table}', handler: create },
  { method: 'GET', pattern: '/api/now/table/{table}/{sys_id}', handler: get },
  // The Table API treats PUT like PATCH: fields not in the body keep their values.
  { method: 'PUT', pattern: '/api/now/table/{table}/{sys_id}', handler: update },
  { method: 'PATCH', pattern: '/api/now/table/{table}/{sys_id}', handler: update },
  { method: 'DELETE', pattern: '/api/now/table/{table}/{sys_id}', handler: remove },
];
