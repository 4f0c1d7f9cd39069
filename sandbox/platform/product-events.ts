// Product events (avi:jira:*) as Forge delivers them to `trigger` modules: the documented payload
// (issue with the small `fields` subset, atlassianId, eventType, selfGenerated, context) and
// `filter.ignoreSelf` honoured against the installation's app account.
import type { Installation } from './installation';
import type { TriggerDef } from './manifest';

export interface ProductEvent {
  eventType: string;
  /** The event body the product produced: `issue`, `changelog`, `comment`, `associatedUsers`, ... */
  payload: Record<string, unknown>;
  /** Who caused the event. */
  actorAccountId?: string;
}

/**
 * "Atlassian app events larger than 200 kB are not delivered" (events-reference/product_events,
 * Known issues): such an event reaches no trigger at all. The docs leave open how the size is
 * counted; the JSON of the delivered body is used here.
 */
export const PRODUCT_EVENT_MAX_BYTES = 200 * 1024;

export function tooLargeToDeliver(body: Record<string, unknown>): boolean {
  return Buffer.byteLength(JSON.stringify(body)) > PRODUCT_EVENT_MAX_BYTES;
}

/** The issue fields Forge's issue events carry; everything else must be read over REST. */
export const ISSUE_EVENT_FIELDS = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status'] as const;

function trimIssue(issue: unknown): unknown {
  if (typeof issue !== 'object' || issue === null) return issue;
  const { fields, ...rest } = issue as { fields?: Record<string, unknown> };
  if (!fields) return issue;
  const kept: Record<string, unknown> = {};
  for (const f of ISSUE_EVENT_FIELDS) if (f in fields) kept[f] = fields[f];
  return { ...rest, fields: kept };
}

export function eventFor(inst: Installation, trigger: TriggerDef, e: ProductEvent): Record<string, unknown> {
  return {
    ...e.payload,
    ...('issue' in e.payload ? { issue: trimIssue(e.payload.issue) } : {}),
    eventType: e.eventType,
    ...(e.actorAccountId ? { atlassianId: e.actorAccountId } : {}),
    selfGenerated: e.actorAccountId !== undefined && e.actorAccountId === inst.appAccountId,
    context: { cloudId: inst.cloudId, moduleKey: trigger.key },
  };
}

/** The triggers of `inst` that receive `e`, after `filter.ignoreSelf`. */
export function subscribers(inst: Installation, e: ProductEvent): TriggerDef[] {
  return inst.app.triggers.filter(
    (t) => t.events.includes(e.eventType) && !(t.ignoreSelf && e.actorAccountId !== undefined && e.actorAccountId === inst.appAccountId),
  );
}
