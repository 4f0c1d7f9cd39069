// The dictionary of the emulated instance: which tables exist, their fields, choice lists and number
// prefixes. Field sets are small but use ServiceNow's own names, values and labels.

/** `timer`: a duration kept as a date-time from 1970-01-01 00:00:00 (the task table's time_worked). */
export type FieldType = 'string' | 'integer' | 'boolean' | 'glide_date_time' | 'timer' | 'reference' | 'journal' | 'sys_id';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Choice list: actual value → label (its display value). */
  choices?: Record<string, string>;
  /** Table a reference field points to. */
  reference?: string;
  /** System-maintained: ignored on write, as the Table API ignores `sys_` fields. */
  readOnly?: boolean;
  /** Value of a new record when the request names none. */
  default?: string;
  /** The field's label (what a data policy's refusal names); its name with spaces when absent. */
  label?: string;
}

export type AclKind = 'task' | 'user' | 'journal' | 'attachment' | 'choice' | 'lookup';

export interface TableDef {
  name: string;
  label: string;
  fields: FieldDef[];
  /** Field whose value is the record's display value (reference fields show it). */
  displayField: string;
  /** `number` prefix and first counter value (INC0010001). */
  numberPrefix?: string;
  numberStart?: number;
  acl: AclKind;
}

const sys = (name: string, type: FieldType = 'string'): FieldDef => ({ name, type, readOnly: true });

const SYSTEM_FIELDS: FieldDef[] = [
  sys('sys_id', 'sys_id'),
  sys('sys_created_on', 'glide_date_time'),
  sys('sys_created_by'),
  sys('sys_updated_on', 'glide_date_time'),
  sys('sys_updated_by'),
  sys('sys_mod_count', 'integer'),
];

const LEVELS = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };
export const PRIORITY_CHOICES = { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' };

/** A table's own definition of a task field (close_notes on problem is "Close notes") replaces task's. */
function taskFields(state: Record<string, string>, initialState: string, extra: FieldDef[]): FieldDef[] {
  return withOwn(extra, [
    { name: 'number', type: 'string', readOnly: true },
    { name: 'short_description', type: 'string', default: '' },
    { name: 'description', type: 'string', default: '' },
    { name: 'state', type: 'integer', choices: state, default: initialState },
    { name: 'impact', type: 'integer', choices: LEVELS, default: '3' },
    { name: 'urgency', type: 'integer', choices: LEVELS, default: '3' },
    { name: 'priority', type: 'integer', choices: PRIORITY_CHOICES, default: '5' },
    { name: 'assigned_to', type: 'reference', reference: 'sys_user', default: '' },
    { name: 'opened_by', type: 'reference', reference: 'sys_user', default: '' },
    { name: 'opened_at', type: 'glide_date_time', default: '' },
    { name: 'active', type: 'boolean', default: 'true' },
    { name: 'comments', type: 'journal' },
    { name: 'work_notes', type: 'journal' },
    { name: 'close_notes', type: 'string', default: '', label: 'Resolution notes' },
    // Free text an integration fills with the external record's id and the system it lives in.
    { name: 'correlation_id', type: 'string', default: '', label: 'Correlation ID' },
    { name: 'correlation_display', type: 'string', default: '', label: 'Correlation display' },
    { name: 'closed_at', type: 'glide_date_time', default: '' },
    { name: 'closed_by', type: 'reference', reference: 'sys_user', default: '' },
    // "The Task [task] table provides a time-tracking field called Time worked" (Time worked, Now
    // Platform docs): a timer, not on forms by default, empty until someone records time.
    { name: 'time_worked', type: 'timer', default: '', label: 'Time worked' },
    { name: 'sys_class_name', type: 'string', readOnly: true },
  ]);
}

function withOwn(extra: FieldDef[], base: FieldDef[]): FieldDef[] {
  const own = new Set(extra.map((f) => f.name));
  return [...base.filter((f) => !own.has(f.name)), ...extra, ...SYSTEM_FIELDS];
}

export const INCIDENT_STATES = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};

