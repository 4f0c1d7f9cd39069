// The composition root: the core's ports on Forge (KVS, queues, fetch, secrets) and Jira REST.
// Built once per invocation, so per-invocation caches die with the invocation.
import { createForgeAdapters, type ForgeAdapters } from '../adapters/forge';
import { FULL_READ, JiraTracker, forgeJiraHttp, readPlanFor } from '../adapters/jira';
import type { SharingRule } from '../core/rules/schema';
import type { SyncDeps } from '../core/sync/deps';
import { memoConfig } from './config-memo';
import { QUEUES } from './module-keys';

/** The core's ports, with the Forge adapters' extra operations (paging, queue events) kept visible. */
export type AppDeps = SyncDeps & Omit<ForgeAdapters, 'config'>;

export function syncDeps(options: { rules?: SharingRule[] } = {}): AppDeps {
  const adapters = createForgeAdapters({ outboxQueue: QUEUES.outbox });
  const tracker = new JiraTracker({ http: forgeJiraHttp(), read: options.rules && options.rules.length > 0 ? readPlanFor(options.rules) : FULL_READ });
  return { ...adapters, config: memoConfig(adapters.config), tracker };
}

/**
 * Deps for a partner's message on `connectionId`: the tracker reads every field the connection's
 * rules share. A read with less would see an unread field as empty, and a partner clearing that
 * field would look like no change here.
 */
export async function syncDepsForConnection(connectionId: string): Promise<AppDeps> {
  const base = syncDeps();
  const rules = await base.config.currentRules(connectionId);
  const tracker = new JiraTracker({ http: forgeJiraHttp(), read: rules.length > 0 ? readPlanFor(rules) : FULL_READ });
  return { ...base, tracker };
}

/**
 * Deps whose tracker reads only what the project's rules share: the rules are read first (and
 * memoised, so the core's own read of them costs nothing more).
 */
export async function syncDepsForProject(projectKey: string): Promise<AppDeps> {
  const base = syncDeps();
  const rules = await base.config.rulesForProject(projectKey);
  const tracker = new JiraTracker({ http: forgeJiraHttp(), read: rules.length > 0 ? readPlanFor(rules) : FULL_READ });
  return { ...base, tracker };
}
