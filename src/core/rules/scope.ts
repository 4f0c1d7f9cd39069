// Scope is evaluated locally on the issue snapshot: the partner never learns about issues that
// are out of scope. A JQL clause in the scope (or the pilot) is decided on the snapshot too when
// that is certain (rules/jql/jql-local.ts); otherwise Jira's search answers it (`decideScope`).
import type { IssueSnapshot } from '../replica/snapshot';
import type { ReplicaValue } from '../replica/value';
import { localJqlVerdict } from './jql/jql-local';
import type { SharingRule } from './schema';

export type ScopeDecision = { inScope: true } | { inScope: false; reason: string; undecidedJql?: string };

/** Jira's answer to "does this issue match this JQL clause" (one search, cached per issue version). */
export type JqlMatcher = (snapshot: IssueSnapshot, jql: string) => Promise<boolean>;

/**
 * `answers`: what Jira said for clauses the snapshot cannot decide. `assumeUndecided`: treat such a
 * clause as matching instead of reporting it (only where Jira cannot be asked: an issue that does
 * not exist yet, or a hint that the real decision follows).
 */
export type JqlOptions = { answers?: ReadonlyMap<string, boolean>; assumeUndecided?: boolean };

const optionName = (v: ReplicaValue | undefined): string | undefined => (v?.kind === 'option' ? v.name : undefined);
const labelsOf = (v: ReplicaValue | undefined): string[] => (v?.kind === 'options' ? v.names : []);

function jqlVerdict(snapshot: IssueSnapshot, jql: string, options: JqlOptions): boolean | undefined {
  const local = localJqlVerdict(snapshot, jql);
  if (local !== undefined) return local;
  const answered = options.answers?.get(jql);
  if (answered !== undefined) return answered;
  return options.assumeUndecided ? true : undefined;
}

const undecided = (jql: string): ScopeDecision => ({ inScope: false, reason: 'the JQL scope needs Jira to decide', undecidedJql: jql });

/** `linked`: the issue already has a partner pair (so manual start no longer applies). */
export function evaluateScope(snapshot: IssueSnapshot, rule: SharingRule, linked: boolean, options: JqlOptions = {}): ScopeDecision {
  const { scope } = rule;
  if (snapshot.projectKey !== rule.projectKey) return { inScope: false, reason: `project ${snapshot.projectKey} is not ${rule.projectKey}` };
  const type = optionName(snapshot.fields.issuetype?.value);
  if (scope.issueTypes.length > 0 && (!type || !scope.issueTypes.includes(type))) return { inScope: false, reason: `issue type ${type ?? '(none)'} not in scope` };
  const status = optionName(snapshot.fields.status?.value);
  if (scope.statuses.length > 0 && (!status || !scope.statuses.includes(status))) return { inScope: false, reason: `status ${status ?? '(none)'} not in scope` };
  const labels = labelsOf(snapshot.fields.labels?.value);
  if (scope.labels.length > 0 && !scope.labels.some((l) => labels.includes(l))) return { inScope: false, reason: 'no scope label' };
  if (scope.jql) {
    const match = jqlVerdict(snapshot, scope.jql, options);
    if (match === undefined) return undecided(scope.jql);
    if (!match) return { inScope: false, reason: 'does not match the scope JQL' };
  }
  if (scope.pilot) {
    let inPilot = scope.pilot.issueKeys.includes(snapshot.key) || scope.pilot.labels.some((l) => labels.includes(l));
    if (!inPilot && scope.pilot.jql) {
      const match = jqlVerdict(snapshot, scope.pilot.jql, options);
      if (match === undefined) return undecided(scope.pilot.jql);
      inPilot = match;
    }
    if (!inPilot) return { inScope: false, reason: 'not in the pilot scope' };
  }
  if (scope.manualStart && !linked) return { inScope: false, reason: 'waiting for a manual start' };
  return { inScope: true };
}

/**
 * Jira's answers for the rule's JQL clauses (scope, pilot) that the snapshot cannot decide, for a
 * caller that must decide synchronously after (the issue panel). One search per such clause.
 */
export async function jqlAnswersFor(snapshot: IssueSnapshot, rule: SharingRule, matcher: JqlMatcher | undefined): Promise<Map<string, boolean>> {
  const answers = new Map<string, boolean>();
  if (!matcher) return answers;
  for (const jql of [rule.scope.jql, rule.scope.pilot?.jql]) {
    if (jql && !answers.has(jql) && localJqlVerdict(snapshot, jql) === undefined) answers.set(jql, await matcher(snapshot, jql));
  }
  return answers;
}

/** A matcher that first takes answers already known (a bulk sync's search used the clause itself). */
export function knownFirst(matcher: JqlMatcher | undefined, known: ReadonlyMap<string, boolean> | undefined): JqlMatcher | undefined {
  if (!known || known.size === 0) return matcher;
  return async (snapshot, jql) => {
    const answer = known.get(jql);
    if (answer !== undefined) return answer;
    if (!matcher) throw new Error('no JQL matcher');
    return matcher(snapshot, jql);
  };
}

/**
 * evaluateScope, asking Jira (`matcher`) for each JQL clause the snapshot cannot decide — at most
 * two (scope and pilot). Without a matcher such a clause leaves the issue out, with the reason.
 */
export async function decideScope(snapshot: IssueSnapshot, rule: SharingRule, linked: boolean, matcher?: JqlMatcher): Promise<ScopeDecision> {
  const answers = new Map<string, boolean>();
  for (;;) {
    const decision = evaluateScope(snapshot, rule, linked, { answers });
    if (decision.inScope || decision.undecidedJql === undefined || !matcher || answers.has(decision.undecidedJql)) return decision;
    answers.set(decision.undecidedJql, await matcher(snapshot, decision.undecidedJql));
  }
}
