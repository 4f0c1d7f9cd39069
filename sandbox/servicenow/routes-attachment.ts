// The Attachment API: upload a binary body to a record, list and read metadata, download the bytes, delete.
// Creating or deleting needs write access to the parent record (itil on task tables), reading needs read
// access to it. An attachment does not touch its parent record (no sys_updated_on change), as on ServiceNow.
import { canRead, canWrite } from './acl';
import { aclDenied, badRequest, noRecord, SnError } from './errors';
import { queryAccess } from './field-values';
import { intParam } from './params';
import { compileQuery } from './query';
import { deleteRecord, insertSystemRecord } from './record-service';
import type { Ctx, Route, RouteResult } from './router';
import { tableDef } from './schema';
import type { SnRecord } from './types';

const ATTACHMENT = tableDef('sys_attachment')!;

function meta(ctx: Ctx, a: SnRecord): Record<string, string> {
  const { store } = ctx.scope.instance;
  const nameOf = (userName: string) => store.all('sys_user').find((u) => u.user_name === userName)?.name ?? userName;
  return {
    average_image_color: '',
    compressed: 'true',
    content_type: a.content_type ?? '',
    created_by_name: nameOf(a.sys_created_by ?? ''),
    download_link: `${ctx.scope.origin}/api/now/attachment/${a.sys_id}/file`,
    file_name: a.file_name ?? '',
    image_height: '',
    image_width: '',
    size_bytes: a.size_bytes ?? '0',
    size_compressed: a.size_bytes ?? '0',
    sys_created_by: a.sys_created_by ?? '',
    sys_created_on: a.sys_created_on ?? '',
    sys_id: a.sys_id ?? '',
    sys_mod_count: a.sys_mod_count ?? '0',
    sys_tags: '',
    sys_updated_by: a.sys_updated_by ?? '',
    sys_updated_on: a.sys_updated_on ?? '',
    table_name: a.table_name ?? '',
    table_sys_id: a.table_sys_id ?? '',
    updated_by_name: nameOf(a.sys_updated_by ?? ''),
  };
}

function readableAttachment(ctx: Ctx): SnRecord {
  const a = ctx.scope.instance.store.get('sys_attachment', ctx.params.sys_id ?? '');
  if (!a || !canRead(ctx.scope, ATTACHMENT, a)) throw noRecord();
  return a;
}

function upload(ctx: Ctx): RouteResult {
  const { scope } = ctx;
  const missing = ['table_name', 'table_sys_id', 'file_name'].filter((p) => !(ctx.query.get(p) ?? '').trim());
  if (missing.length > 0) throw badRequest('Missing mandatory parameters', `Provide ${missing.join(', ')} as query parameters`);
  const contentType = ctx.headers['content-type'];
  if (!contentType) throw badRequest('Content-Type header is mandatory', 'Send the file content type, such as image/png or */*');
  const parentTable = tableDef(ctx.query.get('table_name') ?? '');
  const parent = parentTable ? scope.instance.store.get(parentTable.name, ctx.query.get('table_sys_id') ?? '') : undefined;
  if (!parentTable || !parent || !canRead(scope, parentTable, parent)) throw noRecord();
  if (!canWrite(scope, parentTable, 'Update')) throw aclDenied('Insert');
  const content = ctx.rawBody ?? new Uint8Array();
  const max = scope.instance.settings.attachmentMaxBytes;
  if (content.length > max) {
    throw new SnError(400, 'Failed to create the attachment. File part might be too large.', `${content.length} bytes is over com.glide.attachment.max_size (${max} bytes)`);
  }
  const record = insertSystemRecord(scope, 'sys_attachment', {
    file_name: ctx.query.get('file_name') ?? '',
    content_type: contentType,
    size_bytes: String(content.length),
    table_name: parentTable.name,
    table_sys_id: parent.sys_id ?? '',
  });
  scope.instance.store.putContent(record.sys_id ?? '', content);
  return { status: 201, headers: { location: `${scope.origin}/api/now/attachment/${record.sys_id}` }, body: { result: meta(ctx, record) } };
}

function list(ctx: Ctx): RouteResult {
  const { scope } = ctx;
  const limit = intParam(ctx, 'sysparm_limit', 1000);
  const offset = intParam(ctx, 'sysparm_offset', 0);
  const query = compileQuery(ctx.query.get('sysparm_query') ?? '', queryAccess(scope, ATTACHMENT), scope.instance.settings.invalidQueryReturnsNoRows);
  const matched = query.sort(scope.instance.store.all('sys_attachment').filter((a) => query.matches(a)));
  const page = matched.slice(offset, offset + limit).filter((a) => canRead(scope, ATTACHMENT, a));
  return { status: 200, headers: { 'x-total-count': String(matched.length) }, body: { result: page.map((a) => meta(ctx, a)) } };
}

function download(ctx: Ctx): RouteResult {
  const a = readableAttachment(ctx);
  const bytes = ctx.scope.instance.store.content(a.sys_id ?? '') ?? Buffer.alloc(0);
  return {
    status: 200,
    headers: { 'content-type': a.content_type || 'application/octet-stream', 'x-attachment-metadata': JSON.stringify(meta(ctx, a)) },
    bytes: new Uint8Array(bytes),
  };
}

function remove(ctx: Ctx): RouteResult {
  const a = readableAttachment(ctx);
  const parentTable = tableDef(a.table_name ?? '');
  if (!parentTable || !canWrite(ctx.scope, parentTable, 'Update')) throw aclDenied('Delete');
  deleteRecord(ctx.scope, ATTACHMENT, a);
  return { status: 204 };
}

export const attachmentRoutes: Route[] = [
  { method: 'POST', pattern: '/api/now/attachment/file', handler: upload },
  { method: 'GET', pattern: '/api/now/attachment', handler: list },
  { method: 'GET', pattern: '/api/now/attachment/{sys_id}', handler: (ctx) => ({ status: 200, body: { result: meta(ctx, readableAttachment(ctx)) } }) },
  { method: 'GET', pattern: '/api/now/attachment/{sys_id}/file', handler: download },
  { method: 'DELETE', pattern: '/api/now/attachment/{sys_id}', handler: remove },
];
