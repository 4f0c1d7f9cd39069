// Bulk sync's delivery: the entries a page queued go to the partner in batches of signed replicas
// (one web-trigger call each, instead of one per issue). Every item is settled on its own from its
// own answer — acked, or rescheduled / archived by the one retry policy — exactly as if sent alone.
// Entries with attachments go alone (their content is fetched while applying, which takes long),
// and a partner that cannot read batches (400) gets each item alone. Settling (the ack's pair
// commit and remote link) runs a few items at a time, one pair's items in order. Items the partner
// asks to send again later (its tracker's rate limit, a batch out of time) wake up together, one
// queue event per connection, and go again as a batch (sendWokenEntries): a bulk sync that meets
// the partner's limits pushes a wake-up per batch, not one per issue, and stays far under the
// queue's 500 events a minute instead of meeting it.
import { PROTOCOL_VERSION, batchReplySchema, BATCH_MAX_ITEMS, type BatchReply } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import { DEFAULT_MAX_BYTES } from '../protocol/verify';
import type { ReplicaBody } from '../protocol/envelope';
import type { TransportResult } from '../ports/transport';
import type { PairRecord } from '../ledger/pair-record';
import type { OutboxEntry } from '../ports/outbox';
import type { SyncDeps } from './deps';
import { ISSUE_CONCURRENCY, inParallel } from './in-parallel';
import { reschedule } from './limit-backoff';
import { prepareAttempt, sendOutboxEntry, settleAttempt, type Attempt, type Rearm, type SendOutcome } from './send-outbox-entry';

/** How many batches of one connection are in flight at once (each a partner invocation). */
const BATCHES_AT_ONCE = 2;

/** Room for a batch's own envelope and the escaping of its items inside it. */
const BATCH_BYTES = DEFAULT_MAX_BYTES - 32 * 1024;

/** An entry to send; `pair` when the caller has just written it (spares the ack a read). */
export type BatchItem = { entry: OutboxEntry; pair?: PairRecord };

type Ready = BatchItem & { attempt: Attempt; size: number };

const hasAttachments = (s: BatchItem) => s.entry.kind === 'replica' && (s.entry.body as ReplicaBody).replica.attachments.length > 0;

function itemResult(r: BatchReply['results'][number]): TransportResult {
  return r.status >= 200 && r.status < 300
    ? { ok: true, status: r.status, body: r.body }
    : { ok: false, error: { kind: 'http', status: r.status, body: r.body, ...(r.retryAfterMs === undefined ? {} : { retryAfterMs: r.retryAfterMs }) } };
}

