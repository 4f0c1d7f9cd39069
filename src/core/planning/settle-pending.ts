// Pending markers left by an apply that never committed (killed, or cut short by a transient
// failure). When the partner re-sends that message and no apply holds the pair, the earlier write's
// fate can be read off the issue: the field shows the value from before it (never landed: write it
// again), the value it wrote (landed), or neither — then someone edited the field after it landed
// (or instead of it), and that newer local edit must win: the marker goes, so the catch-up plans
// the field as a local edit and the re-sent value is no longer written over it.
import type { PairRecord } from '../ledger/pair-record';
import type { FieldKey } from '../replica/field-key';
import type { IssueSnapshot } from '../replica/snapshot';
import { empty, hashValue } from '../replica/value';
import type { SharingRule } from '../rules/schema';
import { shareValue } from './value-mapping';

/** `pair` with the pending markers of fields edited locally since their write dropped; the same object when there are none. */
export function settleEditedPending(pair: PairRecord, snapshot: IssueSnapshot, rule: SharingRule): PairRecord {
  let fields: PairRecord['fields'] | null = null;
  for (const [k, state] of Object.entries(pair.fields)) {
    if (!state?.pending) continue;
    const key = k as FieldKey;
    const hash = hashValue(shareValue(key, snapshot.fields[key]?.value ?? empty, rule));
    if (hash === state.localHash || hash === state.pending.fromHash) continue;
    const { pending: _pending, ...settled } = state;
    fields = { ...(fields ?? pair.fields), [key]: settled };
  }
  return fields ? { ...pair, fields } : pair;
}
