// A batch of replicas (bulk sync), already verified as a whole: each item is received exactly as if
// it had come alone — its own signature, pair, lease and ack — and answered in the same order.
// Items past the time budget are answered "busy" for the sender to send again, so one delivery
// never runs its invocation out of time. Items of different pairs are applied a few at a time
// (each waits mostly on Jira); items of one pair in their order. Once the local tracker asks to slow
// down (its hourly quota, an endpoint's burst allowance, one issue's writes), the items not begun
// yet are answered with the same wait at once: each would otherwise plan, write its intent and meet
// the same refusal, and the sender sends them again together (send-batch.ts) after that wait.
// (A wait for one busy issue is short, a second or two, so holding the rest for it costs little.)
import { batchBodySchema, type BatchReply, type EnvelopeOf } from '../protocol/envelope';
import { routingHints } from '../protocol/routing-hints';
import type { SyncDeps } from './deps';
import { ISSUE_CONCURRENCY, inParallel } from './in-parallel';
import { accepted, reject, type ReceiveResult } from './responses';

/** Of a web trigger's 55 s, what one batch may spend applying; the rest is headroom. */
export const BATCH_APPLY_BUDGET_MS = 30_000;
const DEFER_MS = 1_000;

export async function receiveBatch(
  deps: SyncDeps,
  env: EnvelopeOf<'batch'>,
  receiveOne: (deps: SyncDeps, raw: string) => Promise<ReceiveResult>,
  elapsedMs: () => number,
): Promise<ReceiveResult> {
  const { items } = batchBodySchema.parse(env.body);
  const peeked = items.map((raw) => ({ raw, ...routingHints(raw) }));
  let slowDown: { retryAfterMs: number } | null = null;
  const results: BatchReply['results'] = await inParallel(
    peeked,
    ISSUE_CONCURRENCY,
    async ({ raw, kind, connectionId }) => {
      // Each item is verified with its own connection's secret, but a batch speaks for one connection only.
      if (connectionId !== env.connectionId) return reject('foreign-pair', `a batch of connection ${env.connectionId} carries only its own items, not ${JSON.stringify(connectionId)}'s`);
      if (elapsedMs() > BATCH_APPLY_BUDGET_MS) return reject('busy', 'this batch ran out of time here before reaching this item; send it again', DEFER_MS);
      if (slowDown) return reject('tracker-rate-limited', 'not begun: the local tracker asked to slow down for an earlier item of this batch', slowDown.retryAfterMs);
      // Only replicas travel in batches: a batch cannot smuggle in an unlink, an ack or another batch.
      if (kind !== 'replica') return reject('unexpected-kind', `a batch carries replicas only, not ${JSON.stringify(kind)}`);
      const result = await receiveOne(deps, raw);
      if (isRateLimited(result)) slowDown ??= { retryAfterMs: result.retryAfterMs ?? DEFER_MS };
      return result;
    },
    (item) => item.pairId,
  );
  return accepted(JSON.stringify({ results }));
}

function isRateLimited(result: ReceiveResult): boolean {
  if (result.status < 500) return false;
  try {
    return (JSON.parse(result.body) as { error?: unknown }).error === 'tracker-rate-limited';
  } catch {
    return false;
  }
}
