// One row per resolver key: who may call it and which use case answers. Payloads are already
// validated against src/shared/resolver-contract.ts when a row runs.
import type { z } from 'zod';
import * as admin from '../../app/admin-service';
import { startBulkSync } from '../../app/bulk-sync';
import * as connections from '../../app/connections-service';
import * as linkRequests from '../../app/link-requests-service';
import { AppError, forbidden } from '../../app/app-error';
import { issueEditor, issueViewer, jiraAdmin, projectAdmin, type CallContext } from '../../app/guards';
import * as panel from '../../app/panel-service';
import * as people from '../../app/people-service';
import { projectConnections } from '../../app/project-service';
import * as rules from '../../app/rules-service';
import * as rulesCode from '../../app/rules-code-service';
import { checkJql } from '../../app/jql-check';
import { connectServiceNow, testServiceNow } from '../../app/servicenow/connect';
import { refreshServiceNowProfile, saveServiceNowResolutions, serviceNowSettingsView } from '../../app/servicenow/settings-service';
import type { AppDeps } from '../../app/sync-deps';
import { linkExisting } from '../../core/sync';
import { localIssueId } from '../../core/ids';
import type { payloads, ResolverKey } from '../../shared/resolver-contract';

type Run<K extends ResolverKey> = (payload: z.output<(typeof payloads)[K]>, ctx: CallContext, deps: AppDeps) => Promise<unknown>;
export type Definitions = { [K in ResolverKey]: Run<K> };

async function delegatedProject(ctx: CallContext, deps: AppDeps, connectionId: string) {
  const { user, projectKey } = await projectAdmin(ctx);
  const connection = await deps.config.getConnection(connectionId);
  if (!connection?.delegatedProjects?.includes(projectKey)) throw forbidden(`the Jira administrators have not delegated ${projectKey}'s sharing rule to project administrators`);
  return { user, projectKey };
}

