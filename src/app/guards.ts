// Who may call what, decided by Jira's own permissions for the calling user. Every admin resolver
// passes through `jiraAdmin`; panel reads need BROWSE on the issue, panel actions EDIT on it.
import { userPermissions } from '../adapters/jira';
import { forbidden } from './app-error';
import type { PanelIssue } from './panel-service';

export type CallContext = {
  accountId: string | null;
  extension: { type?: string; issue?: { id?: string; key?: string }; project?: { id?: string; key?: string } };
};

function requireUser(ctx: CallContext): string {
  if (!ctx.accountId) throw forbidden('sign in to Jira to use Liaison');
  return ctx.accountId;
}

export async function jiraAdmin(ctx: CallContext): Promise<string> {
  const user = requireUser(ctx);
  if (!(await userPermissions(['ADMINISTER'])).ADMINISTER) throw forbidden('only Jira administrators can do this');
  return user;
}

export async function projectAdmin(ctx: CallContext): Promise<{ user: string; projectKey: string }> {
  const user = requireUser(ctx);
  const projectKey = ctx.extension.project?.key;
  if (!projectKey) throw forbidden('this action needs a project context');
  if (!(await userPermissions(['ADMINISTER_PROJECTS'], { projectKey })).ADMINISTER_PROJECTS) throw forbidden(`only administrators of project ${projectKey} can do this`);
  return { user, projectKey };
}

export function panelIssue(ctx: CallContext): PanelIssue {
  const { issue, project } = ctx.extension;
  if (!issue?.id || !issue.key || !project?.key) throw forbidden('this action needs an issue context');
  return { id: issue.id, key: issue.key, projectKey: project.key };
}

/** Read access to the issue; returns whether the user may also act (edit) on it. */
export async function issueViewer(ctx: CallContext): Promise<{ user: string; issue: PanelIssue; canAct: boolean }> {
  const user = requireUser(ctx);
  const issue = panelIssue(ctx);
  const perms = await userPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { issueId: issue.id });
  if (!perms.BROWSE_PROJECTS) throw forbidden(`you cannot see ${issue.key}`);
  return { user, issue, canAct: perms.EDIT_ISSUES };
}

export async function issueEditor(ctx: CallContext): Promise<{ user: string; issue: PanelIssue }> {
  const viewer = await issueViewer(ctx);
  if (!viewer.canAct) throw forbidden(`you need permission to edit ${viewer.issue.key} to change how it syncs`);
  return viewer;
}
