// /rest/servicedeskapi: the service desks of the site, their request types, a customer request with
// its request type, SLAs and participants (expand), participants added and removed by account id, and
// comments with JSM's `public` flag (stored as Jira's `sd.public.comment` property, as JSM does).
import { z } from 'zod';
import { adfFromText, adfToText } from '../adf';
import type { RequestScope } from '../context';
import { badRequest, notFound } from '../errors';
import { emit, findIssue, intParam, listParam, requirePermission } from '../handler-kit';
import { commentView, isInternal, SD_PUBLIC_COMMENT } from '../record-views';
import { json, type Ctx, type Route } from '../router';
import type { CommentRecord, IssueRecord } from '../types';
import { userDetails } from '../views';
import { recordIssueChange } from '../issue-service';
import { requestTypeView as typeView } from './issue-fields';
import { deskById, deskOf, putParticipants, requestOf, serviceDeskFieldIds, serviceDesks, type ServiceDeskSeed } from './model';
import { dateDto, slaInformation } from './sla';

const API = '/rest/servicedeskapi';

function paged<T>(ctx: Ctx, all: T[], base: string): Record<string, unknown> {
  const start = intParam(ctx, 'start', 0);
  const limit = intParam(ctx, 'limit', 50, 100);
  const values = all.slice(start, start + limit);
  return { size: values.length, start, limit, isLastPage: start + limit >= all.length, _links: { base, context: '', self: base }, values };
}

function deskView(scope: RequestScope, d: ServiceDeskSeed): Record<string, unknown> {
  const project = scope.site.store.projects().find((p) => p.key === d.projectKey);
  return { id: d.id, projectId: project?.id ?? '', projectKey: d.projectKey, projectName: project?.name ?? d.projectKey, _links: { self: `${scope.site.siteUrl}${API}/servicedesk/${d.id}` } };
}

const requestTypeView = (scope: RequestScope, d: ServiceDeskSeed, id: string): Record<string, unknown> | null => typeView(scope.site, d, id);

/** The issue as a customer request: 404 unless its project is a service desk. */
function findRequest(ctx: Ctx): { issue: IssueRecord; desk: ServiceDeskSeed } {
  const issue = findIssue(ctx.scope, ctx.params.issueIdOrKey ?? '');
  const desk = deskOf(ctx.scope.site, issue);
  if (!desk) throw notFound('The request does not exist or you do not have permission to see it.');
  return { issue, desk };
}

function participantsView(scope: RequestScope, ids: string[]): Record<string, unknown>[] {
  return ids.flatMap((id) => {
    const u = scope.site.store.user(id);
    return u ? [userDetails(scope.site, u)] : [];
  });
}

function getRequest(ctx: Ctx) {
  const { scope } = ctx;
  const { issue, desk } = findRequest(ctx);
  const expand = new Set(listParam(ctx, 'expand'));
  const record = requestOf(scope.site, issue);
  const status = scope.site.catalog.status(issue.statusId);
  const reporter = issue.reporterId ? scope.site.store.user(issue.reporterId) : undefined;
  const base = `${scope.site.siteUrl}${API}/request/${issue.id}`;
  return json(200, {
    _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
    issueId: issue.id,
    issueKey: issue.key,
    ...(record.requestTypeId ? { requestTypeId: record.requestTypeId } : {}),
    serviceDeskId: desk.id,
    createdDate: dateDto(issue.created),
    ...(reporter ? { reporter: userDetails(scope.site, reporter) } : {}),
    requestFieldValues: [{ fieldId: 'summary', label: 'Summary', value: issue.summary }],
    currentStatus: { status: status?.name ?? '', statusCategory: (status?.category ?? 'new').toUpperCase(), statusDate: dateDto(issue.statusCategoryChanged) },
    ...(expand.has('requestType') && record.requestTypeId ? { requestType: requestTypeView(scope, desk, record.requestTypeId) } : {}),
    ...(expand.has('serviceDesk') ? { serviceDesk: deskView(scope, desk) } : {}),
    ...(expand.has('sla') ? { sla: paged(ctx, desk.slas.map((s) => slaInformation(scope.site, issue, s)), `${base}/sla`) } : {}),
    ...(expand.has('participant') ? { participants: paged(ctx, participantsView(scope, record.participants), `${base}/participant`) } : {}),
    _links: { jiraRest: `${scope.site.siteUrl}/rest/api/2/issue/${issue.id}`, web: `${scope.site.siteUrl}/servicedesk/customer/portal/${desk.id}/${issue.key}`, self: base },
  });
}

const accountIds = z.object({ accountIds: z.array(z.string().min(1)).min(1).max(50), usernames: z.array(z.string()).optional() }).strict();

