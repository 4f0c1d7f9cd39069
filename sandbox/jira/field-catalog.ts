// The fields an issue has: the system fields this emulator models plus the site's custom fields.
// One table drives /rest/api/3/field, `expand=names`, `fields=*navigable` and JQL field names.
import type { SiteContext } from './context';
import type { CustomFieldKind, CustomFieldSeed } from './types';
import { serviceDeskFieldDefs } from './jsm/request-type-field';

export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema: Record<string, unknown>;
}

const sys = (
  id: string,
  name: string,
  schema: Record<string, unknown>,
  clauseNames: string[] = [id],
  flags: Partial<Pick<FieldDef, 'navigable' | 'orderable' | 'searchable'>> = {},
): FieldDef => ({
  id,
  name,
  custom: false,
  navigable: flags.navigable ?? true,
  orderable: flags.orderable ?? true,
  searchable: flags.searchable ?? true,
  clauseNames,
  schema: { ...schema, system: id },
});

const SYSTEM_FIELDS: FieldDef[] = [
  sys('summary', 'Summary', { type: 'string' }),
  sys('description', 'Description', { type: 'string' }),
  sys('issuetype', 'Issue Type', { type: 'issuetype' }, ['issuetype', 'type']),
  sys('project', 'Project', { type: 'project' }),
  sys('status', 'Status', { type: 'status' }, ['status'], { orderable: false }),
  sys('priority', 'Priority', { type: 'priority' }),
  sys('labels', 'Labels', { type: 'array', items: 'string' }),
  sys('duedate', 'Due date', { type: 'date' }, ['due', 'duedate']),
  sys('components', 'Components', { type: 'array', items: 'component' }, ['component']),
  sys('fixVersions', 'Fix versions', { type: 'array', items: 'version' }, ['fixVersion']),
  sys('versions', 'Affects versions', { type: 'array', items: 'version' }, ['affectedVersion']),
  sys('assignee', 'Assignee', { type: 'user' }),
  sys('reporter', 'Reporter', { type: 'user' }),
  sys('creator', 'Creator', { type: 'user' }, ['creator'], { orderable: false }),
  sys('created', 'Created', { type: 'datetime' }, ['created', 'createdDate'], { orderable: false }),
  sys('updated', 'Updated', { type: 'datetime' }, ['updated', 'updatedDate'], { orderable: false }),
  sys('statuscategorychangedate', 'Status Category Changed', { type: 'datetime' }, ['statusCategoryChangedDate'], {
    orderable: false,
  }),
  sys('comment', 'Comment', { type: 'comments-page' }, ['comment'], { navigable: false }),
  sys('parent', 'Parent', { type: 'issuelink' }),
  sys('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks' }, ['subtasks'], { orderable: false, searchable: false }),
  sys('issuelinks', 'Linked Issues', { type: 'array', items: 'issuelinks' }, ['issueLink'], { orderable: false }),
  sys('attachment', 'Attachment', { type: 'array', items: 'attachment' }, ['attachments'], { searchable: false }),
  // Time tracking (worklog-model.ts): the estimates in seconds, and the worklogs' first page.
  sys('timetracking', 'Time tracking', { type: 'timetracking' }, [], { orderable: false, searchable: false }),
  sys('timeoriginalestimate', 'Original Estimate', { type: 'number' }, ['originalEstimate', 'timeoriginalestimate'], { orderable: false }),
  sys('timeestimate', 'Remaining Estimate', { type: 'number' }, ['remainingEstimate', 'timeestimate'], { orderable: false }),
  sys('timespent', 'Time Spent', { type: 'number' }, ['timeSpent', 'timespent'], { orderable: false }),
  sys('worklog', 'Log Work', { type: 'array', items: 'worklog' }, [], { orderable: false, searchable: false, navigable: false }),
];

const CUSTOM_SCHEMA: Record<CustomFieldKind, { type: string; custom: string; searcher: string }> = {
  text: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', searcher: 'textsearcher' },
  number: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', searcher: 'exactnumber' },
  select: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', searcher: 'multiselectsearcher' },
};

function customDef(f: CustomFieldSeed): FieldDef {
  const numericId = Number(f.id.replace('customfield_', ''));
  const s = CUSTOM_SCHEMA[f.kind];
  return {
    id: f.id,
    name: f.name,
    custom: true,
    navigable: true,
    orderable: true,
    searchable: true,
    clauseNames: [`cf[${numericId}]`, f.name],
    schema: { type: s.type, custom: s.custom, customId: numericId },
  };
}

export function fieldDefs(site: SiteContext): FieldDef[] {
  return [...SYSTEM_FIELDS, ...site.catalog.customFields().map(customDef), ...serviceDeskFieldDefs(site)];
}

/** The FieldDetails JSON of /rest/api/3/field. */
export function fieldDetails(def: FieldDef): Record<string, unknown> {
  return {
    id: def.id,
    key: def.id,
    name: def.name,
    custom: def.custom,
    orderable: def.orderable,
    navigable: def.navigable,
    searchable: def.searchable,
    clauseNames: def.clauseNames,
    schema: def.schema,
  };
}
