// The paced re-send to a partner that upgraded (core/sync/resend-parts.ts says what and why): a chain
// of work events, each taking one page of the connection's pairs, planning each issue for that
// connection, and pushing the next page after a pause, so a large connection's re-send is spread
// out through the ordinary outbox instead of going as one burst (app/resend-parts.ts starts it).
import { RESEND_GAP_S, RESEND_PAGE_SIZE, resendParts } from '../core/sync/resend-parts';
import { syncDeps } from './sync-deps';
import { CHAIN_HOPS_MAX, pushWork, type WorkEvent } from './work-queue';

type ResendWork = Extract<WorkEvent, { kind: 'resend-parts' }>;


export async function runResendParts(work: ResendWork): Promise<void> {
  const deps = syncDeps();
  const connection = await deps.config.getConnection(work.connectionId);
  // Ended or deleted: nothing to send. (Paused: the plans queue in the outbox as any change does.)
  if (!connection || connection.state === 'pending' || connection.state === 'ended') return;
  const page = await deps.store.pagePairs(work.connectionId, { limit: RESEND_PAGE_SIZE, ...(work.cursor ? { cursor: work.cursor } : {}) });
  await resendParts(deps, work.connectionId, work.parts, page.items, work.runId);
  if (!page.cursor) return;
  if (work.hop + 1 >= CHAIN_HOPS_MAX) {
    console.warn(`liaison: connection ${work.connectionId} has more pairs than one re-send reaches; the others get ${work.parts.join(', ')} with their next change`);
    return;
  }
  await pushWork({ ...work, cursor: page.cursor, hop: work.hop + 1 }, RESEND_GAP_S);
}
