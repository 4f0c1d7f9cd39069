// Saving and restoring a sharing rule: validate (shape, then against the tracker), append a new
// version, and leave an audit entry naming who changed what.
import { err, ok, type Result } from '../result';
import { formatProblem, type RuleProblem } from '../rules/format-issues';
import { parseRule } from '../rules/parse-rule';
import { jqlProblems } from '../rules/jql/jql-problems';
import { linkTypeProblems } from '../rules/link-type-problems';
import { requestTypeProblems } from '../rules/request-type-problems';
import { withServiceDeskFieldIds } from '../rules/service-desk-rule';
import { validateCreateTarget } from '../rules/create-target';
import type { TrackerMetadata } from '../rules/metadata';
import type { SharingRule } from '../rules/schema';
import { validateRuleAgainstMetadata } from '../rules/validate-against-metadata';
import { TrackerError } from './tracker-error';
import { RuleVersionTaken, nextVersion, restoreVersion, type RuleVersion } from '../rules/versions';
import type { SyncDeps } from './deps';

type Deps = Pick<SyncDeps, 'config' | 'store' | 'tracker' | 'clock' | 'ids'>;

export async function saveRule(deps: Deps, input: { rule: unknown; author: string; comment: string }): Promise<Result<RuleVersion, 'invalid-rule', RuleProblem[]>> {
  const parsed = parseRule(input.rule);
  if (!parsed.ok) return parsed;
  const problems = await ruleProblems(deps, parsed.value);
  if (problems.length > 0) return err('invalid-rule', problems.map(formatProblem).join('\n'), problems);
  const rule = await withServiceDeskFieldIds(parsed.value, deps.tracker.serviceDeskFieldIds?.bind(deps.tracker));
  const meta = { author: input.author, at: deps.clock.now(), comment: input.comment };
  const version = await appendNext(deps, rule.connectionId, rule.projectKey, (history) => nextVersion(history, rule, meta));
  await deps.store.appendAudit({ id: deps.ids.newId(), at: version.at, connectionId: rule.connectionId, actor: input.author, action: 'rule-saved', subject: rule.projectKey, detail: `version ${version.version}: ${input.comment}` });
  return ok(version);
}

/** What the tracker says about a well-formed rule: metadata, the create target, the JQL, the link types (the editor's and an import's check). */
export async function ruleProblems(deps: Pick<Deps, 'tracker'>, rule: SharingRule): Promise<RuleProblem[]> {
  return [...validateRuleAgainstMetadata(rule, await deps.tracker.getMetadata(rule.projectKey)), ...(await createTargetProblems(deps, rule)), ...(await jqlProblems(deps.tracker, rule)), ...(await linkTypeProblems(deps.tracker, rule)), ...(await requestTypeProblems(deps.tracker, rule))];
}

/** A create target in another project: it must exist and take the issue type (the rule's own project is checked above). */
async function createTargetProblems(deps: Pick<Deps, 'tracker'>, rule: SharingRule): Promise<RuleProblem[]> {
  const create = rule.incoming.create;
  if (!create || create.projectKey === rule.projectKey) return [];
  let target: TrackerMetadata | null;
  try {
    target = await deps.tracker.getMetadata(create.projectKey);
  } catch (e) {
    // The adapter's "no such project" (Jira: 404 on the project read); anything else is a real failure.
    if (!(e instanceof TrackerError && !e.transient && (e as { status?: unknown }).status === 404)) throw e;
    target = null;
  }
  return validateCreateTarget(rule, target);
}

export async function restoreRule(deps: Deps, input: { connectionId: string; projectKey: string; version: number; author: string; comment: string }): Promise<Result<RuleVersion, 'unknown-version'>> {
  const history = await deps.config.getRuleHistory(input.connectionId, input.projectKey);
  if (!history.some((v) => v.version === input.version)) return err('unknown-version', `rule version ${input.version} does not exist for ${input.projectKey}`);
  const meta = { author: input.author, at: deps.clock.now(), comment: input.comment };
  const version = await appendNext(deps, input.connectionId, input.projectKey, (h) => restoreVersion(h, input.version, meta), history);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: version.at, connectionId: input.connectionId, actor: input.author, action: 'rule-restored', subject: input.projectKey, detail: `version ${version.version} restores ${input.version}: ${input.comment}` });
  return ok(version);
}

/**
 * Appends the version `make` derives from the history. The store writes it only if its number is
 * free (a conditional write); a save that lost the race reads the history again and takes the next.
 */
async function appendNext(deps: Deps, connectionId: string, projectKey: string, make: (history: RuleVersion[]) => RuleVersion, first?: RuleVersion[]): Promise<RuleVersion> {
  let history = first ?? (await deps.config.getRuleHistory(connectionId, projectKey));
  for (let attempt = 1; ; attempt++) {
    const version = make(history);
    try {
      await deps.config.appendRuleVersion(connectionId, projectKey, version);
      return version;
    } catch (e) {
      if (!(e instanceof RuleVersionTaken) || attempt >= 5) throw e;
      history = await deps.config.getRuleHistory(connectionId, projectKey);
      // The history may still lag behind the save that won: never offer its number again.
      if (!history.some((v) => v.version >= e.version)) history = [...history, { ...version, version: e.version }];
    }
  }
}
