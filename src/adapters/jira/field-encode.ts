// Planned edits → the `fields` object of one PUT /issue (or POST /issue), plus what Jira will store
// for each (rich text after its ADF round trip, people as the local account), which the core
// records so a lossy conversion is not mistaken for a local edit later. Components and versions of
// an existing issue go in `update` as `add`/`remove` of single values: a whole list would undo a
// value someone added since the issue was read, and would have to name an archived version the
// issue keeps, which Jira no longer lets anyone set.
import type { FieldEdit } from '../../core/planning/change-plan';
import type { StoredValues } from '../../core/ports/tracker';
import type { ReplicaValue } from '../../core/replica/value';
import { docFromPlainText, type RichDoc } from '../../core/richtext/model';
import { adfToRich } from './adf/adf-to-rich';
import { richToAdf } from './adf/rich-to-adf';
import { jiraFieldId } from './field-ids';
import type { FieldCatalog, FieldShape } from './field-kinds';
import { jiraField } from './fields';
import { JiraApiError } from './jira-errors';
import type { UserDirectory } from './user-directory';

export type FieldOperation = { add: { name: string } } | { remove: { name: string } };
export type Encoded = { fields: Record<string, unknown>; update: Record<string, FieldOperation[]>; stored: StoredValues };

/** The single-value operations that turn `previous` into `value`; null when the edit is not a list edit. */
function listOperations(edit: FieldEdit, shape: FieldShape | undefined): FieldOperation[] | null {
  const { previous, value } = edit;
  if (shape?.jira !== 'names' || previous?.kind !== 'options' || value.kind !== 'options') return null;
  return [
    ...value.names.filter((n) => !previous.names.includes(n)).map((name) => ({ add: { name } })),
    ...previous.names.filter((n) => !value.names.includes(n)).map((name) => ({ remove: { name } })),
  ];
}

function wrongKind(field: string, value: ReplicaValue, expected: string): JiraApiError {
  return new JiraApiError(`${field} takes ${expected}, not a ${value.kind} value`, false, null, field);
}

function richOf(value: ReplicaValue): RichDoc | null {
  if (value.kind === 'rich') return value.doc;
  if (value.kind === 'text') return docFromPlainText(value.text);
  return null;
}

/** Without a known schema, the value's own kind picks the JSON form. */
function guessShape(value: ReplicaValue): FieldShape | undefined {
  switch (value.kind) {
    case 'text': return { kind: 'text', jira: 'string' };
    case 'rich': return { kind: 'rich', jira: 'doc' };
    case 'number': return { kind: 'number', jira: 'number' };
    case 'option': return { kind: 'option', jira: 'option' };
    case 'options': return { kind: 'options', jira: 'options' };
    case 'date': return { kind: 'date', jira: 'date' };
    case 'user': return { kind: 'user', jira: 'user' };
    case 'empty': return undefined;
  }
}

async function encodeOne(edit: FieldEdit, shape: FieldShape | undefined, users: UserDirectory): Promise<[unknown, ReplicaValue]> {
  const { field, value } = edit;
  if (value.kind === 'empty') return [shape?.jira === 'strings' || shape?.jira === 'options' || shape?.jira === 'names' ? [] : null, value];
  const s = shape ?? guessShape(value)!;
  switch (s.jira) {
    case 'string':
      if (value.kind !== 'text') throw wrongKind(field, value, 'text');
      return [value.text, value];
    case 'doc': {
      const doc = richOf(value);
      if (!doc) throw wrongKind(field, value, 'rich text');
      const adf = richToAdf(doc);
      return [adf, { kind: 'rich', doc: adfToRich(adf) }];
    }
    case 'number':
      if (value.kind !== 'number') throw wrongKind(field, value, 'a number');
      return [value.value, value];
    case 'named':
    case 'option':
      if (value.kind !== 'option') throw wrongKind(field, value, 'an option');
      return [s.jira === 'named' ? { name: value.name } : { value: value.name }, value];
    case 'options':
    case 'strings':
    case 'names':
      if (value.kind !== 'options') throw wrongKind(field, value, 'a list');
      if (s.jira === 'names') return [value.names.map((name) => ({ name })), value];
      return [s.jira === 'strings' ? [...value.names] : value.names.map((name) => ({ value: name })), value];
    case 'date':
      if (value.kind !== 'date') throw wrongKind(field, value, 'a date');
      return [value.date, value];
    case 'user': {
      if (value.kind !== 'user') throw wrongKind(field, value, 'a person');
      const local = await users.resolve(field, value);
      return [{ accountId: local.accountId }, { kind: 'user', displayName: local.displayName, accountId: local.accountId }];
    }
  }
}

/** `mode` create: every value in `fields` (a new issue has nothing to add to). */
export async function encodeEdits(edits: FieldEdit[], catalog: FieldCatalog, users: UserDirectory, mode: 'create' | 'edit' = 'edit'): Promise<Encoded> {
  const fields: Record<string, unknown> = {};
  const update: Record<string, FieldOperation[]> = {};
  const stored: StoredValues = {};
  for (const edit of edits) {
    const standard = jiraField(edit.field);
    if (standard?.notWritable) throw new JiraApiError(standard.notWritable, false, null, edit.field);
    if (standard?.encode) {
      try {
        stored[edit.field] = standard.encode(edit.value, fields);
      } catch (e) {
        throw new JiraApiError(`${edit.field}: ${(e as Error).message}`, false, null, edit.field);
      }
      continue;
    }
    const id = jiraFieldId(edit.field);
    const shape = standard?.shape ?? catalog.shape(id);
    const operations = mode === 'edit' ? listOperations(edit, shape) : null;
    if (operations) {
      if (operations.length > 0) update[id] = operations;
      stored[edit.field] = edit.value;
      continue;
    }
    const [json, kept] = await encodeOne(edit, shape, users);
    fields[id] = json;
    stored[edit.field] = kept;
  }
  return { fields, update, stored };
}
