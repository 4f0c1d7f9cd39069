// /rest/api/3/issue/{key}/comment: ADF bodies, role/group visibility, and comment properties such as
// Jira Service Management's `sd.public.comment` ({ internal: true } = visible to agents only).
import { z } from 'zod';
import { isAdfDoc, NOT_ADF } from './adf';
import type { RequestScope } from './context';
import { badRequest, fieldErrors, forbidden, notFound } from './errors';
import { boolParam, emit, findIssue, intParam, listParam, requirePermission } from './handler-kit';
import { hasPermission } from './permissions';
import { canSeeComment, commentView } from './record-views';
import { commentRequest, parseBody, type CommentRequest } from './request-schemas';
import { TEXT_TOO_LONG, textTooLong } from './text-limits';
import { json, noContent, type Ctx, type Route } from './router';
import type { CommentRecord, IssueRecord } from './types';

const COMMENTS = '/rest/api/3/issue/{issueIdOrKey}/comment';

function validate(body: CommentRequest, requireBody: boolean): void {
  if (body.body === undefined || body.body === null) {
    if (requireBody) throw fieldErrors({ comment: 'Comment body can not be empty!' });
  } else if (!isAdfDoc(body.body)) {
    throw fieldErrors({ comment: NOT_ADF });
  } else if (textTooLong(body.body)) {
    throw fieldErrors({ comment: TEXT_TOO_LONG });
  }
  const v = body.visibility;
  if (v && (!v.type || !v.value)) {
    throw fieldErrors({ commentLevel: 'Comment visibility needs both a type (group or role) and a value.' });
  }
}

function findComment(scope: RequestScope, issue: IssueRecord, id: string): CommentRecord {
  const c = scope.site.store.comment(id);
  if (!c || c.issueId !== issue.id || !canSeeComment(scope.user, c)) throw notFound(`Can not find a comment for the id: ${id}.`);
  return c;
}

function touch(scope: RequestScope, issue: IssueRecord): IssueRecord {
  const next = { ...issue, updated: scope.site.now() };
  scope.site.store.putIssue(next);
  return next;
}

function writeProperties(scope: RequestScope, commentId: string, body: CommentRequest): void {
  for (const p of body.properties ?? []) {
    if (p.key) scope.site.store.setProperty('comment', commentId, p.key, p.value ?? null);
  }
}

function viewOpts(ctx: Ctx) {
  const expand = listParam(ctx, 'expand');
  return { rendered: expand.includes('renderedBody'), properties: expand.includes('properties') };
}

function listComments(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 5000, 5000);
  const order = ctx.query.get('orderBy');
  if (order !== null && !['created', '+created', '-created'].includes(order)) {
    throw badRequest(`The 'orderBy' parameter must be created, +created or -created.`);
  }
  let all = scope.site.store.comments(issue.id).filter((c) => canSeeComment(scope.user, c));
  if (order === '-created') all = all.reverse();
  const opts = viewOpts(ctx);
  return json(200, {
    startAt,
    maxResults,
    total: all.length,
    comments: all.slice(startAt, startAt + maxResults).map((c) => commentView(scope.site, c, opts)),
  });
}

function addComment(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const body = parseBody(commentRequest, ctx.json());
  validate(body, true);
  requirePermission(scope, 'ADD_COMMENTS', 'You do not have the permission to comment on this issue.');
  const now = scope.site.now();
  const comment: CommentRecord = {
    id: String(scope.site.store.nextId('comment')),
    issueId: issue.id,
    authorId: scope.user.accountId,
    updateAuthorId: scope.user.accountId,
    body: body.body as CommentRecord['body'],
    visibility: body.visibility ? { type: body.visibility.type!, value: body.visibility.value! } : null,
    created: now,
    updated: now,
  };
  scope.site.store.putComment(comment);
  writeProperties(scope, comment.id, body);
  const fresh = touch(scope, issue);
  const view = commentView(scope.site, comment, viewOpts(ctx));
  emit(scope, 'avi:jira:commented:issue', fresh, { comment: commentView(scope.site, comment) });
  return json(201, view);
}

