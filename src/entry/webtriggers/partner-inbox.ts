// Web trigger where partners deliver signed messages. Handshakes go to the connection use case,
// everything else to the core's receiver; the answer (status, signed ack or reason) goes back as is.
// A GET with a signed attachment ref serves that attachment's bytes (see app/attachment-download).
import { routingHints } from '../../core/protocol/routing-hints';
import { STORAGE_RETRY_MS, isStorageRateLimited } from '../../adapters/forge/kvs-support';
import { receiveHandshake, receiveMessage, type ReceiveResult } from '../../core/sync';
import { reject } from '../../core/sync/responses';
import { BULK_BATCH_MIN_ITEMS, noteInboundBatch } from '../../app/sweep-hold';
import { serveAttachment } from '../../app/attachment-download';
import { receiveRelaying } from '../../app/relay';
import { attachmentDepsForConnection, syncDeps, syncDepsForConnection } from '../../app/sync-deps';

type WebTriggerRequest = { method?: unknown; body?: unknown; queryParameters?: Record<string, string[]> };
type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

function respond(result: ReceiveResult): WebTriggerResponse {
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  if (result.retryAfterMs !== undefined) headers['retry-after'] = [String(Math.ceil(result.retryAfterMs / 1000))];
  return { statusCode: result.status, headers, body: result.body };
}

export async function partnerInbox(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  // A GET is a partner fetching attachment content through a capability ref this side signed.
  if (request?.method === 'GET' && request.queryParameters?.attachment) return serveAttachment(request.queryParameters, attachmentDepsForConnection);
  if (request?.method !== 'POST') {
    return { statusCode: 405, headers: { allow: ['POST', 'GET'], 'content-type': ['application/json'] }, body: JSON.stringify({ error: 'method-not-allowed', message: 'partners POST signed messages here, or GET attachment content with a signed link' }) };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const { kind, connectionId, pairIds } = routingHints(body);
  if (kind === 'handshake' || !connectionId) return respond(kind === 'handshake' ? await receiveHandshake(syncDeps(), body) : await receiveMessage(syncDeps(), body));
  // The pairs a replica or a batch names are read ahead with the tracker metadata in one batch (an
  // unverified hint: a forged id only wastes that read, the core verifies before anything is used).
  // What the message changes here is relayed to the project's other partners (one work event per delivery).
  try {
    const result = await receiveRelaying(await syncDepsForConnection(connectionId, { pairIds }), body);
    // A bulk sync's pages arrive as full batches: the sweep of the connection's projects holds off meanwhile.
    if (kind === 'batch' && result.status === 200 && pairIds.length >= BULK_BATCH_MIN_ITEMS) await noteInboundBatch(connectionId, Date.now()).catch((e: unknown) => console.warn(`liaison: could not note a partner's bulk batch for the sweep: ${(e as Error).message}`));
    return respond(result);
  } catch (e) {
    // Forge's storage refused for its per-installation rate limits: nothing is lost (each item's
    // ledger makes a re-send safe), so the partner is asked to send again later rather than the
    // invocation failing.
    if (!isStorageRateLimited(e)) throw e;
    return respond(reject('busy', 'this side met its storage rate limit; send again later', STORAGE_RETRY_MS));
  }
}
