// Attachments: multipart upload (field `file`, header `X-Atlassian-Token: no-check`), metadata, content
// and delete. Uploads above the site's size cap are refused with 413, as Jira does past its limit.
import { badRequest, JiraError, notFound } from './errors';
import { findIssue, requirePermission } from './handler-kit';
import { recordIssueChange } from './issue-service';
import { boundaryOf, parseMultipart } from './multipart';
import { attachmentMetadataView, attachmentView } from './record-views';
import { json, noContent, type Ctx, type Route } from './router';
import type { AttachmentRecord } from './types';

function upload(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  if ((ctx.headers['x-atlassian-token'] ?? '').toLowerCase() !== 'no-check') throw new JiraError(403, ['XSRF check failed']);
  const boundary = boundaryOf(ctx.headers['content-type']);
  if (!boundary) throw new JiraError(415, ['Unsupported Media Type: attachments must be sent as multipart/form-data.']);
  const parts = parseMultipart(Buffer.from(ctx.rawBody ?? new Uint8Array()), boundary);
  if (!parts) throw badRequest('The multipart request body could not be read.');
  const files = parts.filter((p) => p.name === 'file');
  if (files.length === 0) throw badRequest("No file was found in the request: send it in a form field named 'file'.");
  const cap = scope.site.settings.attachmentMaxBytes;
  const tooBig = files.find((f) => f.data.length > cap);
  if (tooBig) {
    throw new JiraError(413, [`The file '${tooBig.filename}' is too large to attach. Attachments must not exceed ${cap} bytes.`]);
  }
  requirePermission(scope, 'CREATE_ATTACHMENTS', 'You do not have permission to create attachments for this issue.');
  const created: AttachmentRecord[] = files.map((f) => {
    const meta: AttachmentRecord = {
      id: String(scope.site.store.nextId('attachment')),
      issueId: issue.id,
      authorId: scope.user.accountId,
      filename: f.filename,
      mimeType: f.contentType,
      size: f.data.length,
      created: scope.site.now(),
    };
    scope.site.store.putAttachment(meta, f.data);
    return meta;
  });
  recordIssueChange(
    scope,
    issue,
    created.map((a) => ({ field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: null, fromString: null, to: a.id, toString: a.filename })),
  );
  return json(200, created.map((a) => attachmentView(scope.site, a)));
}

function find(ctx: Ctx): AttachmentRecord {
  const id = ctx.params.id ?? '';
  const meta = ctx.scope.site.store.attachment(id);
  if (!meta) throw notFound(`The attachment with id '${id}' does not exist`);
  findIssue(ctx.scope, meta.issueId); // Browse permission on the owning issue
  return meta;
}

/**
 * The content, or with `Range: bytes=first-last` (and `redirect=false`, as the spec says) one slice
 * of it: 206 with Content-Range, 416 past the end, 400 for a range it cannot read. Only a single
 * range is served; Jira's spec documents no multi-range answer.
 */
function content(ctx: Ctx) {
  const meta = find(ctx);
  const bytes = ctx.scope.site.store.attachmentContent(meta.id) ?? Buffer.alloc(0);
  const headers = { 'content-type': meta.mimeType, 'content-disposition': `attachment; filename="${meta.filename.replace(/"/g, '')}"` };
  const range = ctx.headers['range'];
  if (range === undefined || ctx.query.get('redirect') !== 'false') return { status: 200, bytes, headers };
  const m = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  if (!m) throw badRequest(`The range '${range}' is malformed.`);
  const first = Number(m[1]);
  const last = Math.min(m[2] === '' ? bytes.length - 1 : Number(m[2]), bytes.length - 1);
  if (first >= bytes.length || last < first) throw new JiraError(416, [`The range '${range}' cannot be satisfied for ${bytes.length} bytes.`]);
  return { status: 206, bytes: bytes.subarray(first, last + 1), headers: { ...headers, 'content-range': `bytes ${first}-${last}/${bytes.length}` } };
}

function remove(ctx: Ctx) {
  const { scope } = ctx;
  const meta = find(ctx);
  // Jira's default scheme lets people delete their own attachments; deleting others' needs admin rights.
  if (meta.authorId !== scope.user.accountId) {
    requirePermission(scope, 'DELETE_ISSUES', 'You do not have permission to delete this attachment.');
  }
  const issue = findIssue(scope, meta.issueId);
  scope.site.store.deleteAttachment(meta.id);
  recordIssueChange(scope, issue, [
    { field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: meta.id, fromString: meta.filename, to: null, toString: null },
  ]);
  return noContent();
}

export const attachmentRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/issue/{issueIdOrKey}/attachments', handler: upload },
  { method: 'GET', pattern: '/rest/api/3/attachment/content/{id}', handler: content },
  { method: 'GET', pattern: '/rest/api/3/attachment/{id}', handler: (ctx) => json(200, attachmentMetadataView(ctx.scope.site, find(ctx))) },
  { method: 'DELETE', pattern: '/rest/api/3/attachment/{id}', handler: remove },
];
