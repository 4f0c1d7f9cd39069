// /rest/api/3/issueLink and /rest/api/3/issueLinkType (Jira platform REST v3, "Issue links" and
// "Issue link types": list, and create as an admin). POST answers 201 with no body, as Jira does; the link's id is learnt from
// the issues' `issuelinks` field. In the request, `inwardIssue` is the issue the type's outward
// description applies to (Blocks: inwardIssue blocks outwardIssue), matching the issue views, where
// that issue lists the other one as its `outwardIssue`.
import { z } from 'zod';
import { badRequest, notFound } from './errors';
import { findIssue, requirePermission } from './handler-kit';
import { allLinks, createLink, createLinkType, deleteLink, linkType, linkTypes, linkTypeView } from './issue-links';
import { hasPermission } from './permissions';
import { linkedIssueView } from './hierarchy';
import { parseBody } from './request-schemas';
import { json, noContent, type Ctx, type Route } from './router';

const ref = z.looseObject({ id: z.union([z.string(), z.number()]).optional(), key: z.string().optional() });
const linkRequest = z.looseObject({
  type: z.looseObject({ id: z.union([z.string(), z.number()]).optional(), name: z.string().optional() }),
  inwardIssue: ref,
  outwardIssue: ref,
});

const refText = (r: z.output<typeof ref>): string => String(r.id ?? r.key ?? '');

function create(ctx: Ctx) {
  const { scope } = ctx;
  const body = parseBody(linkRequest, ctx.json());
  const type = linkType(scope.site, body.type);
  if (!type) throw notFound(`No issue link type with name '${body.type.name ?? body.type.id ?? ''}' found.`);
  const source = findIssue(scope, refText(body.inwardIssue));
  const destination = findIssue(scope, refText(body.outwardIssue));
  if (source.id === destination.id) throw badRequest('You cannot link an issue to itself.');
  requirePermission(scope, 'LINK_ISSUES', 'You do not have permission to link issues in this project.');
  createLink(scope, type, source, destination);
  return { status: 201 };
}

function linkById(ctx: Ctx) {
  const raw = ctx.params.linkId ?? '';
  if (!/^\d+$/.test(raw)) throw badRequest(`The issue link ID '${raw}' is invalid.`);
  const link = allLinks(ctx.scope.site).find((l) => l.id === raw);
  if (!link) throw notFound(`No issue link with id '${raw}' exists.`);
  // Both issues must be visible, as for any read of them.
  const source = findIssue(ctx.scope, link.sourceId);
  const destination = findIssue(ctx.scope, link.destinationId);
  return { link, source, destination };
}

function getOne(ctx: Ctx) {
  const { link, source, destination } = linkById(ctx);
  const type = linkTypes(ctx.scope.site).find((t) => t.id === link.typeId)!;
  return json(200, {
    id: link.id,
    self: `${ctx.scope.site.siteUrl}/rest/api/3/issueLink/${link.id}`,
    type: linkTypeView(ctx.scope.site, type),
    inwardIssue: linkedIssueView(ctx.scope, source),
    outwardIssue: linkedIssueView(ctx.scope, destination),
  });
}

function remove(ctx: Ctx) {
  const { link } = linkById(ctx);
  requirePermission(ctx.scope, 'LINK_ISSUES', 'You do not have permission to link issues in this project.');
  deleteLink(ctx.scope, link);
  return noContent();
}

const linkTypeRequest = z.looseObject({ name: z.string().trim().min(1).max(255), inward: z.string().trim().min(1).max(255), outward: z.string().trim().min(1).max(255) });

/**
 * Create issue link type: Administer Jira only, 201 with the new type. Jira's reference answers 404
 * both when the name is in use and when the caller lacks the permission.
 */
function createType(ctx: Ctx) {
  if (!hasPermission(ctx.scope.user, 'ADMINISTER')) throw notFound('You do not have permission to create issue link types.');
  const body = parseBody(linkTypeRequest, ctx.json());
  const created = createLinkType(ctx.scope.site, { name: body.name, inward: body.inward, outward: body.outward });
  if (!created) throw notFound(`The issue link type name '${body.name}' is already in use.`);
  return json(201, linkTypeView(ctx.scope.site, created));
}

function listTypes(ctx: Ctx) {
  return json(200, { issueLinkTypes: linkTypes(ctx.scope.site).map((t) => linkTypeView(ctx.scope.site, t)) });
}

export const issueLinkRoutes: Route[] = [
  { method: 'POST', pattern: '/rest/api/3/issueLink', handler: create },
  { method: 'GET', pattern: '/rest/api/3/issueLink/{linkId}', handler: getOne },
  { method: 'DELETE', pattern: '/rest/api/3/issueLink/{linkId}', handler: remove },
  { method: 'GET', pattern: '/rest/api/3/issueLinkType', handler: listTypes },
  { method: 'POST', pattern: '/rest/api/3/issueLinkType', handler: createType },
];
