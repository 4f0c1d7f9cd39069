// POST /rest/api/3/workflows (readWorkflows): each project's seed workflow in Jira's new workflow shape.
// A project has one workflow for all its issue types. Jira models creation as an INITIAL transition to
// the initial status; seed transitions without `from` are GLOBAL, the others DIRECTED with one link per
// source status.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SiteContext } from './context';
import { badRequest } from './errors';
import { hasPermission } from './permissions';
import { parseBody } from './request-schemas';
import { json, type Ctx, type Route } from './router';
import type { ProjectRecord, StatusCategoryKey, StatusSeed } from './types';

const workflowReadRequest = z.strictObject({
  projectAndIssueTypes: z.array(z.strictObject({ projectId: z.string(), issueTypeId: z.string() })).optional(),
  workflowIds: z.array(z.string()).optional(),
  workflowNames: z.array(z.string()).optional(),
});

const CATEGORY: Record<StatusCategoryKey, 'TODO' | 'IN_PROGRESS' | 'DONE'> = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' };

const uuid = (text: string): string => {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export const workflowId = (site: SiteContext, p: ProjectRecord): string => uuid(`workflow:${site.name}:${p.key}`);
export const workflowName = (p: ProjectRecord): string => `Software Simplified Workflow for Project ${p.key}`;

function statusView(s: StatusSeed): Record<string, unknown> {
  return { id: s.id, name: s.name, statusReference: s.id, statusCategory: CATEGORY[s.category], scope: { type: 'GLOBAL' }, description: s.description ?? '' };
}

/** The transition id Jira gives creation: 1, unless the seed already uses it. */
function initialTransitionId(p: ProjectRecord): string {
  const taken = new Set(p.workflow.transitions.map((t) => t.id));
  let n = 1;
  while (taken.has(String(n))) n++;
  return String(n);
}

function workflowView(site: SiteContext, p: ProjectRecord): Record<string, unknown> {
  const rule = { actions: [], validators: [], triggers: [], properties: {}, description: '' };
  const initial = site.catalog.initialStatus(p);
  return {
    id: workflowId(site, p),
    name: workflowName(p),
    description: '',
    isEditable: true,
    scope: { type: 'GLOBAL' },
    startPointLayout: { x: -100, y: -150 },
    statuses: p.workflow.statuses.map((s, i) => ({ statusReference: s.id, deprecated: false, layout: { x: 120 + 200 * i, y: 0 }, properties: {} })),
    transitions: [
      { id: initialTransitionId(p), name: 'Create', toStatusReference: initial.id, type: 'INITIAL', links: [], ...rule },
      ...p.workflow.transitions.map((t) => ({
        id: t.id,
        name: t.name,
        toStatusReference: t.to,
        type: t.from.length === 0 ? 'GLOBAL' : 'DIRECTED',
        links: t.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 1 })),
        ...rule,
      })),
    ],
    version: { id: uuid(`workflow-version:${site.name}:${p.key}`), versionNumber: 0 },
  };
}

function readWorkflows(ctx: Ctx) {
  const { site, user } = ctx.scope;
  const body = parseBody(workflowReadRequest, ctx.json());
  const projects = site.catalog.projects();
  const wanted = new Map<string, ProjectRecord>();
  for (const pair of body.projectAndIssueTypes ?? []) {
    const p = projects.find((x) => x.id === pair.projectId);
    if (!p) throw badRequest(`The project with ID '${pair.projectId}' does not exist.`);
    if (!p.issueTypes.some((t) => t.id === pair.issueTypeId)) {
      throw badRequest(`The issue type with ID '${pair.issueTypeId}' is not used in project ${p.key}.`);
    }
    wanted.set(p.key, p);
  }
  for (const p of projects) {
    if ((body.workflowIds ?? []).includes(workflowId(site, p)) || (body.workflowNames ?? []).includes(workflowName(p))) wanted.set(p.key, p);
  }
  // Reading workflows needs Administer Jira, or Administer projects for the project's own; like Jira's
  // list endpoints, the ones the caller may not read are left out rather than failing the request.
  const readable = hasPermission(user, 'ADMINISTER') || hasPermission(user, 'ADMINISTER_PROJECTS') ? [...wanted.values()] : [];
  const statuses = new Map<string, StatusSeed>();
  for (const p of readable) for (const s of p.workflow.statuses) if (!statuses.has(s.id)) statuses.set(s.id, s);
  return json(200, { statuses: [...statuses.values()].map(statusView), workflows: readable.map((p) => workflowView(site, p)) });
}

export const workflowRoutes: Route[] = [{ method: 'POST', pattern: '/rest/api/3/workflows', handler: readWorkflows }];