export const definitions: Definitions = {
  'panel/get': async (_p, ctx, deps) => {
    const v = await issueViewer(ctx);
    return panel.panelView(deps, v.issue, v.canAct);
  },
  'panel/sync-now': async (p, ctx, deps) => panel.syncNow(deps, (await issueEditor(ctx)).issue, p.connectionId),
  'panel/start': async (p, ctx, deps) => panel.syncNow(deps, (await issueEditor(ctx)).issue, p.connectionId, true),
  'panel/link': async (p, ctx, deps) => {
    const { user, issue } = await issueEditor(ctx);
    const result = await linkExisting(deps, { connectionId: p.connectionId, issueId: localIssueId(issue.id), partnerIssueKey: p.partnerIssueKey, actor: user });
    if (!result.ok) throw new AppError(result.reason === 'already-linked' ? 'conflict' : 'not-found', result.message);
    return result.value;
  },
  'panel/unlink': async (p, ctx, deps) => {
    const { user, issue } = await issueEditor(ctx);
    return panel.unlink(deps, issue, p.connectionId, user);
  },
  'panel/retry': async (p, ctx, deps) => panel.retryForIssue(deps, (await issueEditor(ctx)).issue, p.connectionId, p.errorId),
  'panel/dismiss': async (p, ctx, deps) => {
    const { user, issue } = await issueEditor(ctx);
    return panel.dismiss(deps, issue, p.connectionId, p.errorId, user);
  },
  // An agent answers only the requests that name the issue in front of them, and needs to be able to edit it.
  'panel/link-requests/accept': async (p, ctx, deps) => {
    const { user, issue } = await issueEditor(ctx);
    return linkRequests.accept(deps, { ...p, actor: user, issue });
  },
  'panel/link-requests/decline': async (p, ctx, deps) => {
    const { user, issue } = await issueEditor(ctx);
    return linkRequests.decline(deps, { ...p, actor: user, issue });
  },
  // Anyone who sees the issue may see what it would share (the rule decides, not the viewer).
  'panel/preview': async (p, ctx, deps) => panel.panelPreview(deps, (await issueViewer(ctx)).issue, p.connectionId),

  'admin/connections/list': async (_p, ctx, deps) => (await jiraAdmin(ctx), connections.listConnections(deps)),
  'admin/connections/invite': async (p, ctx, deps) => connections.invite(deps, await jiraAdmin(ctx), p.contacts),
  'admin/connections/accept': async (p, ctx, deps) => connections.accept(deps, await jiraAdmin(ctx), p.code, p.contacts),
  'admin/connections/change': async (p, ctx, deps) => connections.change(deps, await jiraAdmin(ctx), p.connectionId, p.change),
  'admin/connections/contacts': async (p, ctx, deps) => connections.setContacts(deps, await jiraAdmin(ctx), p.connectionId, { local: p.local, partner: p.partner }),
  'admin/connections/limits': async (p, ctx, deps) => connections.setLimits(deps, await jiraAdmin(ctx), p.connectionId, p.limits),
  'admin/projects/list': async (_p, ctx) => (await jiraAdmin(ctx), rules.listProjects()),
  'admin/rules/get': async (p, ctx, deps) => (await jiraAdmin(ctx), rules.getRule(deps, p.connectionId, p.projectKey)),
  'admin/rules/save': async (p, ctx, deps) => rules.save(deps, await jiraAdmin(ctx), p.rule, p.comment),
  'admin/rules/restore': async (p, ctx, deps) => rules.restore(deps, await jiraAdmin(ctx), p),
  'admin/rules/delegate': async (p, ctx, deps) => rules.delegate(deps, await jiraAdmin(ctx), p.connectionId, p.projectKey, p.allowed),
  'admin/rules/check-jql': async (p, ctx, deps) => (await jiraAdmin(ctx), checkJql(deps, p.projectKey, p.jql)),
  'admin/rules/export': async (p, ctx, deps) => (await jiraAdmin(ctx), rulesCode.exportRules(deps, p.connectionId)),
  'admin/rules/import-preview': async (p, ctx, deps) => (await jiraAdmin(ctx), rulesCode.previewImport(deps, p)),
  'admin/rules/import-apply': async (p, ctx, deps) => rulesCode.applyImport(deps, await jiraAdmin(ctx), p),
  'admin/preview': async (p, ctx, deps) => (await jiraAdmin(ctx), rules.preview(deps, p.connectionId, p.issueKey)),
  'admin/queue/list': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.queue(deps, p.connectionId)),
  'admin/errors/list': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.errors(deps, p.connectionId)),
  'admin/errors/retry': async (p, ctx, deps) => (await jiraAdmin(ctx), panel.retry(deps, p.connectionId, p.errorId)),
  'admin/errors/dismiss': async (p, ctx, deps) => admin.dismissError(deps, await jiraAdmin(ctx), p.connectionId, p.errorId),
  'admin/audit/list': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.audit(deps, p.connectionId, p.limit, p.cursor)),
  'admin/bulk/start': async (p, ctx, deps) => {
    const user = await jiraAdmin(ctx);
    const result = await startBulkSync({ connectionId: p.connectionId, projectKey: p.projectKey, actor: user });
    if (!result.ok) throw new AppError(result.reason, result.message);
    return admin.bulkStatus(deps, p.connectionId, p.projectKey);
  },
  'admin/bulk/status': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.bulkStatus(deps, p.connectionId, p.projectKey)),
  'admin/kpis': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.kpiView(deps, p.connectionId)),
  'admin/connections/linked-count': async (p, ctx, deps) => (await jiraAdmin(ctx), admin.linkedCount(deps, p.connectionId)),
  'admin/link-requests/list': async (_p, ctx, deps) => (await jiraAdmin(ctx), linkRequests.listAll(deps)),
  'admin/link-requests/accept': async (p, ctx, deps) => linkRequests.accept(deps, { ...p, actor: await jiraAdmin(ctx) }),
  'admin/link-requests/decline': async (p, ctx, deps) => linkRequests.decline(deps, { ...p, actor: await jiraAdmin(ctx) }),
  'admin/profile/get': async (_p, ctx) => (await jiraAdmin(ctx), connections.getSiteProfile()),
  'admin/profile/save': async (p, ctx, deps) => connections.saveSiteName(deps, await jiraAdmin(ctx), p.name),
  'admin/connections/refresh-profile': async (p, ctx, deps) => (await jiraAdmin(ctx), connections.refreshProfile(deps, p.connectionId)),
  'admin/users/names': async (p, ctx) => (await jiraAdmin(ctx), people.resolveNames(p.accountIds)),
  'admin/users/search': async (p, ctx) => (await jiraAdmin(ctx), people.searchUsers(p.query)),

  'project/connections/list': async (_p, ctx, deps) => projectConnections(deps, (await projectAdmin(ctx)).projectKey),
  'project/rules/get': async (p, ctx, deps) => {
    const { projectKey } = await delegatedProject(ctx, deps, p.connectionId);
    return rules.getRule(deps, p.connectionId, projectKey);
  },
  'project/rules/save': async (p, ctx, deps) => {
    const rule = p.rule as { connectionId?: unknown; projectKey?: unknown } | null;
    if (typeof rule?.connectionId !== 'string') throw new AppError('invalid-payload', 'rule.connectionId is required');
    const { user, projectKey } = await delegatedProject(ctx, deps, rule.connectionId);
    if (rule.projectKey !== projectKey) throw forbidden(`this page edits the rule of ${projectKey} only`);
    return rules.save(deps, user, p.rule, p.comment);
  },
  // A project admin picks accounts for the rule they were delegated, and only then.
  'project/users/search': async (p, ctx, deps) => (await delegatedProject(ctx, deps, p.connectionId), people.searchUsers(p.query)),
  'project/users/names': async (p, ctx, deps) => (await delegatedProject(ctx, deps, p.connectionId), people.resolveNames(p.accountIds)),

  'admin/connections/servicenow': async (p, ctx, deps) => connectServiceNow(deps, await jiraAdmin(ctx), p),
  'admin/connections/servicenow-test': async (p, ctx) => (await jiraAdmin(ctx), testServiceNow(p)),
  'admin/connections/servicenow-settings': async (p, ctx, deps) => (await jiraAdmin(ctx), serviceNowSettingsView(deps, p.connectionId)),
  'admin/connections/servicenow-refresh': async (p, ctx, deps) => refreshServiceNowProfile(deps, await jiraAdmin(ctx), p.connectionId),
  'admin/connections/servicenow-resolutions': async (p, ctx, deps) => saveServiceNowResolutions(deps, await jiraAdmin(ctx), p),
};
