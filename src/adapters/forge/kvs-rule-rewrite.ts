// Rewrites a stored rule version in place — only for erasing a closed account's id (the history
// is otherwise append-only). The current-rule record is rewritten with it when it is that version.
import { kvs, Filter, FilterConditions } from '@forge/kvs';
import type { RuleVersion } from '../../core/rules/versions';
import { ENTITY } from './entities';
import { keyOf, padNumber } from './kvs-keys';
import { requireId } from './kvs-support';

type VersionEntity = { history: string; version: number; ruleVersion: RuleVersion };
type CurrentEntity = { connectionId: string; projectKey: string; version: number; ruleVersion: RuleVersion };

export async function rewriteRuleVersion(connectionId: string, projectKey: string, v: RuleVersion): Promise<void> {
  const history = keyOf(requireId('connectionId', connectionId), requireId('projectKey', projectKey));
  const current = await kvs.entity<CurrentEntity>(ENTITY.ruleCurrent).get(history);
  let tx = kvs.transact().set(`${history}:${padNumber(v.version)}`, { history, version: v.version, ruleVersion: v } satisfies VersionEntity, { entityName: ENTITY.ruleVersion });
  if (current?.version === v.version) {
    // Conditional: a save that moved the pointer meanwhile keeps its newer version.
    const still = new Filter<CurrentEntity>().and('version', FilterConditions.equalTo(v.version));
    tx = tx.set(history, { connectionId, projectKey, version: v.version, ruleVersion: v } satisfies CurrentEntity, { entityName: ENTITY.ruleCurrent, conditions: still });
  }
  await tx.execute();
}
