// Saving and restoring a sharing rule: validate (shape, then against the tracker), append a new
// version, and leave an audit entry naming who changed what.
import { err, ok, type Result } from '../result';
import { formatProblem, type RuleProblem } from '../rules/format-issues';
import { parseRule } from '../rules/parse-rule';
import { validateCreateTarget } from '../rules/create-target';
import type { TrackerMetadata } from '../rules/metadata';
import type { SharingRule } from '../rules/schema';
import { validateRuleAgainstMetadata } from '../rules/validate-against-metadata';
import { TrackerError } from './tracker-error';
import { nextVersion, restoreVersion, type RuleVersion } from '../rules/versions';
import type { SyncDeps } from './deps';

type Deps = Pick<SyncDeps, 'config' | 'store' | 'tracker' | 'clock' | 'ids'>;

export async function saveRule(deps: Deps, input: { rule: unknown; author: string; comment: string }): Promise<Result<RuleVersion, 'invalid-rule', RuleProblem[]>> {
  const parsed = parseRule(input.rule);
  if (!parsed.ok) return parsed;
  const rule = parsed.value;
  const problems = [...validateRuleAgainstMetadata(rule, await deps.tracker.getMetadata(rule.projectKey)), ...(await createTargetProblems(deps, rule))];
  if (problems.length > 0) return err('invalid-rule', problems.map(formatProblem).join('\n'), problems);
  const history = await deps.config.getRuleHistory(rule.connectionId, rule.projectKey);
  const version = nextVersion(history, rule, { author: input.author, at: deps.clock.now(), comment: input.comment });
  await deps.config.appendRuleVersion(rule.connectionId, rule.projectKey, version);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: version.at, connectionId: rule.connectionId, actor: input.author, action: 'rule-saved', subject: rule.projectKey, detail: `version ${version.version}: ${input.comment}` });
  return ok(version);
}

/** A create target in another project: it must exist and take the issue type (the rule's own project is checked above). */
async function createTargetProblems(deps: Deps, rule: SharingRule): Promise<RuleProblem[]> {
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
  const version = restoreVersion(history, input.version, { author: input.author, at: deps.clock.now(), comment: input.comment });
  await deps.config.appendRuleVersion(input.connectionId, input.projectKey, version);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: version.at, connectionId: input.connectionId, actor: input.author, action: 'rule-restored', subject: input.projectKey, detail: `version ${version.version} restores ${input.version}: ${input.comment}` });
  return ok(version);
}
