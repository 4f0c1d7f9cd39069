// Deciding a scope JQL clause on the issue as read, without asking Jira, when that is certain:
// project, key, issue type, status, priority, labels, components, fix and affects versions compared
// by name with =, !=, IN, NOT IN, IS EMPTY and IS NOT EMPTY. Three answers: true, false, or `undefined` = "only Jira can tell"
// (an id instead of a name, a function, text search, dates, a field not read, an unfamiliar
// syntax); the caller then asks Jira's search once for this issue version. Where Jira's meaning
// is not plain (NOT over an empty field, label case), the answer is `undefined`, never a guess.
import type { IssueSnapshot } from '../../replica/snapshot';
import type { FieldKey } from '../../replica/field-key';
import { readJqlClause, type JqlClause, type JqlExpr } from './jql-clause';

export type Verdict = boolean | undefined;

/** JQL field names this evaluator follows, and the snapshot field each reads. */
const OPTION_FIELDS: Record<string, FieldKey> = { issuetype: 'issuetype', type: 'issuetype', status: 'status', priority: 'priority' };
/**
 * List fields this evaluator follows. Labels match exactly; a component or version name that
 * differs only in case is left to Jira, as for labels (Jira resolves these names to ids itself).
 */
const LIST_FIELDS: Record<string, FieldKey> = { labels: 'labels', component: 'components', fixversion: 'fixVersions', affectedversion: 'versions' };
/** Fields the read plan must include so the clause can be decided locally. */
export const LOCAL_JQL_FIELDS: Record<string, FieldKey> = { ...OPTION_FIELDS, ...LIST_FIELDS };

/** The issue's values for a JQL field: null = not known here (not read, or not followed). */
function valuesOf(snapshot: IssueSnapshot, field: string): string[] | null {
  const name = field.toLowerCase();
  const list = LIST_FIELDS[name];
  if (list) {
    const v = snapshot.fields[list]?.value;
    if (!v) return null;
    return v.kind === 'options' ? v.names : v.kind === 'empty' ? [] : null;
  }
  const key = OPTION_FIELDS[name];
  if (!key) return null;
  const v = snapshot.fields[key]?.value;
  if (!v) return null;
  return v.kind === 'option' ? [v.name] : v.kind === 'empty' ? [] : null;
}

const same = (a: string, b: string) => a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');

function operandValues(c: JqlClause): string[] | null {
  if (c.operand.kind === 'value') return [c.operand.value];
  if (c.operand.kind === 'list') return c.operand.values;
  return null;
}

function identity(snapshot: IssueSnapshot, c: JqlClause): Verdict {
  const name = c.field.toLowerCase();
  const wanted = operandValues(c);
  if (!wanted || !['=', '!=', 'in', 'not in'].includes(c.op)) return undefined;
  const positive = c.op === '=' || c.op === 'in';
  if (name === 'project') {
    // A project may be named by key, name or id; only our own key is certain.
    return wanted.some((w) => same(w, snapshot.projectKey)) ? positive : undefined;
  }
  // key / issuekey / id: a match is certain; a key of our own project that is not ours is certainly
  // another issue (an issue moved here keeps answering to its old key elsewhere, so only here).
  if (wanted.some((w) => same(w, snapshot.key) || w === snapshot.id)) return positive;
  const ours = wanted.every((w) => w.toUpperCase().startsWith(`${snapshot.projectKey}-`));
  return ours ? !positive : undefined;
}

function clause(snapshot: IssueSnapshot, c: JqlClause): Verdict {
  const name = c.field.toLowerCase();
  if (name === 'project' || name === 'key' || name === 'issuekey' || name === 'id') return identity(snapshot, c);
  const have = valuesOf(snapshot, c.field);
  if (have === null) return undefined;
  if (c.op === 'is' || c.op === 'is not') {
    if (c.operand.kind !== 'empty') return undefined;
    return c.op === 'is' ? have.length === 0 : have.length > 0;
  }
  const wanted = operandValues(c);
  if (!wanted || !['=', '!=', 'in', 'not in'].includes(c.op)) return undefined;
  // Names only: a number may be an id (status = 10001, component = 10100) that only Jira can resolve.
  if (name !== 'labels' && wanted.some((w) => /^\d+$/.test(w))) return undefined;
  const exact = have.some((h) => wanted.includes(h));
  // Lists: an exact match is certain; one that differs only in case is left to Jira.
  const loose = have.some((h) => wanted.some((w) => same(h, w)));
  const hit = name in LIST_FIELDS ? (exact ? true : loose ? undefined : false) : loose;
  if (hit === undefined) return undefined;
  // Jira's != and NOT IN never match an issue whose field is empty.
  if (c.op === '!=' || c.op === 'not in') return have.length === 0 ? false : !hit;
  return hit;
}

/** True when the expression names a field that is empty (or unknown) on this issue. */
function touchesEmpty(snapshot: IssueSnapshot, e: JqlExpr): boolean {
  if (e.kind === 'clause') {
    const n = e.field.toLowerCase();
    if (n === 'project' || n === 'key' || n === 'issuekey' || n === 'id') return false;
    const have = valuesOf(snapshot, e.field);
    return have === null || have.length === 0;
  }
  if (e.kind === 'not') return touchesEmpty(snapshot, e.expr);
  return touchesEmpty(snapshot, e.left) || touchesEmpty(snapshot, e.right);
}

function evaluate(snapshot: IssueSnapshot, e: JqlExpr): Verdict {
  switch (e.kind) {
    case 'clause':
      return clause(snapshot, e);
    case 'not': {
      const inner = evaluate(snapshot, e.expr);
      return inner === undefined || touchesEmpty(snapshot, e.expr) ? undefined : !inner;
    }
    case 'and': {
      const l = evaluate(snapshot, e.left);
      const r = evaluate(snapshot, e.right);
      if (l === false || r === false) return false;
      return l === true && r === true ? true : undefined;
    }
    case 'or': {
      const l = evaluate(snapshot, e.left);
      const r = evaluate(snapshot, e.right);
      if (l === true || r === true) return true;
      return l === false && r === false ? false : undefined;
    }
  }
}

/** Whether the issue matches the clause, when that is certain from the snapshot alone. */
export function localJqlVerdict(snapshot: IssueSnapshot, jql: string): Verdict {
  const expr = readJqlClause(jql);
  return expr ? evaluate(snapshot, expr) : undefined;
}
