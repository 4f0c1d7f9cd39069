// A resumed connection's queue drains in order. While paused, each message met is held without a
// queue wake-up (core/sync/send-outbox-entry.ts, PAUSED_HOLD_MS), so resuming is what sends them:
// a chain of work events, each sending a page of the connection's messages oldest first, within a
// time budget, and ending before Forge's cyclic invocation limit.
import { sendOutboxEntry } from '../core/sync';
import { syncDeps } from './sync-deps';
import { CHAIN_HOPS_MAX, pushWork, type WorkEvent } from './work-queue';

type ResumeWork = Extract<WorkEvent, { kind: 'outbox-resume' }>;

/** Messages per work event: one partner call each, well inside do-work's 300 s. */
export const RESUME_PAGE_SIZE = 25;
/** Of do-work's 300 s, how long a page may spend sending before the rest goes to the next event. */
export const RESUME_BUDGET_MS = 120_000;

export async function startOutboxResume(connectionId: string): Promise<void> {
  await pushWork({ kind: 'outbox-resume', connectionId, cursor: null, hop: 0 });
}

export async function runOutboxResume(work: ResumeWork): Promise<void> {
  const deps = syncDeps();
  const connection = await deps.config.getConnection(work.connectionId);
  // Paused again, ended or deleted: this drain stops (a later resume starts another).
  if (connection?.state !== 'active') return;
  const page = await deps.outbox.page(work.connectionId, { limit: RESUME_PAGE_SIZE, ...(work.cursor ? { cursor: work.cursor } : {}) });
  const started = Date.now();
  // The index orders by creation time; one pair's messages made in the same millisecond go by seq.
  const ordered = [...page.items].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  for (const entry of ordered) {
    // Out of time: the same page again (what was sent is gone from it; a failed one waits its retry).
    if (Date.now() - started > RESUME_BUDGET_MS) return next(work, work.cursor);
    await sendOutboxEntry(deps, entry.id);
  }
  if (page.cursor) await next(work, page.cursor);
}

async function next(work: ResumeWork, cursor: string | null): Promise<void> {
  if (work.hop + 1 >= CHAIN_HOPS_MAX) {
    // The rest is held until PAUSED_HOLD_MS ends, then the scheduled re-drive sends it.
    console.warn(`liaison: the resumed queue of connection ${work.connectionId} is longer than one drain may send; the rest goes with the scheduled re-drive`);
    return;
  }
  await pushWork({ ...work, cursor, hop: work.hop + 1 });
}
