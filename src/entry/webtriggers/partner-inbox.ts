// Web trigger where partners deliver signed messages. Handshakes go to the connection use case,
// everything else to the core's receiver; the answer (status, signed ack or reason) goes back as is.
import { receiveHandshake, receiveMessage, type ReceiveResult } from '../../core/sync';
import { syncDeps, syncDepsForConnection } from '../../app/sync-deps';

type WebTriggerRequest = { method?: unknown; body?: unknown };
type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

function respond(result: ReceiveResult): WebTriggerResponse {
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  if (result.retryAfterMs !== undefined) headers['retry-after'] = [String(Math.ceil(result.retryAfterMs / 1000))];
  return { statusCode: result.status, headers, body: result.body };
}

function peek(body: string): { kind: string | null; connectionId: string | null } {
  try {
    const env = (JSON.parse(body) as { envelope?: { kind?: unknown; connectionId?: unknown } } | null)?.envelope;
    return { kind: typeof env?.kind === 'string' ? env.kind : null, connectionId: typeof env?.connectionId === 'string' && env.connectionId.length > 0 ? env.connectionId : null };
  } catch {
    return { kind: null, connectionId: null };
  }
}

export async function partnerInbox(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (request?.method !== 'POST') {
    return { statusCode: 405, headers: { allow: ['POST'], 'content-type': ['application/json'] }, body: JSON.stringify({ error: 'method-not-allowed', message: 'partners POST signed messages here' }) };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const { kind, connectionId } = peek(body);
  if (kind === 'handshake' || !connectionId) return respond(kind === 'handshake' ? await receiveHandshake(syncDeps(), body) : await receiveMessage(syncDeps(), body));
  return respond(await receiveMessage(await syncDepsForConnection(connectionId), body));
}
