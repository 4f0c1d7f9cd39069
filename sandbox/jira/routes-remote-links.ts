// /rest/api/3/issue/{key}/remotelink: POST with a known globalId updates that link (200) instead of adding
// one (201); links can be read and deleted by id or by globalId.
import type { RequestScope } from './context';
import { badRequest, notFound } from './errors';
import { findIssue, requirePermission } from './handler-kit';
import { remoteLinkView } from './record-views';
import { parseBody, remoteLinkRequest } from './request-schemas';
import { json, noContent, type Ctx, type Route } from './router';
import type { IssueRecord, RemoteLinkRecord } from './types';

const LINKS = '/rest/api/3/issue/{issueIdOrKey}/remotelink';

function linkById(scope: RequestScope, issue: IssueRecord, raw: string): RemoteLinkRecord {
  if (!/^\d+$/.test(raw)) throw badRequest(`Invalid remote link id '${raw}'.`);
  const link = scope.site.store.remoteLinks(issue.id).find((l) => l.id === Number(raw));
  if (!link) throw notFound(`No remote link with id ${raw} exists on issue ${issue.key}.`);
  return link;
}

function linkByGlobalId(scope: RequestScope, issue: IssueRecord, globalId: string): RemoteLinkRecord {
  const link = scope.site.store.remoteLinks(issue.id).find((l) => l.globalId === globalId);
  if (!link) throw notFound(`No remote link with globalId '${globalId}' exists on issue ${issue.key}.`);
  return link;
}

function list(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const globalId = ctx.query.get('globalId');
  if (globalId !== null) return json(200, remoteLinkView(scope.site, issue.key, linkByGlobalId(scope, issue, globalId)));
  return json(200, scope.site.store.remoteLinks(issue.id).map((l) => remoteLinkView(scope.site, issue.key, l)));
}

function upsert(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const body = parseBody(remoteLinkRequest, ctx.json());
  requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to link issues.');
  const existing = body.globalId !== undefined
    ? scope.site.store.remoteLinks(issue.id).find((l) => l.globalId === body.globalId)
    : undefined;
  const id = existing?.id ?? scope.site.store.nextId('remotelink');
  scope.site.store.putRemoteLink({ id, issueId: issue.id, globalId: body.globalId ?? null, link: body });
  const self = `${scope.site.siteUrl}/rest/api/3/issue/${issue.key}/remotelink/${id}`;
  return json(existing ? 200 : 201, { id, self });
}

function removeByGlobalId(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const globalId = ctx.query.get('globalId');
  if (globalId === null || globalId === '') throw badRequest('The globalId query parameter is required.');
  requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to link issues.');
  scope.site.store.deleteRemoteLink(linkByGlobalId(scope, issue, globalId).id);
  return noContent();
}

function getOne(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  return json(200, remoteLinkView(scope.site, issue.key, linkById(scope, issue, ctx.params.linkId ?? '')));
}

function putOne(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const link = linkById(scope, issue, ctx.params.linkId ?? '');
  const body = parseBody(remoteLinkRequest, ctx.json());
  requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to link issues.');
  scope.site.store.putRemoteLink({ ...link, globalId: body.globalId ?? link.globalId, link: body });
  return noContent();
}

function deleteOne(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const link = linkById(scope, issue, ctx.params.linkId ?? '');
  requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to link issues.');
  scope.site.store.deleteRemoteLink(link.id);
  return noContent();
}

export const remoteLinkRoutes: Route[] = [
  { method: 'GET', pattern: LINKS, handler: list },
  { method: 'POST', pattern: LINKS, handler: upsert },
  { method: 'DELETE', pattern: LINKS, handler: removeByGlobalId },
  { method: 'GET', pattern: `${LINKS}/{linkId}`, handler: getOne },
  { method: 'PUT', pattern: `${LINKS}/{linkId}`, handler: putOne },
  { method: 'DELETE', pattern: `${LINKS}/{linkId}`, handler: deleteOne },
];
