// A Table API record, its journal entries and its attachments → the core's IssueSnapshot. Read the
// record with sysparm_display_value=all so choices arrive with the instance's own labels and people
// with their names; times are read from the stored (UTC) value either way.
import { localIssueId } from '../../core/ids';
import type { FieldKey } from '../../core/replica/field-key';
import type { IssueSnapshot, SnapshotAttachment, SnapshotComment } from '../../core/replica/snapshot';
import type { ReplicaValue } from '../../core/replica/value';
import { htmlToRich, journalToRich, plainToRich } from './html-richtext';
import { isLinkNote } from './record-links';
import { cell, valueOf } from './record-fields';
import { columnOf, isDurationColumn, isUserColumn, standardKind } from './record-columns';
import { fromDuration } from './sn-duration';
import { ServiceNowApiError } from './servicenow-errors';
import { instanceOrigin } from './servicenow-http';
import type { AttachmentMeta, JournalEntry, SnRecord } from './servicenow-schemas';
import { parseSnTime } from './sn-time';
import { choiceLabel, defaultChoicesFor, type ChoiceLists } from './value-maps';

export type SnapshotInput = {
  instanceUrl: string;
  table: string;
  record: SnRecord;
  journal: readonly JournalEntry[];
  attachments: readonly AttachmentMeta[];
  /** The core fields to fill (the read plan). */
  fields: readonly FieldKey[];
  /** People's emails enter the snapshot only when some rule shares them. */
  includeEmail?: boolean;
  /** Choice lists that differ from ServiceNow's defaults (from sys_choice). */
  choices?: ChoiceLists;
  /** Columns holding HTML rather than plain text (e.g. a u_ HTML field); description is plain on task. */
  htmlColumns?: readonly string[];
  /** Journal authors' display names by login (sys_journal_field names them by login only). */
  authors?: ReadonlyMap<string, string>;
};

/** Public comments live in `comments`, internal notes in `work_notes`. */
export const JOURNAL_ELEMENTS = { public: 'comments', internal: 'work_notes' } as const;

const empty: ReplicaValue = { kind: 'empty' };
const timeOf = (s: string): number => {
  const ms = parseSnTime(s);
  return Number.isNaN(ms) ? 0 : ms;
};

export function recordUrl(instanceUrl: string, table: string, sysId: string): string {
  return `${instanceOrigin(instanceUrl)}/${table}.do?sys_id=${encodeURIComponent(sysId)}`;
}

function fieldValue(input: SnapshotInput, key: FieldKey, column: string): ReplicaValue {
  const { value, display } = cell(input.record, column);
  if (value === '') return empty;
  if (isUserColumn(key)) {
    const email = input.includeEmail ? valueOf(input.record, `${column}.email`) : '';
    // Without display values the name is unknown; the sys_id is no name and no local account.
    return { kind: 'user', displayName: display !== value ? display : '', ...(email ? { email } : {}) };
  }
  const kind = standardKind(key);
  if (kind === 'text') return { kind: 'text', text: value };
  if (isDurationColumn(column)) {
    const seconds = fromDuration(value);
    return seconds === null ? empty : { kind: 'number', value: seconds };
  }
  if (kind === 'rich' || input.htmlColumns?.includes(column)) {
    const doc = input.htmlColumns?.includes(column) ? htmlToRich(value) : plainToRich(value);
    return { kind: 'rich', doc };
  }
  const choices = input.choices?.[column] ?? defaultChoicesFor(input.table)[column];
  if (kind === 'option' || choices) {
    // By the stored value: the display value is in the integration user's language and under the
    // label an admin may rename; the list read at save time (or ServiceNow's default) keeps its name.
    const defaults = defaultChoicesFor(input.table)[column] ?? [];
    const label = (choices ? choiceLabel(choices, value) : undefined) ?? choiceLabel(defaults, value) ?? display;
    return { kind: 'option', name: label };
  }
  return { kind: 'text', text: display };
}

function comment(e: JournalEntry, authors: ReadonlyMap<string, string> | undefined): SnapshotComment {
  return {
    id: e.sys_id,
    body: journalToRich(e.value),
    internal: e.element === JOURNAL_ELEMENTS.internal,
    // sys_journal_field names the author by login only; the name where the user could be read.
    author: { displayName: authors?.get(e.sys_created_by) ?? e.sys_created_by },
    updatedAt: timeOf(e.sys_created_on),
  };
}

function attachment(instanceUrl: string, a: AttachmentMeta): SnapshotAttachment {
  const ref = a.download_link ?? `${instanceOrigin(instanceUrl)}/api/now/attachment/${encodeURIComponent(a.sys_id)}/file`;
  return { id: a.sys_id, filename: a.file_name, mimeType: a.content_type, size: a.size_bytes, ref };
}

export function recordToSnapshot(input: SnapshotInput): IssueSnapshot {
  const sysId = valueOf(input.record, 'sys_id');
  if (!sysId) throw new ServiceNowApiError(`read ${input.table}: the record has no sys_id (was sys_id left out of sysparm_fields?)`, false, null);
  const fields: IssueSnapshot['fields'] = {};
  for (const key of input.fields) {
    const column = columnOf(key);
    if (column) fields[key] = { value: fieldValue(input, key, column) };
  }
  // Liaison's own link note is for the ServiceNow agent, not a comment to mirror back.
  const journal = input.journal.filter((e) => (e.element === JOURNAL_ELEMENTS.public || e.element === JOURNAL_ELEMENTS.internal) && !isLinkNote(e.value));
  return {
    id: localIssueId(sysId),
    key: valueOf(input.record, 'number') || sysId,
    projectKey: input.table,
    url: recordUrl(input.instanceUrl, input.table, sysId),
    updatedAt: timeOf(valueOf(input.record, 'sys_updated_on')),
    fields,
    comments: journal.map((e) => comment(e, input.authors)),
    attachments: input.attachments.map((a) => attachment(input.instanceUrl, a)),
  };
}
