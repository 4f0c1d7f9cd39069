// /rest/api/3/issue/{key}/worklog and POST /rest/api/3/worklog/list, after the platform OpenAPI:
// timeSpent or timeSpentSeconds (never both), `started` in Jira's date-time form, ADF comments,
// worklog properties set in the same POST, `adjustEstimate` moving the remaining estimate, and the
// avi:jira:{created,updated,deleted}:worklog events (payload: the worklog, no issue).
import { z } from 'zod';
import { isAdfDoc, NOT_ADF } from './adf';
import type { RequestScope } from './context';
import { badRequest, fieldErrors, forbidden, notFound } from './errors';
import { boolParam, findIssue, intParam, listParam, requirePermission } from './handler-kit';
import { hasPermission } from './permissions';
import { parseBody } from './request-schemas';
import { json, noContent, type Ctx, type Route } from './router';
import type { IssueRecord, UserRecord, WorklogRecord } from './types';
import { adjustRemaining, parseDuration, worklogView, type Adjust } from './worklog-model';

const WORKLOGS = '/rest/api/3/issue/{issueIdOrKey}/worklog';
/** The spec's form, e.g. 2021-01-17T12:34:00.000+0000. */
const STARTED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
const MAX_LISTED = 1000;

const worklogRequest = z.looseObject({
  comment: z.unknown().optional(),
  started: z.string().optional(),
  timeSpent: z.string().optional(),
  timeSpentSeconds: z.number().int().optional(),
  visibility: z.looseObject({ type: z.enum(['group', 'role']).optional(), value: z.string().optional(), identifier: z.string().optional() }).nullish(),
  properties: z.array(z.strictObject({ key: z.string().optional(), value: z.unknown().optional() })).optional(),
});
type WorklogRequest = z.infer<typeof worklogRequest>;

export const canSeeWorklog = (user: UserRecord, w: WorklogRecord): boolean => !w.visibility || w.visibility.type !== 'group' || user.groups.includes(w.visibility.value) || hasPermission(user, 'ADMINISTER');

function startedMs(raw: string): number {
  const ms = STARTED.test(raw) ? Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  if (Number.isNaN(ms)) throw fieldErrors({ started: `The started date "${raw}" is not in the form yyyy-MM-dd'T'HH:mm:ss.SSSZ.` });
  return ms;
}

/** Seconds of work the request names; null when it names none (allowed on update). */
function spentOf(body: WorklogRequest): number | null {
  if (body.timeSpent !== undefined && body.timeSpentSeconds !== undefined) throw fieldErrors({ timeLogged: 'Provide timeSpent or timeSpentSeconds, not both.' });
  const seconds = body.timeSpentSeconds ?? (body.timeSpent !== undefined ? parseDuration(body.timeSpent) : undefined);
  if (seconds === undefined) return null;
  if (seconds === null) throw fieldErrors({ timeLogged: 'Invalid time duration entered.' });
  if (seconds <= 0) throw fieldErrors({ timeLogged: 'You must indicate the time spent working.' });
  return seconds;
}

function checkComment(body: WorklogRequest): void {
  if (body.comment !== undefined && body.comment !== null && !isAdfDoc(body.comment)) throw fieldErrors({ comment: NOT_ADF });
}

function adjustOf(ctx: Ctx, manualParam: 'reduceBy' | 'increaseBy'): Adjust {
  const mode = ctx.query.get('adjustEstimate') ?? 'auto';
  if (!['auto', 'leave', 'new', 'manual'].includes(mode)) throw badRequest(`The 'adjustEstimate' parameter must be one of new, leave, manual or auto.`);
  const duration = (name: string): number | undefined => {
    const raw = ctx.query.get(name);
    if (raw === null) return undefined;
    const s = parseDuration(raw);
    if (s === null) throw badRequest(`The '${name}' parameter is not a duration.`);
    return s;
  };
  const newEstimate = duration('newEstimate');
  const by = duration(manualParam);
  if (mode === 'new' && newEstimate === undefined) throw badRequest(`adjustEstimate=new needs newEstimate.`);
  if (mode === 'manual' && by === undefined) throw badRequest(`adjustEstimate=manual needs ${manualParam}.`);
  return { mode: mode as Adjust['mode'], ...(newEstimate !== undefined ? { newEstimate } : {}), ...(by !== undefined ? { by } : {}) };
}

function findWorklog(scope: RequestScope, issue: IssueRecord, id: string): WorklogRecord {
  const w = scope.site.store.worklog(id);
  if (!w || w.issueId !== issue.id || !canSeeWorklog(scope.user, w)) throw notFound(`Cannot find worklog with id: ${id}.`);
  return w;
}

function adjust(scope: RequestScope, issueId: string, delta: number, how: Adjust): void {
  const store = scope.site.store;
  const before = store.timeTracking(issueId);
  const after = adjustRemaining(before, delta, how);
  if (after !== before) store.putTimeTracking(issueId, after);
}

/** Logging work changes the issue (time spent), so its `updated` moves as on Jira. */
function touch(scope: RequestScope, issue: IssueRecord): void {
  // Read again: the estimate adjustment just wrote the record.
  const fresh = scope.site.store.issueById(issue.id) ?? issue;
  scope.site.store.putIssue({ ...fresh, updated: scope.site.now() });
}

function emitWorklog(scope: RequestScope, eventType: string, w: WorklogRecord): void {
  scope.events.push({ eventType, actorAccountId: scope.user.accountId, payload: { eventType, worklog: worklogView(scope.site, w) } });
}

const withProperties = (ctx: Ctx) => ({ properties: listParam(ctx, 'expand').includes('properties') });

