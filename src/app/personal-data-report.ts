// Weekly: tell Atlassian which account ids Liaison stores (personal data reporting API) and erase
// the ones it reports closed, from the audit log, connections and every rule version. Liaison keeps
// no profile data (names, emails) of the site's users, so an 'updated' answer needs no refresh.
import type { Connection } from '../core/connection';
import type { ConfigStore } from '../core/ports/config-store';
import type { LedgerStore } from '../core/ports/store';
import type { RuleVersion } from '../core/rules/versions';
import { collectAccounts, eraseFromAudit, eraseFromConnection, eraseFromVersion, type AccountAges, type AccountStatus, type ReportedAccount } from '../core/privacy/personal-data';

export interface PersonalDataDeps {
  config: ConfigStore & { rebuildAll(): Promise<unknown> };
  store: Pick<LedgerStore, 'listAudit' | 'appendAudit'>;
  /** Writes a rule version in place (and the current rule when it is that version). */
  rewriteRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void>;
  /** Atlassian's answer for these accounts (only those needing action). */
  report(accounts: ReportedAccount[]): Promise<AccountStatus[]>;
}

export type PersonalDataSummary = { reported: number; closed: string[]; updated: number; erased: { audit: number; connections: number; ruleVersions: number } };

async function histories(deps: PersonalDataDeps, c: Connection): Promise<Array<{ projectKey: string; versions: RuleVersion[] }>> {
  const rules = await deps.config.currentRules(c.id);
  return Promise.all(rules.map(async (r) => ({ projectKey: r.projectKey, versions: await deps.config.getRuleHistory(c.id, r.projectKey) })));
}

export async function reportPersonalData(deps: PersonalDataDeps): Promise<PersonalDataSummary> {
  const connections = await deps.config.listConnections();
  const ages: AccountAges = new Map();
  for (const c of connections) {
    collectAccounts(ages, { connection: c, audit: await deps.store.listAudit(c.id), versions: (await histories(deps, c)).flatMap((h) => h.versions) });
  }
  const accounts = [...ages].map(([accountId, at]) => ({ accountId, updatedAt: new Date(at).toISOString() }));
  const answers = accounts.length > 0 ? await deps.report(accounts) : [];
  const closed = new Set(answers.filter((a) => a.status === 'closed').map((a) => a.accountId));
  const summary: PersonalDataSummary = { reported: accounts.length, closed: [...closed], updated: answers.filter((a) => a.status === 'updated').length, erased: { audit: 0, connections: 0, ruleVersions: 0 } };
  if (closed.size === 0) return summary;

  for (const c of connections) {
    const connection = eraseFromConnection(c, closed);
    if (connection) {
      await deps.config.putConnection(connection);
      summary.erased.connections++;
    }
    for (const a of await deps.store.listAudit(c.id)) {
      const erased = eraseFromAudit(a, closed);
      // An audit entry is stored under its id: writing it again replaces it.
      if (!erased) continue;
      await deps.store.appendAudit(erased);
      summary.erased.audit++;
    }
    for (const h of await histories(deps, c)) {
      for (const v of h.versions) {
        const erased = eraseFromVersion(v, closed);
        if (!erased) continue;
        await deps.rewriteRuleVersion(c.id, h.projectKey, erased);
        summary.erased.ruleVersions++;
      }
    }
  }
  // Routes carry copies of the current rules and connections: rebuilt from the erased records.
  await deps.config.rebuildAll();
  return summary;
}
