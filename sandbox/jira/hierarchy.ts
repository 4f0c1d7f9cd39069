// Jira's issue hierarchy as the REST API shows it: the `parent` field (an epic above a standard
// issue, a standard issue above a sub-task), `subtasks` on the parent, and the checks Jira makes
// when a parent is set. Levels follow Jira Cloud's defaults: -1 sub-task, 0 standard, 1 epic.
// The exact error wording for a sub-task without a parent is not documented (README: left open).
import type { RequestScope, SiteContext } from './context';
import type { IssueRecord, IssueTypeSeed, ProjectRecord } from './types';
import { issueTypeView, priorityView, statusView } from './views';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const NO_PARENT_ISSUE = 'Could not find issue by id or key.';
export const WRONG_HIERARCHY = 'Given parent issue does not belong to appropriate hierarchy.';
export const SUBTASK_NEEDS_PARENT = 'A sub-task must have a parent issue.';

export const levelOf = (t: IssueTypeSeed | undefined): number => (t?.subtask ? -1 : (t?.hierarchyLevel ?? 0));

function issueByRef(site: SiteContext, ref: unknown): IssueRecord | undefined {
  if (!isObject(ref)) return undefined;
  const id = typeof ref.id === 'string' || typeof ref.id === 'number' ? String(ref.id) : undefined;
  if (id) return site.store.issueById(id);
  return typeof ref.key === 'string' ? site.store.issueByKey(ref.key) : undefined;
}

/** The `parent` setter: `{ key }` or `{ id }`, or null to take the issue out of its parent. */
export function setParent(site: SiteContext, _project: ProjectRecord, draft: IssueRecord, value: unknown): string | undefined {
  if (value === null) {
    draft.parentId = null;
    return undefined;
  }
  const parent = issueByRef(site, value);
  if (!parent) return NO_PARENT_ISSUE;
  draft.parentId = parent.id;
  return undefined;
}

/** Checked once every field is set (the issue type may come after the parent in the request). */
export function hierarchyError(site: SiteContext, project: ProjectRecord, issue: IssueRecord): Record<string, string> | undefined {
  const level = levelOf(site.catalog.issueType(issue.issueTypeId, project));
  if (!issue.parentId) return level === -1 ? { parent: SUBTASK_NEEDS_PARENT } : undefined;
  const parent = site.store.issueById(issue.parentId);
  if (!parent || parent.id === issue.id) return { parent: NO_PARENT_ISSUE };
  const parentLevel = levelOf(site.catalog.issueType(parent.issueTypeId, site.catalog.projectByKey(parent.projectKey)));
  if (parentLevel !== level + 1) return { parent: WRONG_HIERARCHY };
  // Sub-tasks live in their parent's project.
  if (level === -1 && parent.projectKey !== issue.projectKey) return { parent: WRONG_HIERARCHY };
  return undefined;
}

/** How an issue appears when another issue names it (parent, subtasks, issue links). */
export function linkedIssueView(scope: RequestScope, issue: IssueRecord): Record<string, unknown> {
  const { site } = scope;
  const project = site.catalog.projectByKey(issue.projectKey);
  const type = site.catalog.issueType(issue.issueTypeId, project);
  const status = site.catalog.status(issue.statusId);
  const priority = issue.priorityId ? site.catalog.priority(issue.priorityId) : undefined;
  return {
    id: issue.id,
    key: issue.key,
    self: `${site.siteUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: status ? statusView(site, status) : null,
      priority: priority ? priorityView(site, priority) : null,
      issuetype: type ? issueTypeView(site, type) : null,
    },
  };
}

export function parentView(scope: RequestScope, issue: IssueRecord): unknown {
  const parent = issue.parentId ? scope.site.store.issueById(issue.parentId) : undefined;
  return parent ? linkedIssueView(scope, parent) : undefined;
}

/** The sub-tasks of an issue (Jira lists them on the parent; epic children are found with JQL `parent = KEY`). */
export function subtasksView(scope: RequestScope, issue: IssueRecord): unknown[] {
  const project = scope.site.catalog.projectByKey(issue.projectKey);
  return scope.site.store
    .issues([issue.projectKey])
    .filter((i) => i.parentId === issue.id && levelOf(scope.site.catalog.issueType(i.issueTypeId, project)) === -1)
    .map((i) => linkedIssueView(scope, i));
}
