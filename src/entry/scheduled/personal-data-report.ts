// Weekly (Atlassian's default reporting cycle is 7 days): report the account ids Liaison stores and
// erase those Atlassian says are closed (app/personal-data-report.ts).
import { reportAccounts } from '../../adapters/forge/personal-data-reporter';
import { rewriteRuleVersion } from '../../adapters/forge/kvs-rule-rewrite';
import { reportPersonalData } from '../../app/personal-data-report';
import { syncDeps } from '../../app/sync-deps';

export async function personalDataReport(): Promise<void> {
  const deps = syncDeps();
  const summary = await reportPersonalData({ config: deps.config, store: deps.store, rewriteRuleVersion, report: reportAccounts });
  const e = summary.erased;
  console.info(`liaison: personal data reported for ${summary.reported} accounts; ${summary.closed.length} closed (erased from ${e.audit} audit entries, ${e.connections} connections, ${e.ruleVersions} rule versions), ${summary.updated} updated (no profile data kept)`);
}
