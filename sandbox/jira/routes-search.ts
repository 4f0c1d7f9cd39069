// Enhanced search (/rest/api/3/search/jql, GET and POST) with nextPageToken paging. The legacy
// /rest/api/3/search is gone from Jira Cloud and answers 410, as the real site does.
import { createHash } from 'node:crypto';
import type { RequestScope } from './context';
import { badRequest, JiraError } from './errors';
import { listParam } from './handler-kit';
import { issueBean, selectFields } from './issue-view';
import { compileJql } from './jql/evaluate';
import { UNBOUNDED } from './jql/errors';
import { parseJql, type Expr, type Operand } from './jql/parser';
import type { IssueRecord } from './types';
import { hasPermission } from './permissions';
import { parseBody, searchRequest } from './request-schemas';
import { json, type Ctx, type Route } from './router';

const MAX_PAGE = 5000;

interface SearchArgs {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
}

// A token names the offset and the query it belongs to, so a token replayed against another query fails.
const digest = (jql: string): string => createHash('sha1').update(jql).digest('hex').slice(0, 12);
const makeToken = (jql: string, offset: number): string =>
  Buffer.from(JSON.stringify({ q: digest(jql), o: offset })).toString('base64url');

function readToken(jql: string, token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: unknown; o?: unknown };
    if (parsed.q === digest(jql) && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // falls through to the 400 below
  }
  throw badRequest(`The nextPageToken '${token}' is invalid for this query.`);
}

const ISSUE_FIELDS = new Set(['id', 'key', 'issuekey']);

/**
 * The issues a query can only match, when it names them (`id in (…)`, `key = …`, alone or ANDed
 * with anything): read those rather than every issue, as Jira's index would. Null: no such bound.
 * Only narrows the candidates — the compiled query still decides each match.
 */
function namedIssues(where: Expr | undefined): string[] | null {
  if (!where) return null;
  if (where.kind === 'and') {
    const left = namedIssues(where.left);
    const right = namedIssues(where.right);
    return left && right ? left.filter((v) => right.includes(v)) : (left ?? right);
  }
  if (where.kind !== 'clause' || !ISSUE_FIELDS.has(where.field.toLowerCase()) || (where.op !== '=' && where.op !== 'in')) return null;
  const values = (o: Operand): string[] | null =>
    o.kind === 'value' ? [o.value] : o.kind === 'list' ? o.items.reduce<string[] | null>((acc, i) => (acc && values(i) ? [...acc, ...values(i)!] : null), []) : null;
  return values(where.operand);
}

function candidates(scope: RequestScope, where: Expr | undefined): IssueRecord[] {
  const named = namedIssues(where);
  if (!named) return scope.site.store.issues();
  const byId = new Map<string, IssueRecord>();
  for (const v of named) {
    const issue = /^\d+$/.test(v) ? scope.site.store.issueById(v) : scope.site.store.issueByKey(v);
    if (issue) byId.set(issue.id, issue);
  }
  // In id order, as the full read returns them (the order a query without ORDER BY keeps).
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

function search(scope: RequestScope, args: SearchArgs) {
  if (!Number.isInteger(args.maxResults) || args.maxResults < 0) throw badRequest("The 'maxResults' parameter must be a non-negative integer.");
  const query = parseJql(args.jql);
  const compiled = compileJql(scope, query);
  if (!compiled.bounded) throw new JiraError(400, [UNBOUNDED]);
  const offset = readToken(args.jql, args.nextPageToken);
  const visible = hasPermission(scope.user, 'BROWSE_PROJECTS') ? candidates(scope, query.where) : [];
  const hits = visible.filter(compiled.matches).sort(compiled.compare);
  // A zero page could never advance its token, so the smallest page is one issue.
  const size = Math.max(1, Math.min(args.maxResults, MAX_PAGE));
  const page = hits.slice(offset, offset + size);
  const fields = selectFields(scope.site, args.fields, 'none');
  const isLast = offset + page.length >= hits.length;
  return {
    issues: page.map((i) => issueBean(scope, i, { fields, expand: args.expand, properties: args.properties })),
    ...(isLast ? {} : { nextPageToken: makeToken(args.jql, offset + page.length) }),
    isLast,
  };
}

function getSearch(ctx: Ctx) {
  const raw = ctx.query.get('maxResults');
  if (raw !== null && !/^\d+$/.test(raw)) throw badRequest(`The 'maxResults' parameter must be an integer, got '${raw}'.`);
  return json(
    200,
    search(ctx.scope, {
      jql: ctx.query.get('jql') ?? '',
      nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
      maxResults: raw === null ? 50 : Number(raw),
      fields: listParam(ctx, 'fields'),
      expand: listParam(ctx, 'expand'),
      properties: listParam(ctx, 'properties'),
    }),
  );
}

function postSearch(ctx: Ctx) {
  const body = parseBody(searchRequest, ctx.json());
  return json(
    200,
    search(ctx.scope, {
      jql: body.jql ?? '',
      nextPageToken: body.nextPageToken,
      maxResults: body.maxResults ?? 50,
      fields: body.fields ?? [],
      expand: (body.expand ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      properties: body.properties ?? [],
    }),
  );
}

// Approximate count (POST /rest/api/3/search/approximate-count): exact here, which is one valid
// approximation. It answers for bounded queries only, like search.
function approximateCount(ctx: Ctx) {
  const body = ctx.json() as { jql?: unknown } | null;
  if (!body || typeof body !== 'object' || (body.jql !== undefined && typeof body.jql !== 'string')) throw badRequest("The 'jql' property must be a string.");
  const compiled = compileJql(ctx.scope, parseJql(typeof body.jql === 'string' ? body.jql : ''));
  if (!compiled.bounded) throw new JiraError(400, [UNBOUNDED]);
  const visible = hasPermission(ctx.scope.user, 'BROWSE_PROJECTS') ? ctx.scope.site.store.issues() : [];
  return json(200, { count: visible.filter(compiled.matches).length });
}

const GONE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';
const gone = () => {
  throw new JiraError(410, [GONE]);
};

export const searchRoutes: Route[] = [
  { method: 'GET', pattern: '/rest/api/3/search/jql', handler: getSearch },
  { method: 'POST', pattern: '/rest/api/3/search/jql', handler: postSearch },
  { method: 'POST', pattern: '/rest/api/3/search/approximate-count', handler: approximateCount },
  { method: 'GET', pattern: '/rest/api/3/search', handler: gone },
  { method: 'POST', pattern: '/rest/api/3/search', handler: gone },
];
