// Admin use cases for sharing rules: read with history, save, restore, delegate to project admins,
// and "what the partner will see" for one issue.
import { forgeJiraHttp, listJiraProjects } from '../adapters/jira';
import { STANDARD_FIELDS } from '../core/fields';
import { localIssueId } from '../core/ids';
import { planOutgoing } from '../core/planning/outgoing-planner';
import { decideScope } from '../core/rules/scope';
import { previewRelations } from '../core/sync/preview-relations';
import type { ConnectionId } from '../core/ids';
import { restoreRule, saveRule } from '../core/sync';
import { toPlainText } from '../core/richtext/plain-text';
import { defaultChoicesFor } from '../adapters/servicenow/value-maps';
import type { Connection } from '../core/connection';
import type { FieldConstraint } from '../core/rules/metadata';
import type { PartnerCatalogView, PreviewView, RuleView } from '../shared/resolver-contract';
import { AppError, notFound } from './app-error';
import { checkServiceNowRule } from './servicenow/rule-check';
import { trackerForRules, withFreshMetadata, type AppDeps } from './sync-deps';
import { getServiceNowSettings } from './servicenow/settings';
import { linkTypeChoices, requestTypeChoices } from './editor-choices';
import { sendProfile } from '../core/sync/partner-profile';
import { withAuthorNames } from './people-service';
import { customFieldCatalog, ruleVersionView, valueText } from './views';

export async function getRule(deps: AppDeps, connectionId: string, projectKey: string): Promise<RuleView> {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  const history = await deps.config.getRuleHistory(connectionId, projectKey);
  const sorted = [...history].sort((a, b) => b.version - a.version);
  const versions = await withAuthorNames(sorted.map(ruleVersionView));
  const metadata = await deps.tracker.getMetadata(projectKey);
  const customFields = customFieldCatalog(metadata);
  const [linkTypes, requestTypes] = await Promise.all([linkTypeChoices(deps.tracker), requestTypeChoices(deps.tracker, projectKey)]);
  return {
    connectionId, projectKey,
    current: versions[0] ?? null,
    history: versions,
    delegated: (connection.delegatedProjects ?? []).includes(projectKey),
    fieldCatalog: [...STANDARD_FIELDS.map((f) => ({ key: f.key, name: f.label })), ...customFields],
    choices: {
      local: { statuses: metadata.statuses, priorities: metadata.priorities, issueTypes: metadata.issueTypes, components: optionsOf(metadata.fields.components), versions: optionsOf(metadata.fields.fixVersions), ...(linkTypes ? { linkTypes } : {}), ...(requestTypes ? { requestTypes } : {}) },
      partner: await partnerChoices(connection),
    },
  };
}

/** The names a field's constraint allows (components, versions), or none. */
const optionsOf = (c: FieldConstraint | undefined): string[] => (c && (c.kind === 'options' || c.kind === 'option') ? (c.options ?? []) : []);

/**
 * The partner's values for the editor's dropdowns: what a Jira partner shared in its profile, or
 * the state and priority labels of the ServiceNow instance (read when it was connected; the
 * table's defaults when it could not be read). Null: a Jira partner that has not shared them yet.
 */
async function partnerChoices(connection: Connection): Promise<PartnerCatalogView | null> {
  if (connection.partnerKind === 'jira') return connection.partnerProfile?.catalog ?? null;
  const settings = await getServiceNowSettings(connection.id).catch(() => null);
  if (!settings) return null;
  const lists = { ...defaultChoicesFor(settings.table), ...settings.profile?.choices };
  const labels = (column: string) => (lists[column] ?? []).map((c) => c.label);
  return { statuses: labels('state'), priorities: labels('priority'), issueTypes: [] };
}

export async function save(deps: AppDeps, actor: string, rule: unknown, comment: string) {
  const connectionId = (rule as { connectionId?: unknown } | null)?.connectionId;
  const connection = typeof connectionId === 'string' ? await deps.config.getConnection(connectionId) : null;
  if (typeof connectionId === 'string' && !connection) throw notFound(`connection ${connectionId} does not exist`);
  // A ServiceNow partner's codes are checked against the instance as it is now.
  if (connection?.partnerKind === 'servicenow') await checkServiceNowRule(connection.id, rule);
  // The admin expects validation against the project as it is now, not as cached minutes ago.
  const result = await saveRule(withFreshMetadata(deps), { rule, author: actor, comment });
  if (!result.ok) throw new AppError('invalid-rule', result.message, result.detail);
  // The partner's rule editor offers this project's values: it learns them now, not at the next ping.
  if (connection?.partnerKind === 'jira') await sendProfile(deps, connection.id).catch((e: unknown) => console.warn(`liaison: profile for ${connection.id} not sent: ${(e as Error).message}`));
  return ruleVersionView(result.value);
}