function getComment(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const c = findComment(scope, issue, ctx.params.id ?? '');
  return json(200, commentView(scope.site, c, viewOpts(ctx)));
}

function mayChange(scope: RequestScope, c: CommentRecord, all: string): boolean {
  return c.authorId === scope.user.accountId || hasPermission(scope.user, all);
}

function updateComment(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const c = findComment(scope, issue, ctx.params.id ?? '');
  const body = parseBody(commentRequest, ctx.json());
  validate(body, false);
  boolParam(ctx, 'notifyUsers', true);
  if (!mayChange(scope, c, 'EDIT_ALL_COMMENTS')) throw forbidden('You do not have permission to edit this comment.');
  const next: CommentRecord = {
    ...c,
    body: body.body !== undefined && body.body !== null ? (body.body as CommentRecord['body']) : c.body,
    visibility: body.visibility ? { type: body.visibility.type!, value: body.visibility.value! } : c.visibility,
    updateAuthorId: scope.user.accountId,
    updated: scope.site.now(),
  };
  scope.site.store.putComment(next);
  writeProperties(scope, next.id, body);
  const fresh = touch(scope, issue);
  emit(scope, 'avi:jira:commented:issue', fresh, { comment: commentView(scope.site, next) });
  return json(200, commentView(scope.site, next, viewOpts(ctx)));
}

function deleteComment(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const c = findComment(scope, issue, ctx.params.id ?? '');
  if (!mayChange(scope, c, 'DELETE_ALL_COMMENTS')) throw forbidden('You do not have permission to delete this comment.');
  const view = commentView(scope.site, c);
  scope.site.store.deleteComment(c.id);
  const fresh = touch(scope, issue);
  emit(scope, 'avi:jira:deleted:comment', fresh, { comment: view });
  return noContent();
}

const commentIdList = z.strictObject({ ids: z.array(z.number().int()) });
const MAX_LISTED_COMMENTS = 1000;

/**
 * POST /rest/api/3/comment/list: comments by id, across issues; `expand` takes `renderedBody` and
 * `properties`. Ids the caller cannot see (or that do not exist) are left out, not refused. The
 * docs give a maximum of 1000 ids but not the answer over it: 400 here (marked in the README).
 */
function listCommentsById(ctx: Ctx) {
  const { scope } = ctx;
  const body = parseBody(commentIdList, ctx.json());
  if (body.ids.length > MAX_LISTED_COMMENTS) throw badRequest(`A maximum of ${MAX_LISTED_COMMENTS} comment IDs can be specified.`);
  const opts = viewOpts(ctx);
  const values = [...new Set(body.ids.map(String))].flatMap((id) => {
    const c = scope.site.store.comment(id);
    if (!c || !hasPermission(scope.user, 'BROWSE_PROJECTS') || !canSeeComment(scope.user, c) || !scope.site.store.issueById(c.issueId)) return [];
    return [commentView(scope.site, c, opts)];
  });
  return json(200, { self: `${scope.site.siteUrl}/rest/api/3/comment/list`, maxResults: 1048576, startAt: 0, total: values.length, isLast: true, values });
}

export const commentRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/comment/list', handler: listCommentsById },
  { method: 'GET', pattern: COMMENTS, handler: listComments },
  { method: 'POST', pattern: COMMENTS, handler: addComment },
  { method: 'GET', pattern: `${COMMENTS}/{id}`, handler: getComment },
  { method: 'PUT', pattern: `${COMMENTS}/{id}`, handler: updateComment },
  { method: 'DELETE', pattern: `${COMMENTS}/{id}`, handler: deleteComment },
];

/** The issue a comment belongs to, behind the same visibility rules; for the comment-property routes. */
export function commentForProperties(scope: RequestScope, commentId: string): CommentRecord {
  const c = scope.site.store.comment(commentId);
  if (!c) throw notFound(`Can not find a comment for the id: ${commentId}.`);
  const issue = findIssue(scope, c.issueId);
  return findComment(scope, issue, commentId);
}
