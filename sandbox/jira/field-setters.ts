// Per-field validation of incoming values, with Jira's field error messages. A setter either writes the
// converted value onto the draft issue or returns the message Jira would put under `errors[field]`.
import { isAdfDoc, NOT_ADF } from './adf';
import { isPartField, setPartField } from './project-parts';
import type { SiteContext } from './context';
import { setParent } from './hierarchy';
import { SUMMARY_MAX, SUMMARY_TOO_LONG, TEXT_TOO_LONG, textTooLong } from './text-limits';
import { isCalendarDate } from './time';
import { setTimeTracking } from './worklog-model';
import type { IssueRecord, ProjectRecord } from './types';
import { serviceDeskSetter } from './jsm/request-type-field';

export const CANNOT_SET = (id: string): string =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const refOf = (v: unknown): string | undefined => {
  if (!isObject(v)) return undefined;
  if (typeof v.id === 'string' || typeof v.id === 'number') return String(v.id);
  if (typeof v.name === 'string') return v.name;
  if (typeof v.key === 'string') return v.key;
  return undefined;
};

type Setter = (site: SiteContext, project: ProjectRecord, draft: IssueRecord, value: unknown) => string | undefined;

export function validateLabel(label: unknown): string | undefined {
  if (typeof label !== 'string' || label === '') return 'Operation value must be a string';
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > 255) return `The label '${label}' exceeds the maximum length for a single label of 255 characters.`;
  return undefined;
}

function userSetter(field: 'assigneeId' | 'reporterId', unknownMessage: (id: string) => string): Setter {
  return (site, _project, draft, value) => {
    if (value === null) {
      draft[field] = null;
      return undefined;
    }
    if (!isObject(value) || (typeof value.accountId !== 'string' && typeof value.id !== 'string')) {
      return "Specify a valid value for 'accountId'";
    }
    const accountId = (typeof value.accountId === 'string' ? value.accountId : value.id) as string;
    const user = site.store.user(accountId);
    if (!user || !user.active) return unknownMessage(accountId);
    draft[field] = accountId;
    return undefined;
  };
}

const SYSTEM_SETTERS: Record<string, Setter> = {
  summary: (_s, _p, draft, value) => {
    if (typeof value !== 'string') return 'Operation value must be a string';
    if (value.trim() === '') return 'You must specify a summary of the issue.';
    if (value.length > SUMMARY_MAX) return SUMMARY_TOO_LONG;
    if (/[\r\n]/.test(value)) return 'The summary is invalid because it contains newline characters.';
    draft.summary = value;
    return undefined;
  },
  description: (_s, _p, draft, value) => {
    if (value !== null && !isAdfDoc(value)) return NOT_ADF;
    if (textTooLong(value)) return TEXT_TOO_LONG;
    draft.description = value;
    return undefined;
  },
  issuetype: (site, project, draft, value) => {
    const ref = refOf(value);
    if (ref === undefined) return 'Specify an issue type';
    const type = site.catalog.issueType(ref, project);
    if (!type) return 'The issue type selected is invalid.';
    draft.issueTypeId = type.id;
    return undefined;
  },
  priority: (site, _p, draft, value) => {
    if (value === null) {
      draft.priorityId = null;
      return undefined;
    }
    const ref = refOf(value);
    if (ref === undefined) return 'Specify the Priority (id or name) in the string format';
    const priority = site.catalog.priority(ref);
    if (!priority) return 'The priority selected is invalid.';
    draft.priorityId = priority.id;
    return undefined;
  },
  labels: (_s, _p, draft, value) => {
    if (value === null) value = [];
    if (!Array.isArray(value)) return 'Operation value must be an array';
    for (const label of value) {
      const err = validateLabel(label);
      if (err) return err;
    }
    draft.labels = [...new Set(value as string[])];
    return undefined;
  },
  duedate: (_s, _p, draft, value) => {
    if (value === null || value === '') {
      draft.duedate = null;
      return undefined;
    }
    if (typeof value !== 'string' || !isCalendarDate(value)) return `Error parsing date string: ${String(value)}`;
    draft.duedate = value;
    return undefined;
  },
  parent: setParent,
  assignee: userSetter('assigneeId', (id) => `User '${id}' cannot be assigned issues.`),
  reporter: userSetter('reporterId', () => 'The reporter specified is not a user.'),
  timetracking: setTimeTracking,
};

function customSetter(site: SiteContext, fieldId: string): Setter | undefined {
  const field = site.catalog.customField(fieldId);
  if (!field) return undefined;
  return (_s, _p, draft, value) => {
    if (value === null) {
      delete draft.custom[fieldId];
      return undefined;
    }
    if (field.kind === 'text') {
      if (typeof value !== 'string') return 'Operation value must be a string';
      if (value.length > 255) return 'The entered text is too long. It exceeds the allowed limit of 255 characters.';
      if (value === '') delete draft.custom[fieldId];
      else draft.custom[fieldId] = value;
      return undefined;
    }
    if (field.kind === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Operation value must be a number';
      draft.custom[fieldId] = value;
      return undefined;
    }
    const options = (field.options ?? []).filter((o) => !o.disabled);
    if (!isObject(value) || (value.id === undefined && value.value === undefined)) {
      return `Specify a valid 'id' or 'name' for ${field.name}`;
    }
    const option =
      value.id !== undefined
        ? options.find((o) => o.id === String(value.id))
        : options.find((o) => o.value === value.value);
    if (!option) return value.id !== undefined ? `Option id '${String(value.id)}' is not valid` : `Option value '${String(value.value)}' is not valid`;
    draft.custom[fieldId] = { optionId: option.id };
    return undefined;
  };
}

/** The setter for a field id, or undefined when the field cannot be set through edit/create. */
export function setterFor(site: SiteContext, fieldId: string): Setter | undefined {
  if (isPartField(fieldId)) return (_s, project, draft, value) => setPartField(fieldId, project, draft, value);
  return SYSTEM_SETTERS[fieldId] ?? customSetter(site, fieldId) ?? serviceDeskSetter(site, fieldId);
}
