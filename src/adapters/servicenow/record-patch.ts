// The core's planned edits → one Table API PATCH (or POST) body, plus what ServiceNow will store for
// each field (rich text after its trip through plain text or HTML, a choice under its canonical
// label), which the core records so a lossy conversion is not mistaken for an edit later. Comments
// are journal writes: one `comments` or `work_notes` value per PATCH, since a journal field takes
// one entry per update.
import type { FieldEdit } from '../../core/planning/change-plan';
import type { StoredValues } from '../../core/ports/tracker';
import type { FieldKey } from '../../core/replica/field-key';
import type { ReplicaValue } from '../../core/replica/value';
import { docFromPlainText, type RichDoc } from '../../core/richtext/model';
import { htmlToRich, plainToRich, richToHtml, richToJournal, richToPlain } from './html-richtext';
import { columnOf, isUserColumn } from './record-columns';
import { JOURNAL_ELEMENTS } from './record-snapshot';
import { ServiceNowApiError, type ColumnFields } from './servicenow-errors';
import { choiceLabel, choiceValue, defaultChoicesFor, impactUrgencyFor, type ChoiceLists } from './value-maps';

export type PatchContext = {
  table: string;
  choices?: ChoiceLists;
  htmlColumns?: readonly string[];
  /** People resolved beforehand (ServiceNowClient.findUserByEmail): lower-cased email → user. */
  users?: ReadonlyMap<string, { sysId: string; name: string }>;
  /**
   * Write a priority as the impact × urgency that yields it. Default: on incident and problem,
   * whose priority ServiceNow computes (a written priority would be overwritten).
   */
  priorityViaImpactUrgency?: boolean;
};

export type Patch = { body: Record<string, string>; stored: StoredValues; columns: ColumnFields };

const JOURNAL_COLUMNS = new Set<string>([JOURNAL_ELEMENTS.public, JOURNAL_ELEMENTS.internal]);

const refuse = (field: FieldKey, reason: string): ServiceNowApiError => new ServiceNowApiError(`${field}: ${reason}`, false, null, field);

function rich(value: ReplicaValue): RichDoc | null {
  if (value.kind === 'rich') return value.doc;
  if (value.kind === 'text') return docFromPlainText(value.text);
  return null;
}

/** Emails of the people the edits name, to resolve before building the body. */
export function peopleToResolve(edits: readonly FieldEdit[]): string[] {
  const emails = edits.flatMap((e) => (e.value.kind === 'user' && e.value.email ? [e.value.email.toLowerCase()] : []));
  return [...new Set(emails)];
}

function choice(field: FieldKey, column: string, value: ReplicaValue, ctx: PatchContext): [string, ReplicaValue] {
  if (value.kind !== 'option') throw refuse(field, `takes one of the ${column} choices, not a ${value.kind} value`);
  const choices = ctx.choices?.[column] ?? defaultChoicesFor(ctx.table)[column];
  if (!choices) return [value.name, value];
  const stored = choiceValue(choices, value.name);
  if (stored === undefined) throw refuse(field, `"${value.name}" is not a ${column} choice in ServiceNow (allowed: ${choices.map((c) => c.label).join(', ')})`);
  return [stored, { kind: 'option', name: choiceLabel(choices, stored)! }];
}

function encode(edit: FieldEdit, column: string, ctx: PatchContext): [Record<string, string>, ReplicaValue] {
  const { field, value } = edit;
  if (value.kind === 'empty') return [{ [column]: '' }, value];
  if (isUserColumn(field) || value.kind === 'user') {
    if (value.kind !== 'user') throw refuse(field, `takes a person, not a ${value.kind} value`);
    if (!value.email) throw refuse(field, `ServiceNow finds people by email, and none was shared for ${JSON.stringify(value.displayName)}`);
    const user = ctx.users?.get(value.email.toLowerCase());
    if (!user) throw refuse(field, `no active ServiceNow user has the email ${value.email}`);
    return [{ [column]: user.sysId }, { kind: 'user', displayName: user.name, email: value.email }];
  }
  if (field === 'description' || ctx.htmlColumns?.includes(column)) {
    const doc = rich(value);
    if (!doc) throw refuse(field, `takes text, not a ${value.kind} value`);
    if (ctx.htmlColumns?.includes(column)) {
      const html = richToHtml(doc);
      return [{ [column]: html }, { kind: 'rich', doc: htmlToRich(html) }];
    }
    const plain = richToPlain(doc);
    return [{ [column]: plain }, { kind: 'rich', doc: plainToRich(plain) }];
  }
  if (field === 'priority' && (ctx.priorityViaImpactUrgency ?? ['incident', 'problem'].includes(ctx.table))) {
    const [stored, kept] = choice(field, column, value, ctx);
    return [{ ...impactUrgencyFor(stored), [column]: stored }, kept];
  }
  if (field === 'status' || field === 'priority' || ctx.choices?.[column] || defaultChoicesFor(ctx.table)[column]) {
    const [stored, kept] = choice(field, column, value, ctx);
    return [{ [column]: stored }, kept];
  }
  switch (value.kind) {
    case 'text': return [{ [column]: value.text }, value];
    case 'number': return [{ [column]: String(value.value) }, value];
    case 'option': return [{ [column]: value.name }, value];
    case 'options': return [{ [column]: value.names.join(',') }, value];
    case 'date': return [{ [column]: value.date }, value];
    case 'rich': {
      const plain = richToPlain(value.doc);
      return [{ [column]: plain }, { kind: 'text', text: plain }];
    }
  }
}

export function editsToPatch(edits: readonly FieldEdit[], ctx: PatchContext): Patch {
  const body: Record<string, string> = {};
  const stored: StoredValues = {};
  const columns: ColumnFields = {};
  for (const edit of edits) {
    const column = columnOf(edit.field);
    if (!column) throw refuse(edit.field, 'ServiceNow records have no such field (map it to a custom:<column> field instead)');
    if (JOURNAL_COLUMNS.has(column)) throw refuse(edit.field, `${column} is a journal field: comments reach it as comments, not as a field`);
    const [values, kept] = encode(edit, column, ctx);
    Object.assign(body, values);
    for (const c of Object.keys(values)) columns[c] = edit.field;
    stored[edit.field] = kept;
  }
  return { body, stored, columns };
}

/** A mirrored comment as a journal write, opening with who wrote it on the other side. */
export function commentPatch(comment: { body: RichDoc; internal: boolean; author: { displayName: string } }): Record<string, string> {
  const body: RichDoc = comment.author.displayName
    ? { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${comment.author.displayName} wrote:` }] }, ...comment.body.content] }
    : comment.body;
  return { [comment.internal ? JOURNAL_ELEMENTS.internal : JOURNAL_ELEMENTS.public]: richToJournal(body) };
}