export async function restore(deps: AppDeps, actor: string, input: { connectionId: string; projectKey: string; version: number; comment: string }) {
  const result = await restoreRule(deps, { ...input, author: actor, comment: input.comment || `rollback to version ${input.version}` });
  if (!result.ok) throw notFound(result.message);
  return ruleVersionView(result.value);
}

export async function delegate(deps: AppDeps, actor: string, connectionId: string, projectKey: string, allowed: boolean) {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  const others = (connection.delegatedProjects ?? []).filter((p) => p !== projectKey);
  await deps.config.putConnection({ ...connection, delegatedProjects: allowed ? [...others, projectKey] : others });
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: projectKey, detail: allowed ? 'project admins may edit this rule' : 'rule editing taken back from project admins' });
  return { connectionId, projectKey, delegated: allowed };
}

/** Exactly what would leave for this issue if it synced now from scratch (a fresh pair). */
export async function preview(deps: AppDeps, connectionId: string, issueKey: string): Promise<PreviewView> {
  const read = await deps.tracker.getIssue(localIssueId(issueKey));
  if (!read) throw notFound(`issue ${issueKey} does not exist or is not visible to Liaison`);
  const rule = (await deps.config.rulesForProject(read.projectKey)).find((r) => r.connectionId === connectionId);
  if (!rule) throw notFound(`project ${read.projectKey} has no sharing rule on this connection`);
  // Worklogs are read only for rules that share them: read the issue again as its sync would.
  const snapshot = rule.outgoing.worklogs.enabled && !read.worklogs ? ((await trackerForRules([rule]).getIssue(read.id)) ?? read) : read;
  const scope = await decideScope(snapshot, rule, true, deps.tracker.matchesJql?.bind(deps.tracker));
  const plan = planOutgoing(snapshot, rule, null, deps.clock.now());
  const fields = Object.entries(plan?.replica.fields ?? {}).map(([field, f]) => ({ field, value: f!.value, text: valueText(f!.value) }));
  const withheld = Object.keys(snapshot.fields)
    .filter((k) => !rule.fields[k as keyof typeof rule.fields] || rule.fields[k as keyof typeof rule.fields]?.direction === 'in')
    .map((field) => ({ field, reason: rule.fields[field as keyof typeof rule.fields] ? 'incoming only' : 'not shared by the rule' }));
  const internalKept = snapshot.comments.filter((c) => c.internal && !rule.outgoing.comments.includeInternal).length;
  if (internalKept > 0) withheld.push({ field: 'comments', reason: `${internalKept} internal comment(s) stay here` });
  for (const s of plan?.skipped ?? []) withheld.push({ field: `attachment ${s.filename}`, reason: s.reason });
  const restricted = (snapshot.worklogs ?? []).filter((w) => w.restricted).length;
  if (rule.outgoing.worklogs.enabled && restricted > 0) withheld.push({ field: 'worklogs', reason: `${restricted} restricted worklog(s) stay here` });
  const relations = await previewRelations(deps, connectionId as ConnectionId, snapshot, rule);
  return {
    issueKey: snapshot.key, inScope: scope.inScope, scopeReason: scope.inScope ? null : scope.reason, fields,
    comments: (plan?.replica.comments ?? []).map((c) => ({ id: c.id, internal: c.internal, text: toPlainText(c.body) })),
    withheld,
    ...(relations ? { relations } : {}),
    ...(rule.outgoing.worklogs.enabled ? { worklogs: (plan?.replica.worklogs ?? []).map((w) => ({ id: w.id, text: worklogText(w) })) } : {}),
  };
}

/** A worklog as one preview line: time, day, who logged it and the start of its comment. */
function worklogText(w: { timeSpentSeconds: number; started: string; author: { displayName: string }; comment: Parameters<typeof toPlainText>[0] }): string {
  const h = Math.floor(w.timeSpentSeconds / 3600);
  const m = Math.round((w.timeSpentSeconds % 3600) / 60);
  const time = [h ? `${h}h` : '', m || !h ? `${m}m` : ''].filter(Boolean).join(' ');
  const comment = toPlainText(w.comment).trim();
  return `${time} on ${w.started.slice(0, 10)} by ${w.author.displayName || 'someone'}${comment ? `: ${comment}` : ''}`;
}

/** Projects a Jira admin can pick for a rule (the app sees every project). */
export async function listProjects(): Promise<Array<{ key: string; name: string }>> {
  return listJiraProjects(forgeJiraHttp());
}
