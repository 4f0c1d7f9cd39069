// Web trigger where partners deliver signed messages. Handshakes go to the connection use case,
// everything else to the core's receiver; the answer (status, signed ack or reason) goes back as is.
import { receiveHandshake, receiveMessage, type ReceiveResult } from '../../core/sync';
import { syncDeps } from '../../app/sync-deps';

type WebTriggerRequest = { method?: unknown; body?: unknown };
type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

function respond(result: ReceiveResult): WebTriggerResponse {
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  if (result.retryAfterMs !== undefined) headers['retry-after'] = [String(Math.ceil(result.retryAfterMs / 1000))];
  return { statusCode: result.status, headers, body: result.body };
}

function kindOf(body: string): string | null {
  try {
    const kind = (JSON.parse(body) as { envelope?: { kind?: unknown } } | null)?.envelope?.kind;
    return typeof kind === 'string' ? kind : null;
  } catch {
    return null;
  }
}

export async function partnerInbox(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (request?.method !== 'POST') {
    return { statusCode: 405, headers: { allow: ['POST'], 'content-type': ['application/json'] }, body: JSON.stringify({ error: 'method-not-allowed', message: 'partners POST signed messages here' }) };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  const deps = syncDeps();
  return respond(kindOf(body) === 'handshake' ? await receiveHandshake(deps, body) : await receiveMessage(deps, body));
}
