// /rest/api/3/issue: create, get, edit, delete, transitions and changelog.
import { badRequest, forbidden } from './errors';
import { boolParam, findIssue, intParam, listParam, requirePermission } from './handler-kit';
import { createIssue, deleteIssue, editIssue, transitionIssue } from './issue-service';
import { issueBean, selectFields } from './issue-view';
import { hasPermission } from './permissions';
import { changelogView } from './record-views';
import { issueUpdateDetails, parseBody } from './request-schemas';
import { json, noContent, type Ctx, type Route } from './router';
import { statusView } from './views';

const ISSUE = '/rest/api/3/issue/{issueIdOrKey}';

function getIssue(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const fields = selectFields(scope.site, listParam(ctx, 'fields'), 'all');
  return json(200, issueBean(scope, issue, { fields, expand: listParam(ctx, 'expand'), properties: listParam(ctx, 'properties') }));
}

function postIssue(ctx: Ctx) {
  const { scope } = ctx;
  const body = parseBody(issueUpdateDetails, ctx.json());
  requirePermission(scope, 'CREATE_ISSUES', 'You do not have permission to create issues in this project.');
  const issue = createIssue(scope, body);
  return json(201, { id: issue.id, key: issue.key, self: `${scope.site.siteUrl}/rest/api/3/issue/${issue.id}` });
}

function putIssue(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const body = parseBody(issueUpdateDetails, ctx.json());
  requirePermission(scope, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  if (!boolParam(ctx, 'notifyUsers', true) && !hasPermission(scope.user, 'ADMINISTER_PROJECTS')) {
    throw forbidden('To discard the user notification either admin or project admin permissions are required.');
  }
  editIssue(scope, issue, { fields: body.fields, update: body.update });
  for (const p of body.properties ?? []) {
    if (p.key) scope.site.store.setProperty('issue', issue.id, p.key, p.value ?? null);
  }
  if (boolParam(ctx, 'returnIssue', false)) {
    const fresh = findIssue(scope, issue.id);
    return json(200, issueBean(scope, fresh, { fields: selectFields(scope.site, [], 'all'), expand: listParam(ctx, 'expand') }));
  }
  return noContent();
}

function delIssue(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  boolParam(ctx, 'deleteSubtasks', false); // no sub-tasks are modelled; the flag is still validated
  requirePermission(scope, 'DELETE_ISSUES', 'You do not have permission to delete issues in this project.');
  deleteIssue(scope, issue);
  return noContent();
}

function getTransitions(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const { catalog } = scope.site;
  const project = catalog.projectByKey(issue.projectKey);
  const only = ctx.query.get('transitionId');
  const withFields = listParam(ctx, 'expand').includes('transitions.fields');
  const transitions = catalog
    .transitionsFrom(project, issue.statusId)
    .filter((t) => only === null || t.id === only)
    .map((t) => {
      const to = catalog.status(t.to);
      return {
        id: t.id,
        name: t.name,
        ...(to ? { to: statusView(scope.site, to) } : {}),
        hasScreen: false,
        isGlobal: t.from.length === 0,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        isLooped: false,
        ...(withFields ? { fields: {} } : {}),
      };
    });
  return json(200, { expand: 'transitions', transitions });
}

function postTransition(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const body = parseBody(issueUpdateDetails, ctx.json());
  requirePermission(scope, 'TRANSITION_ISSUES', 'You do not have permission to transition this issue.');
  transitionIssue(scope, issue, body);
  return noContent();
}

function getChangelog(ctx: Ctx) {
  const { scope } = ctx;
  const issue = findIssue(scope, ctx.params.issueIdOrKey ?? '');
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 100, 100);
  if (maxResults === 0) throw badRequest("The 'maxResults' parameter must be greater than 0.");
  const all = scope.site.store.changelog(issue.id);
  const page = all.slice(startAt, startAt + maxResults);
  const base = `${scope.site.siteUrl}/rest/api/3/issue/${issue.key}/changelog`;
  const isLast = startAt + page.length >= all.length;
  return json(200, {
    self: `${base}?startAt=${startAt}&maxResults=${maxResults}`,
    ...(isLast ? {} : { nextPage: `${base}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values: page.map((h) => changelogView(scope.site, h)),
  });
}

export const issueRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/issue', handler: postIssue },
  { method: 'GET', pattern: ISSUE, handler: getIssue },
  { method: 'PUT', pattern: ISSUE, handler: putIssue },
  { method: 'DELETE', pattern: ISSUE, handler: delIssue },
  { method: 'GET', pattern: `${ISSUE}/transitions`, handler: getTransitions },
  { method: 'POST', pattern: `${ISSUE}/transitions`, handler: postTransition },
  { method: 'GET', pattern: `${ISSUE}/changelog`, handler: getChangelog },
];
