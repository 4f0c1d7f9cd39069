// A partner-created issue obeys the rule's scope (issue types, statuses, labels, pilot) like any
// other: the issue it would create is judged before anything is written, so the partner cannot
// create issues here that this side would then never sync back (or that the pilot excludes).
import { localIssueId } from '../ids';
import type { ChangePlan } from '../planning/change-plan';
import type { IssueSnapshot } from '../replica/snapshot';
import type { TrackerMetadata } from '../rules/metadata';
import type { SharingRule } from '../rules/schema';
import { evaluateScope, type ScopeDecision } from '../rules/scope';

export function createScope(plan: ChangePlan, rule: SharingRule, meta: TrackerMetadata): ScopeDecision {
  if (!plan.create) return { inScope: true };
  const labels = plan.edits.find((e) => e.field === 'labels')?.value;
  // The issue as it would be right after the apply: its type, the status the plan moves it to, its labels.
  const wouldBe: IssueSnapshot = {
    id: localIssueId('(new)'), key: '', projectKey: rule.projectKey, updatedAt: 0,
    fields: {
      issuetype: { value: { kind: 'option', name: plan.create.issueType } },
      status: { value: { kind: 'option', name: plan.transition?.to ?? meta.initialStatus } },
      ...(labels ? { labels: { value: labels } } : {}),
    },
    comments: [], attachments: [],
  };
  // A partner create is a link by nature, so a manual start does not apply. A JQL clause the
  // would-be issue cannot decide is taken as matching: Jira cannot search an issue that does not
  // exist yet, and every later change of it is judged by Jira's search before anything leaves.
  return evaluateScope(wouldBe, rule, true, { assumeUndecided: true });
}
