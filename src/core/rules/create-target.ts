// Where partner-created issues land (incoming.create) must exist and accept the issue type, checked
// when the rule is saved — otherwise the first partner create fails, on the partner's side, later.
import { formatPath, type RuleProblem } from './format-issues';
import type { TrackerMetadata } from './metadata';
import type { SharingRule } from './schema';

/** `target`: the create project's metadata, or null when that project does not exist (or is hidden from the app). */
export function validateCreateTarget(rule: SharingRule, target: TrackerMetadata | null): RuleProblem[] {
  const create = rule.incoming.create;
  if (!create) return [];
  if (!target) return [{ path: formatPath(['incoming', 'create', 'projectKey']), message: `project ${create.projectKey} does not exist here, or Liaison cannot see it` }];
  if (!target.issueTypes.includes(create.issueType)) {
    return [{ path: formatPath(['incoming', 'create', 'issueType']), message: `"${create.issueType}" cannot be created in ${create.projectKey} (its issue types: ${target.issueTypes.join(', ') || 'none'})` }];
  }
  return [];
}
