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
import { columnOf, isDurationColumn, isUserColumn, standardKind } from './record-columns';
import { toDuration } from './sn-duration';
import { JOURNAL_ELEMENTS } from './record-snapshot';
import { ServiceNowApiError, type ColumnFields } from './servicenow-errors';
import { choiceLabel, choiceValue, defaultChoicesFor, impactUrgencyFor, type ChoiceLists, type PriorityRule } from './value-maps';

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
  /** The instance's Priority Lookup Rules where the integration user could read them; the default table otherwise. */
  priorityLookup?: readonly PriorityRule[];
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
  // The rule's maps name ServiceNow's default labels; an instance that renamed one still stores the
  // same value, so a default label finds it when the instance's own list does not.
  const defaults = defaultChoicesFor(ctx.table)[column] ?? [];
  const stored = choiceValue(choices, value.name) ?? choiceValue(defaults, value.name);
  if (stored === undefined) throw refuse(field, `"${value.name}" is not a ${column} choice in ServiceNow (allowed: ${choices.map((c) => c.label).join(', ')})`);
  return [stored, { kind: 'option', name: choiceLabel(choices, stored) ?? choiceLabel(defaults, stored) ?? value.name }];
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
  if (isDurationColumn(column)) {
    if (value.kind !== 'number' || value.value < 0) throw refuse(field, `takes a number of seconds, not ${value.kind === 'number' ? value.value : `a ${value.kind} value`}`);
    return [{ [column]: toDuration(value.value) }, { kind: 'number', value: Math.round(value.value) }];
  }
  if (standardKind(field) === 'rich' || ctx.htmlColumns?.includes(column)) {
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
    let pair: { impact: string; urgency: string };
    try {
      pair = impactUrgencyFor(stored, ctx.priorityLookup);
    } catch (e) {
      throw refuse(field, (e as Error).message);
    }
    return [{ ...pair, [column]: stored }, kept];
  }
  if (standardKind(field) === 'option' || ctx.choices?.[column] || defaultChoicesFor(ctx.table)[column]) {
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

/**
 * Choice columns an instance may silently refuse to keep (a value that is no choice of the field is
 * dropped without an error): after the write, each must read back as sent.
 */
export function keptChoices(patch: Patch, ctx: PatchContext, answer: Record<string, string>): { column: string; sent: string; kept: string }[] {
  const lists = { ...defaultChoicesFor(ctx.table), ...ctx.choices };
  return Object.entries(patch.body)
    .filter(([column]) => lists[column] !== undefined && column in answer)
    .filter(([column, sent]) => answer[column] !== sent)
    .map(([column, sent]) => ({ column, sent, kept: answer[column] ?? '' }));
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
