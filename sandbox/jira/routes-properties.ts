// Entity properties on issues and comments: GET list, GET/PUT/DELETE one key. Values are any JSON up to
// Jira's 32 KB limit; PUT answers 201 when it creates the key and 200 when it replaces it.
import type { RequestScope } from './context';
import { badRequest, JiraError, notFound } from './errors';
import { findIssue, requirePermission } from './handler-kit';
import { commentForProperties } from './routes-comments';
import { json, noContent, type Ctx, type Route } from './router';

const MAX_VALUE_CHARS = 32768;

interface Owner {
  table: 'issue' | 'comment';
  id: string;
  self: string;
}

type Resolve = (scope: RequestScope, param: string) => Owner;

const issueOwner: Resolve = (scope, param) => {
  const issue = findIssue(scope, param);
  return { table: 'issue', id: issue.id, self: `${scope.site.siteUrl}/rest/api/3/issue/${issue.key}/properties` };
};
const commentOwner: Resolve = (scope, param) => {
  const c = commentForProperties(scope, param);
  return { table: 'comment', id: c.id, self: `${scope.site.siteUrl}/rest/api/3/comment/${c.id}/properties` };
};

function routes(base: string, param: string, resolve: Resolve): Route[] {
  const owner = (ctx: Ctx): Owner => resolve(ctx.scope, ctx.params[param] ?? '');
  const key = (ctx: Ctx): string => {
    const k = ctx.params.propertyKey ?? '';
    if (k.length === 0 || k.length > 255) throw badRequest('The property key must be between 1 and 255 characters long.');
    return k;
  };
  return [
    {
      method: 'GET',
      pattern: base,
      handler: (ctx) => {
        const o = owner(ctx);
        const keys = ctx.scope.site.store.properties(o.table, o.id).map((p) => ({ key: p.key, self: `${o.self}/${encodeURIComponent(p.key)}` }));
        return json(200, { keys });
      },
    },
    {
      method: 'GET',
      pattern: `${base}/{propertyKey}`,
      handler: (ctx) => {
        const o = owner(ctx);
        const k = key(ctx);
        const value = ctx.scope.site.store.property(o.table, o.id, k);
        if (value === undefined) throw notFound(`The property with key '${k}' does not exist.`);
        return json(200, { key: k, value });
      },
    },
    {
      method: 'PUT',
      pattern: `${base}/{propertyKey}`,
      handler: (ctx) => {
        const o = owner(ctx);
        const k = key(ctx);
        const value = ctx.json();
        if (JSON.stringify(value).length > MAX_VALUE_CHARS) {
          throw new JiraError(400, [`The property value must not exceed ${MAX_VALUE_CHARS} characters.`]);
        }
        requirePermission(ctx.scope, 'EDIT_ISSUES', 'You do not have permission to edit this entity.');
        const existed = ctx.scope.site.store.property(o.table, o.id, k) !== undefined;
        ctx.scope.site.store.setProperty(o.table, o.id, k, value);
        return json(existed ? 200 : 201, {});
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/{propertyKey}`,
      handler: (ctx) => {
        const o = owner(ctx);
        const k = key(ctx);
        requirePermission(ctx.scope, 'EDIT_ISSUES', 'You do not have permission to edit this entity.');
        if (!ctx.scope.site.store.deleteProperty(o.table, o.id, k)) throw notFound(`The property with key '${k}' does not exist.`);
        return noContent();
      },
    },
  ];
}

export const propertyRoutes: Route[] = [
  ...routes('/rest/api/3/issue/{issueIdOrKey}/properties', 'issueIdOrKey', issueOwner),
  ...routes('/rest/api/3/comment/{commentId}/properties', 'commentId', commentOwner),
];
