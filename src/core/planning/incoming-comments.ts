// Partner comments → local adds, edits and deletes. Keyed by the partner's comment id, with
// tombstones, so repeats, reorders and a delete overtaking its add all end the same way. A known
// comment without a local id was planned by an apply that never committed: its add is retried
// idempotently (found again by its mirror token), never blindly repeated.
import type { PairRecord } from '../ledger/pair-record';
import type { CommentReplica } from '../replica/replica';
import type { SharingRule } from '../rules/schema';
import type { ChangePlan } from './change-plan';

type Comments = PairRecord['comments'];

export function planIncomingComments(incoming: readonly CommentReplica[], rule: SharingRule, prior: Comments): { plan: ChangePlan['comments']; next: Comments; dropped: number } {
  const plan: ChangePlan['comments'] = { add: [], edit: [], delete: [] };
  if (!rule.incoming.comments.enabled) return { plan, next: prior, dropped: incoming.length };
  const mirrored = { ...prior.mirrored };
  for (const c of incoming) {
    const known = mirrored[c.id];
    if (c.deleted) {
      if (known && !known.deleted) plan.delete.push({ partnerId: c.id, localId: known.localId ?? null });
      mirrored[c.id] = { ...(known ?? { hash: c.hash }), ts: Math.max(c.ts, known?.ts ?? 0), deleted: true };
      continue;
    }
    if (known?.deleted) continue;
    const internal = c.internal || rule.incoming.comments.asInternal;
    if (!known) {
      plan.add.push({ partnerId: c.id, body: c.body, internal, author: c.author });
      mirrored[c.id] = { hash: c.hash, ts: c.ts };
    } else if (!known.localId) {
      // Planned before, outcome never recorded: it may be on the issue already (see CommentAdd.retry).
      const edited = c.ts >= known.ts && c.hash !== known.hash;
      if (edited || c.hash === known.hash) plan.add.push({ partnerId: c.id, body: c.body, internal, author: c.author, retry: { edited } });
      if (edited) mirrored[c.id] = { ...known, hash: c.hash, ts: c.ts };
    } else if (c.ts >= known.ts && c.hash !== known.hash) {
      plan.edit.push({ partnerId: c.id, localId: known.localId, body: c.body });
      mirrored[c.id] = { ...known, hash: c.hash, ts: c.ts };
    }
  }
  return { plan, next: { sent: prior.sent, mirrored }, dropped: 0 };
}
