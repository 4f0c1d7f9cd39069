// Scope is evaluated locally on the issue snapshot: the partner never learns about issues that
// are out of scope.
import type { IssueSnapshot } from '../replica/snapshot';
import type { ReplicaValue } from '../replica/value';
import type { SharingRule } from './schema';

export type ScopeDecision = { inScope: true } | { inScope: false; reason: string };

const optionName = (v: ReplicaValue | undefined): string | undefined => (v?.kind === 'option' ? v.name : undefined);
const labelsOf = (v: ReplicaValue | undefined): string[] => (v?.kind === 'options' ? v.names : []);

/** `linked`: the issue already has a partner pair (so manual start no longer applies). */
export function evaluateScope(snapshot: IssueSnapshot, rule: SharingRule, linked: boolean): ScopeDecision {
  const { scope } = rule;
  if (snapshot.projectKey !== rule.projectKey) return { inScope: false, reason: `project ${snapshot.projectKey} is not ${rule.projectKey}` };
  const type = optionName(snapshot.fields.issuetype?.value);
  if (scope.issueTypes.length > 0 && (!type || !scope.issueTypes.includes(type))) return { inScope: false, reason: `issue type ${type ?? '(none)'} not in scope` };
  const status = optionName(snapshot.fields.status?.value);
  if (scope.statuses.length > 0 && (!status || !scope.statuses.includes(status))) return { inScope: false, reason: `status ${status ?? '(none)'} not in scope` };
  const labels = labelsOf(snapshot.fields.labels?.value);
  if (scope.labels.length > 0 && !scope.labels.some((l) => labels.includes(l))) return { inScope: false, reason: 'no scope label' };
  if (scope.pilot) {
    const inPilot = scope.pilot.issueKeys.includes(snapshot.key) || scope.pilot.labels.some((l) => labels.includes(l));
    if (!inPilot) return { inScope: false, reason: 'not in the pilot scope' };
  }
  if (scope.manualStart && !linked) return { inScope: false, reason: 'waiting for a manual start' };
  return { inScope: true };
}