function parseReply(body: string): BatchReply | null {
  try {
    const parsed = batchReplySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Groups of one connection's items, each within the item count and the message size cap. */
function batchesOf(items: Ready[]): Ready[][] {
  const out: Ready[][] = [];
  let current: Ready[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= BATCH_MAX_ITEMS || bytes + item.size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Until when the partner asked this call's batches to wait (its tracker's rate limits). */
type Pause = { until: number };

/** An answer saying the partner's tracker is rate-limited: the wait it names. */
function slowDownOf(r: BatchReply['results'][number]): number | null {
  if (r.status < 500) return null;
  try {
    return (JSON.parse(r.body) as { error?: unknown }).error === 'tracker-rate-limited' ? (r.retryAfterMs ?? 1_000) : null;
  } catch {
    return null;
  }
}

async function deliver(deps: SyncDeps, batch: Ready[], rearm: Rearm | undefined, pause: Pause): Promise<SendOutcome[]> {
  const first = batch[0]!;
  // An earlier batch of this call was told to slow down: this one waits as long without being
  // sent (the partner would only refuse it item by item), and wakes with the others.
  if (rearm && pause.until > deps.clock.now()) {
    const lastError = `held: the partner asked to slow down until ${new Date(pause.until).toISOString()}`;
    for (const b of batch) await reschedule(deps, { ...b.entry, nextTryAt: pause.until, lastError }, rearm);
    return batch.map(() => 'retry-scheduled');
  }
  if (batch.length === 1) return [await settleAttempt(deps, first.entry, first.attempt, await deps.transport.send(first.attempt.endpoint, first.attempt.raw), first.pair, rearm)];
  const raw = signEnvelope(
    { v: PROTOCOL_VERSION, connectionId: first.entry.connectionId, messageId: deps.ids.newId(), pairId: null, seq: null, sentAt: deps.clock.now(), kind: 'batch', body: { items: batch.map((b) => b.attempt.raw) } },
    first.attempt.secret,
  );
  const result = await deps.transport.send(first.attempt.endpoint, raw);
  if (!result.ok && result.error.kind === 'http' && result.error.status === 400) {
    // A partner that does not read batches (or refuses this one whole): each item on its own.
    const out: SendOutcome[] = [];
    for (const b of batch) out.push(await settleAttempt(deps, b.entry, b.attempt, await deps.transport.send(b.attempt.endpoint, b.attempt.raw), b.pair, rearm));
    return out;
  }
  const reply = result.ok ? parseReply(result.body) : null;
  for (const r of reply?.results ?? []) {
    const wait = slowDownOf(r);
    if (wait !== null) pause.until = Math.max(pause.until, deps.clock.now() + wait);
  }
  return inParallel(
    batch,
    ISSUE_CONCURRENCY,
    (b, i) => {
      const answer = reply?.results[i];
      const itemOutcome: TransportResult = !result.ok
        ? result
        : answer
          ? itemResult(answer)
          : { ok: false, error: { kind: 'network', message: 'the batch reply did not answer this item' } };
      return settleAttempt(deps, b.entry, b.attempt, itemOutcome, b.pair, rearm);
    },
    (b) => b.entry.pairId,
  );
}

/** `together`: items to send again later wake up together (a bulk sync's pages and their re-sends), where the outbox can do that. */
export async function sendBatch(deps: SyncDeps, sends: readonly BatchItem[], options: { together?: boolean } = {}): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  const rearm: Rearm | undefined = options.together && deps.outbox.wakeTogether ? { held: [] } : undefined;
  const byConnection = new Map<string, Ready[]>();
  for (const s of sends) {
    if (hasAttachments(s)) {
      outcomes.push(await sendOutboxEntry(deps, s.entry, s.pair));
      continue;
    }
    const attempt = await prepareAttempt(deps, s.entry);
    if ('outcome' in attempt) {
      outcomes.push(attempt.outcome);
      continue;
    }
    const list = byConnection.get(s.entry.connectionId) ?? [];
    list.push({ ...s, attempt, size: JSON.stringify(attempt.raw).length });
    byConnection.set(s.entry.connectionId, list);
  }
  for (const items of byConnection.values()) {
    const batches = batchesOf(items);
    // Batches of different pairs are independent: a couple at once (the partner applies each a
    // few items at a time). Should one pair's entries span batches, they go one after another.
    const distinct = new Set(items.map((i) => i.entry.pairId)).size === items.length;
    const pause: Pause = { until: 0 };
    const delivered = await inParallel(batches, distinct ? BATCHES_AT_ONCE : 1, (batch) => deliver(deps, batch, rearm, pause));
    for (const d of delivered) outcomes.push(...d);
  }
  if (rearm && rearm.held.length > 0) await deps.outbox.wakeTogether!(rearm.held);
  return outcomes;
}

/**
 * The entries one wake-up named, sent again as a batch. An entry sent meanwhile is gone; one
 * rescheduled after the wake-up was pushed (its nextTryAt is later than the wake-up knew) is left
 * to its own, newer wake-up: a second delivery of this one (Forge delivers at least once) sends
 * nothing twice and counts no extra attempt. No slack: a partner's "again in a second" reschedules
 * an entry a second on, and a copy delivered in that second must still see it as rescheduled.
 */
export async function sendWokenEntries(deps: SyncDeps, woken: ReadonlyArray<{ entryId: string; nextTryAt: number }>): Promise<SendOutcome[]> {
  const read = await inParallel(woken, ISSUE_CONCURRENCY, async (w) => {
    const entry = await deps.outbox.get(w.entryId);
    return entry && entry.nextTryAt <= w.nextTryAt ? entry : null;
  });
  // One pair's messages in the order they were made.
  const due = read.filter((e): e is OutboxEntry => e !== null).sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  return sendBatch(deps, due.map((entry) => ({ entry })), { together: true });
}
