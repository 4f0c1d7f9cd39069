// Create metadata (GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes[/{issueTypeId}]): the
// issue types of a project, and per issue type the fields its create screen offers, paged with
// startAt/maxResults (at most 200, as Jira caps it). Every issue type shares one screen here: project,
// issue type and summary required; priority and reporter have defaults; select fields list their
// enabled options.
import { badRequest, JiraError, notFound } from './errors';
import { fieldDefs, type FieldDef } from './field-catalog';
import { intParam } from './handler-kit';
import { hasPermission } from './permissions';
import { json, type Ctx, type Route } from './router';
import { isPartField, partFieldMeta } from './project-parts';
import type { ProjectRecord } from './types';
import { issueTypeView, optionView, priorityView, projectRef } from './views';

const MAX_PAGE = 200;
const SCREEN = ['issuetype', 'project', 'summary', 'description', 'reporter', 'priority', 'labels', 'duedate', 'assignee', 'components', 'fixVersions', 'versions'];

function page(ctx: Ctx): { startAt: number; maxResults: number } {
  const startAt = intParam(ctx, 'startAt', 0);
  const maxResults = intParam(ctx, 'maxResults', 50);
  if (maxResults > MAX_PAGE) throw badRequest(`Parameter 'maxResults' must not exceed the limit '${MAX_PAGE}'`);
  return { startAt, maxResults };
}

function project(ctx: Ctx): ProjectRecord {
  const ref = ctx.params.projectIdOrKey ?? '';
  const p = ctx.scope.site.catalog.projects().find((x) => x.key === ref.toUpperCase() || x.id === ref);
  if (!p || !hasPermission(ctx.scope.user, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${ref}'.`);
  if (!hasPermission(ctx.scope.user, 'CREATE_ISSUES')) throw new JiraError(403, ['You do not have permission to create issues in this project.']);
  return p;
}

function issueTypes(ctx: Ctx) {
  const { site } = ctx.scope;
  const p = project(ctx);
  const { startAt, maxResults } = page(ctx);
  const types = p.issueTypes.slice(startAt, startAt + maxResults).map((t) => issueTypeView(site, t));
  return json(200, { issueTypes: types, maxResults, startAt, total: p.issueTypes.length });
}

function fieldMeta(ctx: Ctx, p: ProjectRecord, issueTypeId: string, def: FieldDef): Record<string, unknown> {
  const { site } = ctx.scope;
  const base = { fieldId: def.id, key: def.id, name: def.name, schema: def.schema, required: false, hasDefaultValue: false, operations: ['set'] };
  switch (def.id) {
    case 'issuetype': {
      const t = p.issueTypes.find((x) => x.id === issueTypeId);
      return { ...base, required: true, operations: [], allowedValues: t ? [issueTypeView(site, t)] : [] };
    }
    case 'project':
      return { ...base, required: true, operations: ['set'], allowedValues: [projectRef(site, p)] };
    case 'summary':
      return { ...base, required: true };
    case 'reporter':
      return { ...base, hasDefaultValue: true, autoCompleteUrl: `${site.siteUrl}/rest/api/3/user/search?query=` };
    case 'assignee':
      return { ...base, autoCompleteUrl: `${site.siteUrl}/rest/api/3/user/assignable/search?project=${p.key}&query=` };
    case 'labels':
      return { ...base, operations: ['add', 'set', 'remove'], autoCompleteUrl: `${site.siteUrl}/rest/api/1.0/labels/suggest?query=` };
    case 'priority': {
      const fallback = site.catalog.defaultPriority();
      return {
        ...base,
        hasDefaultValue: fallback !== undefined,
        allowedValues: site.catalog.priorities().map((x) => priorityView(site, x)),
        ...(fallback ? { defaultValue: priorityView(site, fallback) } : {}),
      };
    }
  }
  if (isPartField(def.id)) return { ...base, ...partFieldMeta(site, p, def.id) };
  const custom = site.catalog.customField(def.id);
  if (custom?.kind === 'select') {
    return { ...base, allowedValues: (custom.options ?? []).filter((o) => !o.disabled).map((o) => ({ ...optionView(site, o), disabled: false })) };
  }
  return base;
}

function issueTypeFields(ctx: Ctx) {
  const p = project(ctx);
  const issueTypeId = ctx.params.issueTypeId ?? '';
  if (!p.issueTypes.some((t) => t.id === issueTypeId)) throw badRequest('The issue type selected is invalid.');
  const { startAt, maxResults } = page(ctx);
  const defs = fieldDefs(ctx.scope.site);
  const onScreen = [...SCREEN.map((id) => defs.find((d) => d.id === id)), ...defs.filter((d) => d.custom)].filter((d): d is FieldDef => d !== undefined);
  const fields = onScreen.slice(startAt, startAt + maxResults).map((d) => fieldMeta(ctx, p, issueTypeId, d));
  return json(200, { fields, maxResults, startAt, total: onScreen.length });
}

const BASE = '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes';
export const createMetaRoutes: Route[] = [
  { method: 'GET', pattern: BASE, handler: issueTypes },
  { method: 'GET', pattern: `${BASE}/{issueTypeId}`, handler: issueTypeFields },
];
