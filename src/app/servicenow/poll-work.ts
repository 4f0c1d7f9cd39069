// Polling chunked through the work queue, so no invocation passes its time limit however many
// records changed: the scheduled trigger queues one event per active ServiceNow connection; each
// event polls a few pages from the stored watermark, flushes the peer's outbox to Jira, and queues
// the continuation while the run is not over. A hold in KVS keeps the next scheduled trigger from
// starting a second run beside one still slicing, and keeps polls away while ServiceNow's
// Retry-After lasts. Between polls, a peer message whose retry falls due is sent by a wake-up.
import type { Connection } from '../../core/connection';
import type { SyncDeps } from '../../core/sync/deps';
import { TrackerError, trackerRetryAfterMs } from '../../core/sync/tracker-error';
import { CollectingRelay } from '../relay';
import { syncDeps } from '../sync-deps';
import { pushWork } from '../work-queue';
import { serviceNowPeerFor, wakeAt } from './app-peer';
import { pollServiceNow } from './poll';
import { POLL_SLICE } from './poll-slice';
import type { ServiceNowFlushWork, ServiceNowPollWork } from './poll-work-event';
import { kvsPollHold, kvsWatermarks } from './settings';

const pollable = (c: Connection | null): c is Connection => c?.partnerKind === 'servicenow' && c.state === 'active';

/** The scheduled trigger's part: queue a run for each active connection that has none going. */
export async function startServiceNowPolls(deps: SyncDeps): Promise<void> {
  const now = deps.clock.now();
  for (const connection of await deps.config.listConnections()) {
    if (!pollable(connection)) continue;
    try {
      const hold = await kvsPollHold(connection.id).get();
      if (hold && hold.until > now) continue;
      await pushWork({ kind: 'servicenow-poll', connectionId: connection.id });
    } catch (e) {
      console.warn(`liaison: could not start polling ServiceNow for connection ${connection.id}: ${(e as Error).message}`);
    }
  }
}

/** One slice of a connection's run (the work consumer's part). */
export async function runServiceNowPollSlice(work: ServiceNowPollWork, deps: SyncDeps = syncDeps()): Promise<void> {
  const hold = kvsPollHold(work.connectionId);
  const connection = await deps.config.getConnection(work.connectionId);
  // Paused or gone: the run stops; a resumed connection starts again from its watermark.
  if (!pollable(connection)) return hold.clear();
  const startedAt = deps.clock.now();
  await hold.put({ until: startedAt + POLL_SLICE.holdMs, reason: 'running' });
  // The records this slice brings to Jira are relayed to the project's other partners together, after it.
  const relay = new CollectingRelay();
  const { peer, tracker, settings } = await serviceNowPeerFor(deps, connection, [], relay);
  const excludeUser = settings.auth.kind === 'basic' ? settings.auth.username : undefined;
  let report;
  try {
    report = await pollServiceNow({
      peer, client: tracker.client, table: settings.table, watermarks: kvsWatermarks(connection.id), attachmentWatermarks: kvsWatermarks(connection.id, 'attachments'), since: connection.createdAt,
      pageSize: POLL_SLICE.pageSize, maxPages: POLL_SLICE.pagesPerSlice, flushMax: POLL_SLICE.flushMax,
      ...(excludeUser ? { excludeUser } : {}), ...(work.resume ? { resume: work.resume } : {}),
    });
  } catch (e) {
    // Anything but ServiceNow failing (storage, a bug) is the queue's to retry.
    if (!(e instanceof TrackerError)) throw e;
    // ServiceNow is down, rate-limited or refusing: the run ends here. Every page read so far is
    // queued and its watermark stored, so the next scheduled run resumes where this one stopped —
    // not before ServiceNow's Retry-After.
    const retryAfterMs = trackerRetryAfterMs(e);
    if (retryAfterMs) await hold.put({ until: deps.clock.now() + retryAfterMs, reason: 'backing-off' });
    else await hold.clear();
    console.warn(`liaison: polling ServiceNow for connection ${connection.id} stopped: ${e.message}`);
    return;
  } finally {
    // What reached Jira before a failure is applied: its relays go either way.
    await relay.flush();
  }
  const slice = (work.slice ?? 0) + 1;
  if ((!report.done || report.flushed.more) && slice < POLL_SLICE.maxSlices) {
    await pushWork({ kind: 'servicenow-poll', connectionId: connection.id, resume: report.resume, slice });
    return;
  }
  await hold.clear();
}

/** The wake-up of a rescheduled peer message: send whatever of the connection's is due. */
export async function flushServiceNowPeer(work: ServiceNowFlushWork, deps: SyncDeps = syncDeps()): Promise<void> {
  const now = deps.clock.now();
  // Early (the queue's delay has a ceiling): wait again for the rest; a second of slack for clocks.
  if (work.at - now > 1_000) return wakeAt(work.connectionId, work.at, now, work.entryId);
  const connection = await deps.config.getConnection(work.connectionId);
  // Paused or gone: what waits is sent once polling runs again.
  if (!pollable(connection)) return;
  const relay = new CollectingRelay();
  const { peer } = await serviceNowPeerFor(deps, connection, work.entryId === undefined ? [] : [work.entryId], relay);
  const report = await peer.flush({ max: POLL_SLICE.flushMax }).finally(() => relay.flush());
  if (report.more) await wakeAt(connection.id, deps.clock.now(), deps.clock.now());
}
