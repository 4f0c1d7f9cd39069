// Rewrites a stored rule version in place — only for erasing a closed account's id (the history
// is otherwise append-only). The current-rule record is rewritten with it when it is that version.
// Both are noted for read-back (kvs-recent-writes.ts): until the lagging index shows the rewrite,
// listings and route rebuilds would otherwise still carry the erased account.
import { kvs, Filter, FilterConditions } from '@forge/kvs';
import type { RuleVersion } from '../../core/rules/versions';
import { ENTITY } from './entities';
import { RECENT_RULES_KEY, RECENT_VERSIONS_KEY, historyOf, ruleTags, versionKey } from './kvs-config-store';
import { RecentWrites } from './kvs-recent-writes';

type VersionEntity = { history: string; version: number; ruleVersion: RuleVersion };
type CurrentEntity = { connectionId: string; projectKey: string; version: number; ruleVersion: RuleVersion };

export async function rewriteRuleVersion(connectionId: string, projectKey: string, v: RuleVersion): Promise<void> {
  const history = historyOf(connectionId, projectKey);
  const current = await kvs.entity<CurrentEntity>(ENTITY.ruleCurrent).get(history);
  const key = versionKey(history, v.version);
  let tx = kvs.transact().set(key, { history, version: v.version, ruleVersion: v } satisfies VersionEntity, { entityName: ENTITY.ruleVersion });
  if (current?.version === v.version) {
    // Conditional: a save that moved the pointer meanwhile keeps its newer version.
    const still = new Filter<CurrentEntity>().and('version', FilterConditions.equalTo(v.version));
    tx = tx.set(history, { connectionId, projectKey, version: v.version, ruleVersion: v } satisfies CurrentEntity, { entityName: ENTITY.ruleCurrent, conditions: still });
  }
  await tx.execute();
  await new RecentWrites(RECENT_VERSIONS_KEY).note(key, [history]);
  if (current?.version === v.version) await new RecentWrites(RECENT_RULES_KEY).note(history, ruleTags(connectionId, projectKey));
}
