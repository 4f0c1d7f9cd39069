// Applies IssueUpdateDetails (`fields` + `update` verbs) to a draft issue, collecting every field error
// before failing, and diffs two issue states into changelog items the way Jira records them.
import { adfToText } from './adf';
import type { SiteContext } from './context';
import { fieldErrors } from './errors';
import { CANNOT_SET, setterFor, validateLabel } from './field-setters';
import { changePartField, isPartField, partItems } from './project-parts';
import { timeTrackingItems } from './worklog-model';
import type { ChangeItem, CustomValue, IssueRecord, ProjectRecord } from './types';
import { serviceDeskItems } from './jsm/request-type-field';

export interface FieldInput {
  fields?: Record<string, unknown>;
  update?: Record<string, Record<string, unknown>[]>;
}

/** Fields a create takes from its own arguments rather than through a setter. */
const CREATE_ONLY = new Set(['project']);

function applyUpdate(
  site: SiteContext,
  project: ProjectRecord,
  draft: IssueRecord,
  fieldId: string,
  ops: Record<string, unknown>[],
): string | undefined {
  const setter = setterFor(site, fieldId);
  if (!setter) return CANNOT_SET(fieldId);
  for (const op of ops) {
    for (const [verb, value] of Object.entries(op)) {
      if (verb === 'set') {
        const err = setter(site, project, draft, value);
        if (err) return err;
      } else if (fieldId === 'labels' && (verb === 'add' || verb === 'remove')) {
        const err = validateLabel(value);
        if (err) return err;
        const label = value as string;
        if (verb === 'add' && !draft.labels.includes(label)) draft.labels = [...draft.labels, label];
        if (verb === 'remove') draft.labels = draft.labels.filter((l) => l !== label);
      } else if (isPartField(fieldId) && (verb === 'add' || verb === 'remove')) {
        const err = changePartField(fieldId, project, draft, verb, value);
        if (err) return err;
      } else {
        return `Field '${fieldId}' does not support the '${verb}' operation.`;
      }
    }
  }
  return undefined;
}

export function applyInput(
  site: SiteContext,
  project: ProjectRecord,
  base: IssueRecord,
  input: FieldInput,
  mode: 'create' | 'edit',
): IssueRecord {
  const draft: IssueRecord = structuredClone(base);
  const errors: Record<string, string> = {};
  const fields = input.fields ?? {};
  const update = input.update ?? {};
  for (const [fieldId, value] of Object.entries(fields)) {
    if (mode === 'create' && CREATE_ONLY.has(fieldId)) continue;
    if (fieldId in update) {
      errors[fieldId] = `Field '${fieldId}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    const setter = setterFor(site, fieldId);
    const err = setter ? setter(site, project, draft, value) : CANNOT_SET(fieldId);
    if (err) errors[fieldId] = err;
  }
  for (const [fieldId, ops] of Object.entries(update)) {
    if (fieldId in errors) continue;
    const err = applyUpdate(site, project, draft, fieldId, ops);
    if (err) errors[fieldId] = err;
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return draft;
}

const item = (
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: 'jira' | 'custom' = 'jira',
): ChangeItem => ({ field, fieldtype, fieldId, from, fromString, to, toString });

function customString(site: SiteContext, fieldId: string, v: CustomValue | undefined): [string | null, string | null] {
  if (v === undefined) return [null, null];
  if (typeof v === 'object') {
    const option = site.catalog.customField(fieldId)?.options?.find((o) => o.id === v.optionId);
    return [v.optionId, option?.value ?? null];
  }
  return [null, String(v)];
}

/** Changelog items between two states of an issue, in Jira's field order. */
export function diffItems(site: SiteContext, before: IssueRecord, after: IssueRecord): ChangeItem[] {
  const items: ChangeItem[] = [];
  const userName = (id: string | null): string | null => (id ? (site.store.user(id)?.displayName ?? id) : null);
  const typeName = (id: string): string | null => site.catalog.issueType(id)?.name ?? null;
  const prioName = (id: string | null): string | null => (id ? (site.catalog.priority(id)?.name ?? null) : null);
  if (before.issueTypeId !== after.issueTypeId) {
    items.push(item('issuetype', 'issuetype', before.issueTypeId, typeName(before.issueTypeId), after.issueTypeId, typeName(after.issueTypeId)));
  }
  if (before.summary !== after.summary) items.push(item('summary', 'summary', null, before.summary, null, after.summary));
  if (JSON.stringify(before.description) !== JSON.stringify(after.description)) {
    const from = before.description ? adfToText(before.description) : null;
    const to = after.description ? adfToText(after.description) : null;
    items.push(item('description', 'description', null, from, null, to));
  }
  if (before.priorityId !== after.priorityId) {
    items.push(item('priority', 'priority', before.priorityId, prioName(before.priorityId), after.priorityId, prioName(after.priorityId)));
  }
  if (before.labels.join(' ') !== after.labels.join(' ')) {
    items.push(item('labels', 'labels', null, before.labels.join(' ') || null, null, after.labels.join(' ') || null));
  }
  if (before.duedate !== after.duedate) items.push(item('duedate', 'duedate', before.duedate, before.duedate, after.duedate, after.duedate));
  if (before.assigneeId !== after.assigneeId) {
    items.push(item('assignee', 'assignee', before.assigneeId, userName(before.assigneeId), after.assigneeId, userName(after.assigneeId)));
  }
  if (before.reporterId !== after.reporterId) {
    items.push(item('reporter', 'reporter', before.reporterId, userName(before.reporterId), after.reporterId, userName(after.reporterId)));
  }
  if ((before.parentId ?? null) !== (after.parentId ?? null)) {
    const key = (id: string | null | undefined): string | null => (id ? (site.store.issueById(id)?.key ?? id) : null);
    items.push(item('IssueParentAssociation', 'parent', before.parentId ?? null, key(before.parentId), after.parentId ?? null, key(after.parentId)));
  }
  items.push(...partItems(site, before, after));
  items.push(...timeTrackingItems(before, after));
  items.push(...serviceDeskItems(site, before, after));
  if (before.statusId !== after.statusId) {
    const name = (id: string): string | null => site.catalog.status(id)?.name ?? null;
    items.push(item('status', 'status', before.statusId, name(before.statusId), after.statusId, name(after.statusId)));
  }
  for (const f of site.catalog.customFields()) {
    const a = before.custom[f.id];
    const b = after.custom[f.id];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const [from, fromString] = customString(site, f.id, a);
    const [to, toString] = customString(site, f.id, b);
    items.push(item(f.name, f.id, from, fromString, to, toString, 'custom'));
  }
  return items;
}
