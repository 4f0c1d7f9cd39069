// The rule editor edits a plain rule document (the same JSON the backend validates). These helpers
// make the edits immutable and turn the lists admins type (pilot issue keys) back into data.
import type { SharingRuleInput } from '../../../../src/core/rules/schema';

export type RuleDraft = SharingRuleInput;
export type Direction = 'out' | 'in' | 'both';
export type Conflict = 'local' | 'partner' | 'latest';
export type FieldPolicyDraft = { direction: Direction; partnerField?: string; conflict?: Conflict };

/** A new rule shares nothing until the admin ticks fields: the safe default for autonomy. */
export function emptyRule(connectionId: string, projectKey: string): RuleDraft {
  return { connectionId, projectKey, fields: {} };
}

/** Accepts what the backend stored (unknown) and keeps it only if it is the rule we asked for. */
export function draftFrom(rule: unknown, connectionId: string, projectKey: string): RuleDraft {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return emptyRule(connectionId, projectKey);
  const r = rule as Partial<RuleDraft>;
  return { ...(structuredClone(r) as RuleDraft), connectionId, projectKey, fields: structuredClone(r.fields ?? {}) };
}

export function fieldPolicy(rule: RuleDraft, key: string): FieldPolicyDraft | undefined {
  return (rule.fields as Record<string, FieldPolicyDraft | undefined>)[key];
}

/** null removes the field: absent fields never sync. */
export function setFieldPolicy(rule: RuleDraft, key: string, policy: FieldPolicyDraft | null): RuleDraft {
  const fields = { ...(rule.fields as Record<string, FieldPolicyDraft | undefined>) };
  if (policy === null) delete fields[key];
  else fields[key] = policy;
  return { ...rule, fields: fields as RuleDraft['fields'] };
}

/**
 * Changing direction keeps the conflict policy coherent: a two-way field needs one (default
 * "latest"), a one-way field has none. The admin can still change it afterwards.
 */
export function withDirection(policy: FieldPolicyDraft | undefined, direction: Direction): FieldPolicyDraft {
  const next: FieldPolicyDraft = { ...(policy ?? {}), direction };
  if (direction === 'both') next.conflict = policy?.conflict ?? 'latest';
  else delete next.conflict;
  return next;
}

/** `a, b,  c` or one per line → ['a', 'b', 'c']; blanks and duplicates dropped, order kept. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const item = part.trim();
    if (item) seen.add(item);
  }
  return [...seen];
}

export const formatList = (items: readonly string[] | undefined): string => (items ?? []).join(', ');

/** Deep update at a property path, copying every object on the way (the editor's one setter). */
export function setIn<T>(obj: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string, ...string[]];
  const base = (typeof obj === 'object' && obj !== null ? obj : {}) as Record<string, unknown>;
  const next = { ...base, [head]: setIn(base[head], rest, value) };
  if (value === undefined && rest.length === 0) delete next[head];
  return next as T;
}

export function getIn(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
