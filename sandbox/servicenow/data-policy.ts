// The data policies a current instance ships for closing task records: the fields a record must carry
// in a resolving or closing state, checked on every insert and update that leaves it there — Table API
// writes included (docs, *Data policy*: "applied to all GlideRecord operations including those used in
// Scripted REST APIs, and the REST Table API"). Sources per table in README.md; a refusal names the
// fields by label, as the instance does, and nothing is saved.
import type { RequestScope } from './context';
import { SnError } from './errors';
import { fieldDef, fieldLabel, type TableDef } from './schema';
import type { SnRecord } from './types';

/** Problem: what each Resolution code needs besides itself (Problem Management, Madrid state model). */
const PROBLEM_BY_CODE: Record<string, string[]> = {
  fix_applied: ['cause_notes', 'fix_notes'],
  risk_accepted: ['cause_notes', 'close_notes'],
  canceled: ['close_notes'],
  duplicate: ['duplicate_of'],
};

type Policy = (record: SnRecord) => string[];

const POLICIES: Record<string, Policy> = {
  // Incident: close info when Resolved or Closed.
  incident: (r) => (['6', '7'].includes(r.state ?? '') ? ['close_code', 'close_notes'] : []),
  // Change request: close code and notes before Closed (not Canceled).
  change_request: (r) => (r.state === '3' ? ['close_code', 'close_notes'] : []),
  // Problem: Fix in Progress needs cause and fix notes; Resolved and Closed need a resolution code and what that code needs.
  problem: (r) => {
    if (r.state === '104') return ['cause_notes', 'fix_notes'];
    if (r.state !== '106' && r.state !== '107') return [];
    return ['resolution_code', ...(PROBLEM_BY_CODE[r.resolution_code ?? ''] ?? [])];
  },
};

export function enforceDataPolicy(scope: RequestScope, table: TableDef, next: SnRecord): void {
  const policy = scope.instance.settings.dataPolicies ? POLICIES[table.name] : undefined;
  if (!policy) return;
  const missing = policy(next).filter((f) => (next[f] ?? '').trim() === '');
  if (missing.length === 0) return;
  const labels = missing.map((f) => { const def = fieldDef(table, f); return def ? fieldLabel(def) : f; });
  throw new SnError(403, 'Operation Failed', `Data Policy Exception: The following fields are mandatory: ${labels.join(', ')}`);
}
