// The standard field kinds: one entry per field every tracker adapter knows by name. Everything
// else that lists standard fields derives from this table (the field-key vocabulary, the rule
// schema's value maps, the planners' checks, the admin editor's field list, error wording), so a
// new standard field is one entry here plus one registration per tracker adapter
// (see docs/field-kinds.md). Pure data with no imports: the admin UI bundles it too.

/** The neutral value kind a field holds (ReplicaValue['kind'] without 'empty'). */
export type StandardValueKind = 'text' | 'rich' | 'number' | 'option' | 'options' | 'date' | 'user';

export type StandardFieldDef = {
  readonly key: string;
  /** How the admin pages name it ("Due date"). */
  readonly label: string;
  /** How a sentence names it ("due date"): error wording. */
  readonly words: string;
  readonly kind: StandardValueKind;
  /** A people field: what leaves follows the privacy setting; it maps only to another people field. */
  readonly people: boolean;
  /**
   * Values are names the tracker defines, mapped from the partner's names through
   * `incoming.valueMaps[key]` (partner name → local name).
   */
  readonly valueMap: boolean;
  /**
   * Written only through something other than the fields (status: workflow transitions),
   * or fixed at create (issue type): not checked as "required" on create.
   */
  readonly setAtCreateOnly?: boolean;
  /**
   * Values the project defines and the rule may let a partner's value create when missing here
   * (`incoming.createMissing[key]`, off by default); otherwise each missing value is reported.
   */
  readonly creatable?: boolean;
  /**
   * Where the allowed values of an `option` field live in the tracker's metadata, when not in the
   * field's own constraint (issue types, priorities and statuses are lists of their own).
   */
  readonly allowedIn?: 'issueTypes' | 'priorities' | 'statuses';
  /** Text on one line only (Jira refuses a summary with a line break). */
  readonly singleLine?: boolean;
  /** Each value one word of at most 255 characters (Jira labels). */
  readonly wordValues?: boolean;
  /**
   * Jira computes it and no write sets it: a rule on a Jira side may only send it (`out`), and this
   * says why a rule that takes it in is refused.
   */
  readonly outgoingOnly?: string;
};

export const STANDARD_FIELDS = [
  { key: 'summary', label: 'Summary', words: 'summary', kind: 'text', people: false, valueMap: false, singleLine: true },
  { key: 'description', label: 'Description', words: 'description', kind: 'rich', people: false, valueMap: false },
  { key: 'issuetype', label: 'Issue type', words: 'issue type', kind: 'option', people: false, valueMap: true, setAtCreateOnly: true, allowedIn: 'issueTypes' },
  { key: 'priority', label: 'Priority', words: 'priority', kind: 'option', people: false, valueMap: true, allowedIn: 'priorities' },
  { key: 'status', label: 'Status', words: 'status', kind: 'option', people: false, valueMap: true, setAtCreateOnly: true, allowedIn: 'statuses' },
  { key: 'labels', label: 'Labels', words: 'labels', kind: 'options', people: false, valueMap: false, wordValues: true },
  { key: 'duedate', label: 'Due date', words: 'due date', kind: 'date', people: false, valueMap: false },
  { key: 'assignee', label: 'Assignee', words: 'assignee', kind: 'user', people: true, valueMap: false },
  { key: 'reporter', label: 'Reporter', words: 'reporter', kind: 'user', people: true, valueMap: false },
  // Time tracking, in seconds (keys are Jira's own field names, so a Jira read needs no translation).
  { key: 'timeoriginalestimate', label: 'Original estimate', words: 'original estimate', kind: 'number', people: false, valueMap: false },
  { key: 'timeestimate', label: 'Remaining estimate', words: 'remaining estimate', kind: 'number', people: false, valueMap: false },
  // The worklogs' total: ServiceNow's time worked takes it; Jira itself only adds it up.
  { key: 'timespent', label: 'Time spent', words: 'time spent', kind: 'number', people: false, valueMap: false, outgoingOnly: 'Jira adds up time spent from worklogs and cannot take it from a partner (share worklogs instead)' },
  { key: 'components', label: 'Components', words: 'components', kind: 'options', people: false, valueMap: true, creatable: true },
  { key: 'fixVersions', label: 'Fix versions', words: 'fix versions', kind: 'options', people: false, valueMap: true, creatable: true },
  { key: 'versions', label: 'Affects versions', words: 'affects versions', kind: 'options', people: false, valueMap: true, creatable: true },
] as const satisfies readonly StandardFieldDef[];

type Entry = (typeof STANDARD_FIELDS)[number];
export type StandardFieldKey = Entry['key'];
/** The fields whose rule carries a value map (`incoming.valueMaps[key]`). */
export type ValueMapKey = Extract<Entry, { valueMap: true }>['key'];
/** The fields whose rule may create missing values (`incoming.createMissing[key]`). */
export type CreatableKey = Extract<Entry, { creatable: true }>['key'];

export const standardFieldKeys = STANDARD_FIELDS.map((f) => f.key) as readonly StandardFieldKey[];
export const valueMapKeys = STANDARD_FIELDS.filter((f) => f.valueMap).map((f) => f.key) as readonly ValueMapKey[];
export const creatableKeys = STANDARD_FIELDS.filter((f) => 'creatable' in f && f.creatable).map((f) => f.key) as readonly CreatableKey[];

const BY_KEY: ReadonlyMap<string, StandardFieldDef> = new Map(STANDARD_FIELDS.map((f) => [f.key, f]));

/** The entry for a standard field key; undefined for custom fields and anything else. */
export const standardField = (key: string): StandardFieldDef | undefined => BY_KEY.get(key);
export const isStandardFieldKey = (key: string): key is StandardFieldKey => BY_KEY.has(key);
export const isValueMapKey = (key: string): key is ValueMapKey => BY_KEY.get(key)?.valueMap === true;
export const isCreatableKey = (key: string): key is CreatableKey => BY_KEY.get(key)?.creatable === true;
