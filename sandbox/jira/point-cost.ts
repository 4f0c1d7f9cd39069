// What one served request costs against the hourly quota, by Atlassian's rule for the points-based
// model (sandbox/platform/README.md, "Jira Cloud rate limits"): every request costs a base point;
// a read adds a point per object it returns; a write costs the base only. The docs do not publish
// per-object-type weights, so every object counts one point (marked there as left open).
import type { RouteResult } from './router';

const BASE = 1;

/** POSTs that read (searches, bulk fetches) are priced as reads: they return objects, change nothing. */
const READ_POSTS = [/\/search\/jql$/, /\/search\/approximate-count$/, /\/search$/, /\/issue\/bulkfetch$/, /\/comment\/list$/, /\/workflows$/, /\/user\/bulk$/, /\/jql\/parse$/];

export function isRead(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return method === 'POST' && READ_POSTS.some((r) => r.test(path));
}

/** Collections Jira pages in an object (`{ issues: [...] }`, `{ values: [...] }`, …). */
const COLLECTIONS = ['issues', 'values', 'comments', 'worklogs', 'transitions', 'workflows', 'permissions', 'results', 'queries'];

/** Objects a read answer carries: the items of a list or page, or 1 for a single object. */
export function objectsIn(result: RouteResult): number {
  if (result.status < 200 || result.status > 299) return 0;
  if (result.bytes) return 1;
  const body = result.body;
  if (body === undefined || body === null) return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const record = body as Record<string, unknown>;
  if (record.permissions && typeof record.permissions === 'object' && !Array.isArray(record.permissions)) {
    return Object.keys(record.permissions).length;
  }
  const lists = COLLECTIONS.map((k) => record[k]).filter((v): v is unknown[] => Array.isArray(v));
  return lists.length > 0 ? lists.reduce((n, l) => n + l.length, 0) : 1;
}

export function pointCost(method: string, path: string, result: RouteResult): number {
  return isRead(method, path) ? BASE + objectsIn(result) : BASE;
}
