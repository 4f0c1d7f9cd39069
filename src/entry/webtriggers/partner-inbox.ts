// Web trigger where partners deliver signed messages. Handshakes go to the connection use case,
// everything else to the core's receiver; the answer (status, signed ack or reason) goes back as is.
// A GET with a signed attachment ref serves that attachment's bytes (see app/attachment-download).
import { receiveHandshake, receiveMessage, type ReceiveResult } from '../../core/sync';
import { serveAttachment } from '../../app/attachment-download';
import { attachmentDepsForConnection, syncDeps, syncDepsForConnection } from '../../app/sync-deps';

type WebTriggerRequest = { method?: unknown; body?: unknown; queryParameters?: Record<string, string[]> };
type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

function respond(result: ReceiveResult): WebTriggerResponse {
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  if (result.retryAfterMs !== undefined) headers['retry-after'] = [String(Math.ceil(result.retryAfterMs / 1000))];
  return { statusCode: result.status, headers, body: result.body };
}

type Peek = { kind: string | null; connectionId: string | null; pairIds: string[] };

const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function itemPairId(item: unknown): string | null {
  try {
    return typeof item === 'string' ? nonEmpty((JSON.parse(item) as { envelope?: { pairId?: unknown } } | null)?.envelope?.pairId) : null;
  } catch {
    return null;
  }
}

/** Unverified routing hints only: the core verifies the envelope before trusting any of it. */
function peek(body: string): Peek {
  try {
    const env = (JSON.parse(body) as { envelope?: { kind?: unknown; connectionId?: unknown; pairId?: unknown; body?: { items?: unknown } } } | null)?.envelope;
    const kind = nonEmpty(env?.kind);
    const pairIds = kind === 'replica' ? [nonEmpty(env?.pairId)] : kind === 'batch' && Array.isArray(env?.body?.items) ? env.body.items.map(itemPairId) : [];
    return { kind, connectionId: nonEmpty(env?.connectionId), pairIds: pairIds.filter((p): p is string => p !== null) };
  } catch {
    return { kind: null, connectionId: null, pairIds: [] };
  }
}

export async function partnerInbox(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  // A GET is a partner fetching attachment content through a capability ref this side signed.
  if (request?.method === 'GET' && request.queryParameters?.attachment) return serveAttachment(request.queryParameters, attachmentDepsForConnection);
  if (request?.method !== 'POST') {
    return { statusCode: 405, headers: { allow: ['POST', 'GET'], 'content-type': ['application/json'] }, body: JSON.stringify({ error: 'method-not-allowed', message: 'partners POST signed messages here, or GET attachment content with a signed link' }) };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const { kind, connectionId, pairIds } = peek(body);
  if (kind === 'handshake' || !connectionId) return respond(kind === 'handshake' ? await receiveHandshake(syncDeps(), body) : await receiveMessage(syncDeps(), body));
  // The pairs a replica or a batch names are read ahead with the tracker metadata in one batch (an
  // unverified hint: a forged id only wastes that read, the core verifies before anything is used).
  return respond(await receiveMessage(await syncDepsForConnection(connectionId, { pairIds }), body));
}
