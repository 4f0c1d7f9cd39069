// People by account id in bulk: GET /rest/api/3/user/bulk (PageBeanUser). Shaped after the shared
// OpenAPI contract: `accountId` repeated (required, 400 without), `startAt`/`maxResults` paging with
// Jira's default page of 10, ids unknown to the site left out (deactivated people are still listed,
// `active: false`). The number of ids per request is not documented for Jira; Confluence documents
// 200 for its twin endpoint and longer URLs fail with 400, so more than 200 is refused here.
import { badRequest } from './errors';
import { intParam } from './handler-kit';
import { json, type Ctx, type Route } from './router';
import { userDetails } from './views';

export const USER_BULK_MAX_IDS = 200;

function userBulk(ctx: Ctx) {
  const ids = ctx.query.getAll('accountId').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided');
  if (ids.length > USER_BULK_MAX_IDS) throw badRequest(`A maximum of ${USER_BULK_MAX_IDS} accountIds can be requested at once.`);
  if (ids.some((id) => id.length > 128)) throw badRequest('An accountId must not be longer than 128 characters.');
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 10, USER_BULK_MAX_IDS);
  const { site } = ctx.scope;
  const found = [...new Set(ids)].map((id) => site.store.user(id)).filter((u) => u !== undefined);
  const page = found.slice(startAt, startAt + maxResults);
  return json(200, {
    self: `${site.siteUrl}/rest/api/3/user/bulk?${ctx.query.toString()}`,
    maxResults, startAt, total: found.length, isLast: startAt + page.length >= found.length,
    values: page.map((u) => userDetails(site, u)),
  });
}

export const userRoutes: Route[] = [{ method: 'GET', pattern: '/rest/api/3/user/bulk', handler: userBulk }];
