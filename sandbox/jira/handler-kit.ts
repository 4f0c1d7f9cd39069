// Small helpers every route module shares: issue lookup behind Browse permission, permission checks,
// paging parameters, and queuing product events for delivery after the response.
import type { RequestScope } from './context';
import { badRequest, forbidden, issueNotFound, JiraError } from './errors';
import { eventIssue } from './issue-view';
import { hasPermission } from './permissions';
import type { Ctx } from './router';
import type { IssueRecord } from './types';

/** By id or key. A user without Browse permission gets the same 404 as for a missing issue. */
export function findIssue(scope: RequestScope, idOrKey: string): IssueRecord {
  const { store } = scope.site;
  const issue = /^\d+$/.test(idOrKey) ? store.issueById(idOrKey) : store.issueByKey(idOrKey);
  if (!issue || !hasPermission(scope.user, 'BROWSE_PROJECTS')) throw issueNotFound();
  return issue;
}

export function requirePermission(scope: RequestScope, key: string, message: string): void {
  if (!hasPermission(scope.user, key)) throw forbidden(message);
}

export function intParam(ctx: Ctx, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`The '${name}' parameter must be an integer, got '${raw}'.`);
  const n = Number(raw);
  if (n < 0) throw badRequest(`The '${name}' parameter must not be negative.`);
  return Math.min(n, max);
}

export function listParam(ctx: Ctx, name: string): string[] {
  return ctx.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function boolParam(ctx: Ctx, name: string, fallback: boolean): boolean {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`The '${name}' parameter must be true or false.`);
  return raw === 'true';
}

/** Queues a product event; the site delivers it once the response has been produced. */
export function emit(scope: RequestScope, eventType: string, issue: IssueRecord, extra: Record<string, unknown> = {}): void {
  scope.events.push({
    eventType,
    actorAccountId: scope.user.accountId,
    payload: {
      eventType,
      issue: eventIssue(scope, issue),
      atlassianId: scope.user.accountId,
      associatedUsers: [{ accountId: scope.user.accountId }],
      ...extra,
    },
  });
}

export function assertObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JiraError(400, ['Invalid request payload. Refer to the REST API documentation and try again.']);
  }
  return value as Record<string, unknown>;
}
