// Step two of rule validation: does the rule make sense for this tracker? Catches the mistakes
// that would otherwise surface only as failed syncs (a status no transition reaches, a priority
// the project does not have, a required field nothing fills).
import { isCreatableKey, standardField, valueMapKeys, type ValueMapKey } from '../fields/standard-fields';
import { checkValue } from '../planning/value-check';
import type { FieldKey } from '../replica/field-key';
import { formatPath, type RuleProblem } from './format-issues';
import type { TrackerMetadata } from './metadata';
import type { SharingRule } from './schema';

export function validateRuleAgainstMetadata(rule: SharingRule, meta: TrackerMetadata): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });
  for (const key of valueMapKeys) {
    for (const [partner, local] of Object.entries(rule.incoming.valueMaps[key])) {
      const problem = valueMapProblem(key, local, rule, meta);
      if (problem) add(['incoming', 'valueMaps', key, partner], problem);
    }
  }
  const create = rule.incoming.create;
  if (create && create.projectKey === meta.projectKey && !meta.issueTypes.includes(create.issueType)) {
    add(['incoming', 'create', 'issueType'], `"${create.issueType}" is not an issue type of ${meta.projectKey}`);
  }

  const incomingLocal = new Set<FieldKey>();
  for (const [key, policy] of Object.entries(rule.fields)) {
    if (!policy) continue;
    const local = key as FieldKey;
    if (!meta.fields[local]) add(['fields', key], `no such field on ${meta.projectKey}`);
    if (policy.direction !== 'out') incomingLocal.add(local);
  }
  for (const [key, value] of Object.entries(rule.incoming.defaults)) {
    const constraint = meta.fields[key as FieldKey];
    if (!constraint) add(['incoming', 'defaults', key], `no such field on ${meta.projectKey}`);
    else if (value) {
      const reason = checkValue(value, constraint, meta, key as FieldKey);
      if (reason) add(['incoming', 'defaults', key], reason);
    }
  }
  if (create) {
    for (const [key, constraint] of Object.entries(meta.fields)) {
      if (!constraint?.required || standardField(key)?.setAtCreateOnly) continue;
      if (!incomingLocal.has(key as FieldKey) && !(key in rule.incoming.defaults)) {
        add(['incoming', 'defaults'], `required field "${key}" is neither accepted from the partner nor given a default`);
      }
    }
  }
  rule.scope.issueTypes.forEach((t, i) => {
    if (!meta.issueTypes.includes(t)) add(['scope', 'issueTypes', i], `"${t}" is not an issue type of ${meta.projectKey}`);
  });
  rule.scope.statuses.forEach((s, i) => {
    if (!meta.statuses.includes(s)) add(['scope', 'statuses', i], `"${s}" is not a status of ${meta.projectKey}`);
  });
  return problems;
}

/** Why a value map's local value cannot be used here, or null when it can. */
function valueMapProblem(key: ValueMapKey, local: string, rule: SharingRule, meta: TrackerMetadata): string | null {
  switch (key) {
    case 'status':
      if (!meta.statuses.includes(local)) return `"${local}" is not a status of ${meta.projectKey}`;
      return meta.transitions.some((t) => t.to === local) ? null : `no transition reaches "${local}"`;
    case 'priority':
      return meta.priorities.includes(local) ? null : `"${local}" is not a priority here (${meta.priorities.join(', ')})`;
    case 'issuetype':
      return meta.issueTypes.includes(local) ? null : `"${local}" is not an issue type of ${meta.projectKey}`;
    default: {
      // A name this project lacks is created on first use when the rule allows it.
      if (isCreatableKey(key) && rule.incoming.createMissing[key]) return null;
      const c = meta.fields[key];
      const options = c && (c.kind === 'option' || c.kind === 'options') ? c.options : undefined;
      if (!options || options.includes(local)) return null;
      return `"${local}" is not among the ${standardField(key)?.words ?? key} of ${meta.projectKey}`;
    }
  }
}
