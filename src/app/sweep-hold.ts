// The reconciliation sweep holds off a project while a bulk sync carries it, on either side:
// - here, a bulk sync of the project runs on one of its connections: its pages read and plan every
//   issue themselves, and a sweep meanwhile would search and plan them a second time;
// - a partner's bulk sync is delivering batches on one of the project's connections: every issue
//   it creates here is Liaison's own write, which the sweep would search and read back one by one.
// Nothing is missed: a held sweep leaves its watermark where it was, so the first sweep after the
// bulk searches everything updated since the last one, a person's edit during the bulk included
// (and that edit's own product event carried it already, unless Forge lost it). Both holds are
// bounded: a run that makes no progress for BULK_STALL_MS stops holding, and a partner's batches
// hold for INBOUND_HOLD_MAX_MS at most, however long they keep coming.
import { KvsBulkStatus } from '../adapters/forge';
import { KvsBulkInbound } from '../adapters/forge/kvs-bulk-inbound';
import { readPlainKeys } from '../adapters/forge/kvs-plain-batch';
import type { BulkRun } from '../adapters/forge/kvs-bulk-status';
import type { SyncDeps } from '../core/sync/deps';
import { BULK_STALL_MS } from './bulk-resume';

/**
 * A batch this full is taken for a bulk sync's page (the bulk sends full batches of 20; a sweep or a
 * relay sends the few changes it found, and those do not hold the sweep).
 */
export const BULK_BATCH_MIN_ITEMS = 10;
/** A partner's bulk counts as running while its batches arrive at most this far apart. */
export const INBOUND_QUIET_MS = 10 * 60_000;
/** However long a partner keeps sending batches, the sweep is held no longer than this. */
export const INBOUND_HOLD_MAX_MS = 6 * 3600_000;
/** The inbound record is rewritten at most this often (one read per batch, a write now and then). */
const INBOUND_NOTE_EVERY_MS = 30_000;

/** A partner delivered a batch on `connectionId` (verified and answered): note it for the sweep. */
export async function noteInboundBatch(connectionId: string, now: number): Promise<void> {
  const marks = new KvsBulkInbound();
  const mark = await marks.get(connectionId);
  if (mark && now - mark.last < INBOUND_NOTE_EVERY_MS) return;
  const continues = mark !== null && now - mark.last <= INBOUND_QUIET_MS;
  await marks.put(connectionId, { first: continues ? mark.first : now, last: now });
}

/**
 * Why the sweep of `projectKey` waits this time, or null when it runs. One batch read for the bulk
 * status and the inbound record of every connection sharing the project (was two reads each).
 */
export async function sweepHeldBy(deps: Pick<SyncDeps, 'config' | 'clock'>, projectKey: string): Promise<string | null> {
  const now = deps.clock.now();
  const rules = await deps.config.rulesForProject(projectKey);
  if (rules.length === 0) return null;
  const found = await readPlainKeys(rules.flatMap((r) => [KvsBulkStatus.key(r.connectionId, projectKey), KvsBulkInbound.key(r.connectionId)]));
  for (const rule of rules) {
    const run = (found.get(KvsBulkStatus.key(rule.connectionId, projectKey)) ?? null) as BulkRun | null;
    if (run?.state === 'running' && now - (run.touchedAt ?? run.startedAt) < BULK_STALL_MS) return `a bulk sync of ${projectKey} is running on connection ${rule.connectionId}`;
    const mark = KvsBulkInbound.parse(found.get(KvsBulkInbound.key(rule.connectionId)));
    if (mark && now - mark.last <= INBOUND_QUIET_MS && mark.last - mark.first < INBOUND_HOLD_MAX_MS) return `the partner of connection ${rule.connectionId} is delivering a bulk sync`;
  }
  return null;
}