function changeParticipants(add: boolean) {
  return (ctx: Ctx) => {
    const { scope } = ctx;
    const { issue } = findRequest(ctx);
    requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to manage participants on this request.');
    const parsed = accountIds.safeParse(ctx.json());
    if (!parsed.success) throw badRequest('Provide the accountIds of the participants.');
    const record = requestOf(scope.site, issue);
    let next = record.participants;
    for (const id of parsed.data.accountIds) {
      const u = scope.site.store.user(id);
      if (!u || !u.active) throw badRequest(`The user with account id ${id} does not exist.`);
      if (add && id === issue.reporterId) continue; // the reporter is never a participant of its own request
      next = add ? (next.includes(id) ? next : [...next, id]) : next.filter((x) => x !== id);
    }
    if (next !== record.participants) {
      putParticipants(scope.site, issue, next);
      const names = (ids: string[]) => ids.map((id) => scope.site.store.user(id)?.displayName ?? id).join(', ');
      recordIssueChange(scope, issue, [{ field: 'Request participants', fieldtype: 'custom', fieldId: serviceDeskFieldIds(scope.site).participants, from: record.participants.join(','), fromString: names(record.participants), to: next.join(','), toString: names(next) }]);
    }
    return json(200, paged(ctx, participantsView(scope, next), `${scope.site.siteUrl}${API}/request/${issue.id}/participant`));
  };
}

function listParticipants(ctx: Ctx) {
  const { issue } = findRequest(ctx);
  return json(200, paged(ctx, participantsView(ctx.scope, requestOf(ctx.scope.site, issue).participants), `${ctx.scope.site.siteUrl}${API}/request/${issue.id}/participant`));
}

const commentBody = z.object({ body: z.string().min(1).max(32_767), public: z.boolean().optional() }).strict();

function commentDto(scope: RequestScope, c: CommentRecord): Record<string, unknown> {
  const author = scope.site.store.user(c.authorId);
  return { id: c.id, body: adfToText(c.body), public: !isInternal(scope.site, c.id), ...(author ? { author: userDetails(scope.site, author) } : {}), created: dateDto(c.created), _links: { self: `${scope.site.siteUrl}${API}/request/${c.issueId}/comment/${c.id}` } };
}

function addComment(ctx: Ctx) {
  const { scope } = ctx;
  const { issue } = findRequest(ctx);
  requirePermission(scope, 'ADD_COMMENTS', 'You do not have permission to comment on this request.');
  const parsed = commentBody.safeParse(ctx.json());
  if (!parsed.success) throw badRequest('The comment body must be a non-empty string.');
  const now = scope.site.now();
  const comment: CommentRecord = { id: String(scope.site.store.nextId('comment')), issueId: issue.id, authorId: scope.user.accountId, updateAuthorId: scope.user.accountId, body: adfFromText(parsed.data.body), visibility: null, created: now, updated: now };
  scope.site.store.putComment(comment);
  if (parsed.data.public === false) scope.site.store.setProperty('comment', comment.id, SD_PUBLIC_COMMENT, { internal: true });
  const fresh = { ...issue, updated: now };
  scope.site.store.putIssue(fresh);
  emit(scope, 'avi:jira:commented:issue', fresh, { comment: commentView(scope.site, comment) });
  return json(201, commentDto(scope, comment));
}

function listComments(ctx: Ctx) {
  const { scope } = ctx;
  const { issue } = findRequest(ctx);
  const wantPublic = ctx.query.get('public') !== 'false';
  const wantInternal = ctx.query.get('internal') !== 'false';
  const all = scope.site.store.comments(issue.id).filter((c) => (isInternal(scope.site, c.id) ? wantInternal : wantPublic));
  return json(200, paged(ctx, all.map((c) => commentDto(scope, c)), `${scope.site.siteUrl}${API}/request/${issue.id}/comment`));
}

function listDesks(ctx: Ctx) {
  return json(200, paged(ctx, serviceDesks(ctx.scope.site).map((d) => deskView(ctx.scope, d)), `${ctx.scope.site.siteUrl}${API}/servicedesk`));
}

function listRequestTypes(ctx: Ctx) {
  const desk = deskById(ctx.scope.site, ctx.params.serviceDeskId ?? '');
  if (!desk) throw notFound('The service desk does not exist or you do not have permission to see it.');
  const types = desk.requestTypes.map((t) => requestTypeView(ctx.scope, desk, t.id)!);
  return json(200, paged(ctx, types, `${ctx.scope.site.siteUrl}${API}/servicedesk/${desk.id}/requesttype`));
}

export const serviceDeskRoutes: Route[] = [
  { method: 'GET', pattern: `${API}/servicedesk`, handler: listDesks },
  { method: 'GET', pattern: `${API}/servicedesk/{serviceDeskId}/requesttype`, handler: listRequestTypes },
  { method: 'GET', pattern: `${API}/request/{issueIdOrKey}`, handler: getRequest },
  { method: 'GET', pattern: `${API}/request/{issueIdOrKey}/participant`, handler: listParticipants },
  { method: 'POST', pattern: `${API}/request/{issueIdOrKey}/participant`, handler: changeParticipants(true) },
  { method: 'DELETE', pattern: `${API}/request/{issueIdOrKey}/participant`, handler: changeParticipants(false) },
  { method: 'GET', pattern: `${API}/request/{issueIdOrKey}/comment`, handler: listComments },
  { method: 'POST', pattern: `${API}/request/{issueIdOrKey}/comment`, handler: addComment },
];
