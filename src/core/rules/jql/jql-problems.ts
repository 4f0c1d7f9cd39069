// The rule's JQL clauses checked by the tracker itself (Jira's JQL parser) when the rule is saved
// or imported: an unknown field, a misspelt value or an ORDER BY is a problem at its path, in
// Jira's own words, instead of an issue that silently never syncs.
import type { Tracker } from '../../ports/tracker';
import type { RuleProblem } from '../format-issues';
import type { SharingRule } from '../schema';

export async function jqlProblems(tracker: Pick<Tracker, 'jqlErrors'>, rule: SharingRule): Promise<RuleProblem[]> {
  const clauses: Array<{ path: string; jql: string }> = [];
  if (rule.scope.jql) clauses.push({ path: 'scope.jql', jql: rule.scope.jql });
  if (rule.scope.pilot?.jql) clauses.push({ path: 'scope.pilot.jql', jql: rule.scope.pilot.jql });
  if (clauses.length === 0) return [];
  if (!tracker.jqlErrors) return clauses.map((c) => ({ path: c.path, message: 'this tracker has no JQL: scope by issue types, statuses and labels instead' }));
  const errors = await tracker.jqlErrors(rule.projectKey, clauses.map((c) => c.jql));
  return clauses.flatMap((c, i) => (errors[i] ?? []).map((message) => ({ path: c.path, message })));
}
