// Read-only site metadata: myself, fields, priorities, statuses, issue types, projects, users,
// permissions and server info.
import { badRequest, notFound } from './errors';
import { fieldDefs, fieldDetails } from './field-catalog';
import { findIssue, intParam, listParam } from './handler-kit';
import { hasPermission, PERMISSIONS } from './permissions';
import { json, type Ctx, type Route } from './router';
import { jiraTimestamp } from './time';
import { issueTypeView, priorityView, projectView, statusView, userFull } from './views';

function projectSearch(ctx: Ctx) {
  const { site } = ctx.scope;
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 50, 100);
  const query = (ctx.query.get('query') ?? '').toLowerCase();
  const keys = listParam(ctx, 'keys').map((k) => k.toUpperCase());
  const visible = hasPermission(ctx.scope.user, 'BROWSE_PROJECTS') ? site.catalog.projects() : [];
  const matching = visible
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query));
  const page = matching.slice(startAt, startAt + maxResults);
  const base = `${site.siteUrl}/rest/api/3/project/search`;
  const isLast = startAt + page.length >= matching.length;
  return json(200, {
    self: `${base}?startAt=${startAt}&maxResults=${maxResults}`,
    ...(isLast ? {} : { nextPage: `${base}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
    maxResults,
    startAt,
    total: matching.length,
    isLast,
    values: page.map((p) => projectView(site, p, false)),
  });
}

function project(ctx: Ctx) {
  const { site } = ctx.scope;
  const ref = ctx.params.projectIdOrKey ?? '';
  const p = site.catalog.projects().find((x) => x.key === ref.toUpperCase() || x.id === ref);
  if (!p || !hasPermission(ctx.scope.user, 'BROWSE_PROJECTS')) {
    throw notFound(`No project could be found with key '${ref}'.`);
  }
  return json(200, projectView(site, p, true));
}

function user(ctx: Ctx) {
  const accountId = ctx.query.get('accountId');
  if (!accountId) throw badRequest('The accountId query parameter needs to be provided');
  const u = ctx.scope.site.store.user(accountId);
  if (!u) throw notFound(`Specified user does not exist or you do not have required permissions`);
  return json(200, userFull(ctx.scope.site, u, listParam(ctx, 'expand').includes('groups')));
}

function userSearch(ctx: Ctx) {
  const query = ctx.query.get('query');
  const accountId = ctx.query.get('accountId');
  if (!query && !accountId) throw badRequest('One of the query parameters query or accountId must be provided.');
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 50, 1000);
  const q = (query ?? '').toLowerCase();
  const found = ctx.scope.site.store
    .users()
    .filter((u) => u.active)
    .filter((u) => (accountId ? u.accountId === accountId : true))
    // Jira matches the start of the display name's words or of the email address ("john" finds John
    // Smith and johnson@…), not any substring ("ohn" finds nobody).
    .filter((u) => !q || u.displayName.toLowerCase().split(/\s+/).some((w, i, words) => words.slice(i).join(' ').startsWith(q)) || (u.emailAddress ?? '').toLowerCase().startsWith(q));
  return json(200, found.slice(startAt, startAt + maxResults).map((u) => userFull(ctx.scope.site, u)));
}

function myPermissions(ctx: Ctx) {
  const { scope } = ctx;
  const keys = listParam(ctx, 'permissions');
  if (keys.length === 0) throw badRequest('The permissions query parameter is required.');
  const unknown = keys.filter((k) => !PERMISSIONS.some((p) => p.key === k));
  if (unknown.length > 0) throw badRequest(`Invalid permission key(s): ${unknown.join(', ')}`);
  const projectKey = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  if (projectKey !== null && !scope.site.catalog.project(projectKey)) throw notFound(`No project could be found with key '${projectKey}'.`);
  const issueKey = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  if (issueKey !== null) findIssue(scope, issueKey);
  const permissions = Object.fromEntries(
    PERMISSIONS.filter((p) => keys.includes(p.key)).map((p) => [p.key, { ...p, havePermission: hasPermission(scope.user, p.key) }]),
  );
  return json(200, { permissions });
}

function serverInfo(ctx: Ctx) {
  const { site } = ctx.scope;
  return json(200, {
    baseUrl: site.siteUrl,
    displayUrl: site.siteUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100283,
    buildDate: '2025-11-20T00:00:00.000+0000',
    serverTime: jiraTimestamp(site.now()),
    scmInfo: 'liaison-sandbox',
    serverTitle: 'Jira',
    serverTimeZone: 'Etc/UTC',
  });
}

export const metaRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/myself', handler: (ctx) => json(200, userFull(ctx.scope.site, ctx.scope.user, listParam(ctx, 'expand').includes('groups'))) },
  { method: 'GET', pattern: '/rest/api/3/field', handler: (ctx) => json(200, fieldDefs(ctx.scope.site).map(fieldDetails)) },
  { method: 'GET', pattern: '/rest/api/3/priority', handler: (ctx) => json(200, ctx.scope.site.catalog.priorities().map((p) => priorityView(ctx.scope.site, p))) },
  { method: 'GET', pattern: '/rest/api/3/status', handler: (ctx) => json(200, ctx.scope.site.catalog.statuses().map((s) => statusView(ctx.scope.site, s))) },
  { method: 'GET', pattern: '/rest/api/3/issuetype', handler: (ctx) => json(200, ctx.scope.site.catalog.issueTypes().map((t) => issueTypeView(ctx.scope.site, t))) },
  { method: 'GET', pattern: '/rest/api/3/project/search', handler: projectSearch },
  { method: 'GET', pattern: '/rest/api/3/project/{projectIdOrKey}', handler: project },
  { method: 'GET', pattern: '/rest/api/3/user', handler: user },
  { method: 'GET', pattern: '/rest/api/3/user/search', handler: userSearch },
  { method: 'GET', pattern: '/rest/api/3/mypermissions', handler: myPermissions },
  { method: 'GET', pattern: '/rest/api/3/serverInfo', handler: serverInfo },
];
