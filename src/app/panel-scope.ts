// Why an issue does not sync on a connection yet, in a form the issue panel turns into "how to get
// in": the issue types, statuses or labels the rule takes, the pilot's labels and keys, or the
// connection's own state. Pure: decided from the issue, the rule and the connection.
import type { Connection } from '../core/connection';
import type { IssueSnapshot } from '../core/replica/snapshot';
import type { ReplicaValue } from '../core/replica/value';
import { evaluateScope } from '../core/rules/scope';
import type { SharingRule } from '../core/rules/schema';
import type { PanelConnectionView, PanelScopeHelp } from '../shared/resolver-contract';

const optionName = (v: ReplicaValue | undefined): string | null => (v?.kind === 'option' ? v.name : null);

export function panelConnectionView(c: Connection | null): PanelConnectionView | undefined {
  if (!c) return undefined;
  return { state: c.state, ...(c.endedAt === undefined ? {} : { endedAt: c.endedAt }), contacts: c.contacts.local };
}

export type PanelOffer = { inScope: boolean; reason: string | null; help?: PanelScopeHelp };

/**
 * Whether an agent can start syncing the issue now, and if not, what stands in the way. A rule
 * with manual start is in scope for the agent (starting is what it waits for), but says so.
 */
export function panelOffer(snapshot: IssueSnapshot | null, rule: SharingRule, connection: Connection | null, jqlAnswers?: ReadonlyMap<string, boolean>): PanelOffer {
  const state = connection?.state;
  if (state === 'ended') return { inScope: false, reason: 'the partner ended this connection', help: { kind: 'connection', state } };
  if (state === 'pending') return { inScope: false, reason: 'the partner has not accepted the invitation yet', help: { kind: 'connection', state } };
  if (!snapshot) return { inScope: false, reason: 'issue not readable', help: { kind: 'other', reason: 'Liaison cannot read this issue' } };
  // `jqlAnswers`: Jira's word on the JQL clauses the issue cannot decide. Without it such a clause is
  // offered; starting asks Jira (handleLocalChange) and reports the issue out of scope if it does not match.
  const decision = evaluateScope(snapshot, rule, false, { ...(jqlAnswers ? { answers: jqlAnswers } : {}), assumeUndecided: true });
  if (decision.inScope) return state === 'paused' ? { inScope: true, reason: null, help: { kind: 'connection', state } } : { inScope: true, reason: null };
  return { inScope: false, reason: decision.reason, help: scopeHelp(snapshot, rule, decision.reason) };
}

/** The first scope test the issue fails, with what the rule would take instead. */
function scopeHelp(snapshot: IssueSnapshot, rule: SharingRule, reason: string): PanelScopeHelp {
  const { scope } = rule;
  const type = optionName(snapshot.fields.issuetype?.value);
  if (scope.issueTypes.length > 0 && (!type || !scope.issueTypes.includes(type))) return { kind: 'issue-type', current: type, allowed: scope.issueTypes };
  const status = optionName(snapshot.fields.status?.value);
  if (scope.statuses.length > 0 && (!status || !scope.statuses.includes(status))) return { kind: 'status', current: status, allowed: scope.statuses };
  if (reason === 'no scope label') return { kind: 'labels', allowed: scope.labels };
  if (reason === 'not in the pilot scope' && scope.pilot) return { kind: 'pilot', labels: scope.pilot.labels, issueKeys: scope.pilot.issueKeys };
  if (reason === 'waiting for a manual start') return { kind: 'manual-start' };
  return { kind: 'other', reason };
}
