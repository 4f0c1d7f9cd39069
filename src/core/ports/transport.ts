// One method: deliver a signed message to the partner and return what it answered. Retry policy
// lives in the core (sync/retry-policy.ts), not in adapters.
export type TransportError =
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'http'; status: number; retryAfterMs?: number; body?: string };

export type TransportResult = { ok: true; status: number; body: string } | { ok: false; error: TransportError };

export interface Transport {
  send(endpoint: string, body: string): Promise<TransportResult>;
}