const TABLES: TableDef[] = [
  {
    name: 'incident',
    label: 'Incident',
    displayField: 'number',
    numberPrefix: 'INC',
    numberStart: 10001,
    acl: 'task',
    fields: taskFields(INCIDENT_STATES, '1', [
      { name: 'caller_id', type: 'reference', reference: 'sys_user', default: '' },
      { name: 'category', type: 'string', default: 'inquiry', choices: { inquiry: 'Inquiry / Help', software: 'Software', hardware: 'Hardware', network: 'Network', database: 'Database' } },
      { name: 'close_code', type: 'string', default: '', label: 'Resolution code', choices: { 'Solution provided': 'Solution provided', 'Workaround provided': 'Workaround provided', 'Duplicate': 'Duplicate', 'Resolved by caller': 'Resolved by caller', 'Known error': 'Known error', 'User error': 'User error', 'No resolution provided': 'No resolution provided' } },
      { name: 'resolved_at', type: 'glide_date_time', default: '' },
      { name: 'resolved_by', type: 'reference', reference: 'sys_user', default: '' },
      // An incident's parent (Incident Management: "Create child incident", "Synchronizing parent and
      // child incidents"); a reference to another incident, stored as given like every reference.
      { name: 'parent_incident', type: 'reference', reference: 'incident', default: '', label: 'Parent Incident' },
    ]),
  },
  {
    name: 'change_request',
    label: 'Change Request',
    displayField: 'number',
    numberPrefix: 'CHG',
    numberStart: 30001,
    acl: 'task',
    fields: taskFields(
      { '-5': 'New', '-4': 'Assess', '-3': 'Authorize', '-2': 'Scheduled', '-1': 'Implement', '0': 'Review', '3': 'Closed', '4': 'Canceled' },
      '-5',
      [
        { name: 'type', type: 'string', default: 'normal', choices: { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' } },
        { name: 'risk', type: 'integer', default: '3', choices: { '1': 'Very High', '2': 'High', '3': 'Moderate', '4': 'Low' } },
        { name: 'start_date', type: 'glide_date_time', default: '' },
        { name: 'end_date', type: 'glide_date_time', default: '' },
        { name: 'close_code', type: 'string', default: '', label: 'Close code', choices: { successful: 'Successful', successful_issues: 'Successful with issues', unsuccessful: 'Unsuccessful' } },
        { name: 'close_notes', type: 'string', default: '', label: 'Close notes' },
      ],
    ),
  },
  {
    name: 'problem',
    label: 'Problem',
    displayField: 'number',
    numberPrefix: 'PRB',
    numberStart: 40001,
    acl: 'task',
    fields: taskFields(
      { '101': 'New', '102': 'Assess', '103': 'Root Cause Analysis', '104': 'Fix in Progress', '106': 'Resolved', '107': 'Closed' },
      '101',
      [
        { name: 'resolution_code', type: 'string', default: '', label: 'Resolution code', choices: { fix_applied: 'Fix Applied', risk_accepted: 'Risk Accepted', duplicate: 'Duplicate', canceled: 'Canceled' } },
        { name: 'cause_notes', type: 'string', default: '', label: 'Cause notes' },
        { name: 'fix_notes', type: 'string', default: '', label: 'Fix notes' },
        { name: 'close_notes', type: 'string', default: '', label: 'Close notes' },
        { name: 'duplicate_of', type: 'reference', reference: 'problem', default: '', label: 'Duplicate of' },
      ],
    ),
  },
  {
    name: 'sc_req_item',
    label: 'Requested Item',
    displayField: 'number',
    numberPrefix: 'RITM',
    numberStart: 10001,
    acl: 'task',
    fields: taskFields(
      { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' },
      '1',
      [
        { name: 'quantity', type: 'integer', default: '1' },
        { name: 'due_date', type: 'glide_date_time', default: '' },
      ],
    ),
  },
  {
    name: 'sys_user',
    label: 'User',
    displayField: 'name',
    acl: 'user',
    fields: [
      { name: 'user_name', type: 'string', default: '' },
      { name: 'name', type: 'string', default: '' },
      { name: 'first_name', type: 'string', default: '' },
      { name: 'last_name', type: 'string', default: '' },
      { name: 'email', type: 'string', default: '' },
      { name: 'active', type: 'boolean', default: 'true' },
      { name: 'preferred_language', type: 'string', default: 'en' },
      ...SYSTEM_FIELDS,
    ],
  },
  {
    // Choice lists, one row per value and language: labels a user reads are the rows of their language.
    name: 'sys_choice',
    label: 'Choices',
    displayField: 'label',
    acl: 'choice',
    fields: [
      { name: 'name', type: 'string', default: '' },
      { name: 'element', type: 'string', default: '' },
      { name: 'value', type: 'string', default: '' },
      { name: 'label', type: 'string', default: '' },
      { name: 'language', type: 'string', default: 'en' },
      { name: 'sequence', type: 'integer', default: '0' },
      { name: 'inactive', type: 'boolean', default: 'false' },
      ...SYSTEM_FIELDS,
    ],
  },
  {
    // Priority Lookup Rules (System Policy > Rules): impact × urgency → priority, editable by admins.
    name: 'dl_u_priority',
    label: 'Priority Lookup Rules',
    displayField: 'priority',
    acl: 'lookup',
    fields: [
      { name: 'impact', type: 'integer', default: '' },
      { name: 'urgency', type: 'integer', default: '' },
      { name: 'priority', type: 'integer', default: '' },
      { name: 'active', type: 'boolean', default: 'true' },
      ...SYSTEM_FIELDS,
    ],
  },
  {
    name: 'sys_journal_field',
    label: 'Journal Entry',
    displayField: 'value',
    acl: 'journal',
    fields: [
      { name: 'element', type: 'string', default: '' },
      { name: 'element_id', type: 'string', default: '' },
      { name: 'name', type: 'string', default: '' },
      { name: 'value', type: 'string', default: '' },
      ...SYSTEM_FIELDS,
    ],
  },
  {
    name: 'sys_attachment',
    label: 'Attachment',
    displayField: 'file_name',
    acl: 'attachment',
    fields: [
      { name: 'file_name', type: 'string', default: '' },
      { name: 'content_type', type: 'string', default: '' },
      { name: 'size_bytes', type: 'integer', default: '0' },
      { name: 'table_name', type: 'string', default: '' },
      { name: 'table_sys_id', type: 'string', default: '' },
      ...SYSTEM_FIELDS,
    ],
  },
];

const BY_NAME = new Map(TABLES.map((t) => [t.name, t]));
export const ALL_TABLES: readonly TableDef[] = TABLES;

export function tableDef(name: string): TableDef | undefined {
  return BY_NAME.get(name);
}

export function fieldDef(table: TableDef, name: string): FieldDef | undefined {
  return table.fields.find((f) => f.name === name);
}

/** Task tables: the ones a Liaison pair can target. */
export const TASK_TABLES = TABLES.filter((t) => t.acl === 'task').map((t) => t.name);

/** ServiceNow's default priority lookup rows (impact × urgency → priority), as dl_u_priority ships them. */
export function defaultPriorityLookup(): { impact: string; urgency: string; priority: string }[] {
  const rows = [];
  for (let i = 1; i <= 3; i++) for (let u = 1; u <= 3; u++) rows.push({ impact: String(i), urgency: String(u), priority: String(i + u - 1) });
  return rows;
}

/** A field's label as a data policy names it. */
export function fieldLabel(field: FieldDef): string {
  const words = field.name.replace(/_/g, ' ');
  return field.label ?? words.charAt(0).toUpperCase() + words.slice(1);
}