function listWorklogs(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 5000, 5000);
  const all = scope.site.store.worklogs(issue.id).filter((w) => canSeeWorklog(scope.user, w));
  return json(200, { startAt, maxResults, total: all.length, worklogs: all.slice(startAt, startAt + maxResults).map((w) => worklogView(scope.site, w, withProperties(ctx))) });
}

function addWorklog(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const body = parseBody(worklogRequest, ctx.json());
  boolParam(ctx, 'notifyUsers', true);
  const how = adjustOf(ctx, 'reduceBy');
  requirePermission(scope, 'WORK_ON_ISSUES', 'You do not have the permission to log work on this issue.');
  const spent = spentOf(body);
  if (spent === null) throw fieldErrors({ timeLogged: 'You must indicate the time spent working.' });
  if (!body.started) throw fieldErrors({ started: 'You must specify a start date for the worklog.' });
  checkComment(body);
  const now = scope.site.now();
  const w: WorklogRecord = {
    id: String(scope.site.store.nextId('worklog')),
    issueId: issue.id,
    authorId: scope.user.accountId,
    updateAuthorId: scope.user.accountId,
    comment: (body.comment as WorklogRecord['comment']) ?? null,
    started: startedMs(body.started),
    timeSpentSeconds: spent,
    visibility: body.visibility?.type && (body.visibility.value ?? body.visibility.identifier) ? { type: body.visibility.type, value: (body.visibility.value ?? body.visibility.identifier)! } : null,
    created: now,
    updated: now,
  };
  scope.site.store.putWorklog(w);
  for (const p of body.properties ?? []) if (p.key) scope.site.store.setProperty('worklog', w.id, p.key, p.value ?? null);
  adjust(scope, issue.id, spent, how);
  touch(scope, issue);
  emitWorklog(scope, 'avi:jira:created:worklog', w);
  return json(201, worklogView(scope.site, w, withProperties(ctx)));
}

function getWorklog(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  return json(200, worklogView(scope.site, findWorklog(scope, issue, ctx.params.id ?? ''), withProperties(ctx)));
}

const mayChange = (scope: RequestScope, w: WorklogRecord, own: string, all: string): boolean =>
  hasPermission(scope.user, all) || (w.authorId === scope.user.accountId && hasPermission(scope.user, own));

function updateWorklog(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const w = findWorklog(scope, issue, ctx.params.id ?? '');
  const body = parseBody(worklogRequest, ctx.json());
  boolParam(ctx, 'notifyUsers', true);
  const how = adjustOf(ctx, 'reduceBy');
  if (how.mode === 'manual') throw badRequest('adjustEstimate=manual is not allowed when updating a worklog.');
  if (!mayChange(scope, w, 'EDIT_OWN_WORKLOGS', 'EDIT_ALL_WORKLOGS')) throw forbidden('You do not have the permission to edit this worklog.');
  const spent = spentOf(body) ?? w.timeSpentSeconds;
  checkComment(body);
  const next: WorklogRecord = {
    ...w,
    comment: body.comment !== undefined ? ((body.comment as WorklogRecord['comment']) ?? null) : w.comment,
    started: body.started ? startedMs(body.started) : w.started,
    timeSpentSeconds: spent,
    updateAuthorId: scope.user.accountId,
    updated: scope.site.now(),
  };
  scope.site.store.putWorklog(next);
  for (const p of body.properties ?? []) if (p.key) scope.site.store.setProperty('worklog', w.id, p.key, p.value ?? null);
  adjust(scope, issue.id, spent - w.timeSpentSeconds, how);
  touch(scope, issue);
  emitWorklog(scope, 'avi:jira:updated:worklog', next);
  return json(200, worklogView(scope.site, next, withProperties(ctx)));
}

function deleteWorklog(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const w = findWorklog(scope, issue, ctx.params.id ?? '');
  boolParam(ctx, 'notifyUsers', true);
  const how = adjustOf(ctx, 'increaseBy');
  if (!mayChange(scope, w, 'DELETE_OWN_WORKLOGS', 'DELETE_ALL_WORKLOGS')) throw forbidden('You do not have the permission to delete this worklog.');
  const view = worklogView(scope.site, w);
  scope.site.store.deleteWorklog(w.id);
  adjust(scope, issue.id, -w.timeSpentSeconds, how);
  touch(scope, issue);
  scope.events.push({ eventType: 'avi:jira:deleted:worklog', actorAccountId: scope.user.accountId, payload: { eventType: 'avi:jira:deleted:worklog', worklog: view } });
  return noContent();
}

const idList = z.strictObject({ ids: z.array(z.number().int()) });

/** POST /rest/api/3/worklog/list: worklogs by id across issues; ids the caller cannot see are left out. */
function listWorklogsById(ctx: Ctx) {
  const { scope } = ctx;
  const body = parseBody(idList, ctx.json());
  if (body.ids.length > MAX_LISTED) throw badRequest(`A maximum of ${MAX_LISTED} worklog IDs can be specified.`);
  const values = [...new Set(body.ids.map(String))].flatMap((id) => {
    const w = scope.site.store.worklog(id);
    if (!w || !hasPermission(scope.user, 'BROWSE_PROJECTS') || !canSeeWorklog(scope.user, w) || !scope.site.store.issueById(w.issueId)) return [];
    return [worklogView(scope.site, w, withProperties(ctx))];
  });
  return json(200, values);
}

export const worklogRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/worklog/list', handler: listWorklogsById },
  { method: 'GET', pattern: WORKLOGS, handler: listWorklogs },
  { method: 'POST', pattern: WORKLOGS, handler: addWorklog },
  { method: 'GET', pattern: `${WORKLOGS}/{id}`, handler: getWorklog },
  { method: 'PUT', pattern: `${WORKLOGS}/{id}`, handler: updateWorklog },
  { method: 'DELETE', pattern: `${WORKLOGS}/{id}`, handler: deleteWorklog },
];
