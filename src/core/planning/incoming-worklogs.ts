// Partner worklogs → local adds, edits and deletes, keyed by the partner's worklog id with
// tombstones (as comments: repeats, reorders and a delete overtaking its add all end the same way).
// A known worklog without a local id was planned by an apply that never committed: its add is
// retried idempotently (found again by its mirror token), never blindly repeated. A worklog whose
// time went to zero (a partner's running total) loses its copy but not its id (noCopy).
import type { WorklogReplica } from '../replica/worklog';
import type { SharingRule } from '../rules/schema';
import type { WorklogPlan } from './change-plan';
import { noWorklogs, type Worklogs } from './outgoing-worklogs';

/**
 * How a mirrored worklog moves the local remaining estimate. When this side takes the remaining
 * estimate from the partner, the partner's value already counts the work, so reducing it again
 * here would count it twice: `leave`. Otherwise the local estimate is this side's own and the
 * work was done on the issue, so it goes down as for any logged work: `auto` (Jira's default).
 */
export function adjustEstimateFor(rule: SharingRule): 'auto' | 'leave' {
  const policy = (rule.fields as Record<string, { direction: string } | undefined>)['timeestimate'];
  return policy && policy.direction !== 'out' ? 'leave' : 'auto';
}

export const emptyWorklogPlan = (rule: SharingRule): WorklogPlan => ({ add: [], edit: [], delete: [], adjustEstimate: adjustEstimateFor(rule) });

export function planIncomingWorklogs(incoming: readonly WorklogReplica[] | undefined, rule: SharingRule, prior: Worklogs | undefined): { plan: WorklogPlan; next: Worklogs | undefined; dropped: number } {
  const plan = emptyWorklogPlan(rule);
  const list = incoming ?? [];
  if (list.length === 0) return { plan, next: prior, dropped: 0 };
  if (!rule.incoming.worklogs.enabled) return { plan, next: prior, dropped: list.length };
  const base = prior ?? noWorklogs();
  const mirrored = { ...base.mirrored };
  for (const w of list) {
    const known = mirrored[w.id];
    if (w.deleted) {
      if (known && !known.deleted) plan.delete.push({ partnerId: w.id, localId: known.localId ?? null });
      mirrored[w.id] = { ...(known ?? { hash: w.hash }), ts: Math.max(w.ts, known?.ts ?? 0), deleted: true };
      continue;
    }
    if (known?.deleted) continue;
    // No time: no copy (Jira logs no empty worklog). The copy there was goes; the id stays open.
    if (w.timeSpentSeconds === 0) {
      if (known && (w.ts < known.ts || w.hash === known.hash)) continue;
      if (known && !known.noCopy) plan.delete.push({ partnerId: w.id, localId: known.localId ?? null });
      mirrored[w.id] = { hash: w.hash, ts: w.ts, noCopy: true };
      continue;
    }
    const entry = { partnerId: w.id, timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: w.comment, author: { displayName: w.author.displayName } };
    if (known?.noCopy) {
      // Time again on a worklog whose copy went with its time: a new copy, as for a first add.
      if (w.ts >= known.ts && w.hash !== known.hash) {
        plan.add.push(entry);
        mirrored[w.id] = { hash: w.hash, ts: w.ts };
      }
    } else if (!known) {
      plan.add.push(entry);
      mirrored[w.id] = { hash: w.hash, ts: w.ts };
    } else if (!known.localId) {
      const edited = w.ts >= known.ts && w.hash !== known.hash;
      if (edited || w.hash === known.hash) plan.add.push({ ...entry, retry: { edited } });
      if (edited) mirrored[w.id] = { ...known, hash: w.hash, ts: w.ts };
    } else if (w.ts >= known.ts && w.hash !== known.hash) {
      plan.edit.push({ ...entry, localId: known.localId });
      mirrored[w.id] = { ...known, hash: w.hash, ts: w.ts };
    }
  }
  return { plan, next: { sent: base.sent, mirrored }, dropped: 0 };
}
