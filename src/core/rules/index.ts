export * from './schema';
export { formatPath, formatProblem, problemsFromZod, type RuleProblem } from './format-issues';
export { parseRule } from './parse-rule';
export type { FieldConstraint, TrackerMetadata, Transition } from './metadata';
export { validateRuleAgainstMetadata } from './validate-against-metadata';
export { RuleVersionTaken, currentVersion, nextVersion, restoreVersion, type RuleVersion, type SaveMeta } from './versions';
export { decideScope, evaluateScope, type JqlMatcher, type ScopeDecision } from './scope';
