// The ledger writes around an apply: the lease an apply holds on its pair, the commit that records
// what the tracker stored (with its audit entry), and what is undone when the tracker fails.
import type { ApplyResult } from './apply-plan';
import { commitApply } from './commit-apply';
import type { PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import { hasApplied } from '../ledger/seq-window';
import type { EnvelopeOf } from '../protocol/envelope';
import type { AuditEntry } from '../ports/store';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';
import { reject } from './responses';

/** How long an apply may hold its pair: more than a web trigger may run, so a crash frees it. */
export const APPLY_LEASE_MS = 60_000;
const BUSY_RETRY_MS = 1_000;

/** `leaseLeftMs`: how long the holder's lease still runs (a crashed apply frees its pair only then). */
export const busy = (env: EnvelopeOf<'replica'>, leaseLeftMs = BUSY_RETRY_MS) =>
  reject('busy', `pair ${env.pairId} is being written by another delivery; message #${env.seq} waits`, Math.max(BUSY_RETRY_MS, leaseLeftMs));

/**
 * After a failed apply: partner comments added before the failure get their local ids. The others
 * stay planned without one, so the re-send retries them idempotently: a write that timed out may
 * still have landed, and the retry finds it by its mirror token instead of adding it twice.
 */
export function recordAdded(p: PairRecord, added: Readonly<Record<string, string>>): PairRecord {
  const mirrored = { ...p.comments.mirrored };
  for (const [partnerId, localId] of Object.entries(added)) {
    const m = mirrored[partnerId];
    if (m && !m.localId) mirrored[partnerId] = { ...m, localId };
  }
  return { ...p, comments: { ...p.comments, mirrored } };
}

/** The pair with its apply lease lifted. */
export function withoutLease(p: PairRecord): PairRecord {
  const { applying: _applying, ...rest } = p;
  return rest;
}

/**
 * Records the apply, with its audit entry in the same write. Without tracker work the write is the
 * only one, so losing it to another writer costs nothing: null, and the message is retried. After
 * tracker work the apply must be recorded, so a lost write (a local edit's trigger queued
 * meanwhile, building on the intent) is merged onto the record as it is now, and the audit entry
 * follows on its own.
 */
/** `markSeq`: false for a piece of a message whose rest comes with its next delivery (old-sender-worklogs.ts). */
export async function commitWrite(deps: SyncDeps, pair: PairRecord, intent: PairRecord, expectedRev: number | null, trackerWork: boolean, result: ApplyResult, rule: SharingRule, seq: number, audit: AuditEntry | undefined, markSeq = true): Promise<PairRecord | null> {
  const commit = (base: PairRecord): PairRecord => {
    const next = commitApply(base, pair.fields, result, rule, seq);
    return markSeq ? next : { ...next, applied: base.applied };
  };
  const first: PairRecord = { ...withoutLease(commit(intent)), rev: (expectedRev ?? 0) + 1 };
  if (await deps.store.putPairIf(first, expectedRev, audit ? { audit } : undefined)) return first;
  if (!trackerWork) return null;
  const merged = await updatePair(deps.store, pair.connectionId, pair.pairId, (fresh) => {
    if (hasApplied(fresh.applied, seq)) return null;
    const next = commit(fresh);
    return fresh.applying?.seq === seq ? withoutLease(next) : next;
  });
  if (merged && audit) await deps.store.appendAudit(audit);
  return merged;
}

