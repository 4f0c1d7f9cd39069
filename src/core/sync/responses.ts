// The answers a receiving site gives, with the HTTP status both sides agree on. The sender's
// retry policy keys off these statuses, so they live in the core next to it.
export type RejectReason =
  | 'oversize' | 'malformed' | 'unsupported-version' | 'unknown-connection' | 'bad-signature' | 'stale' | 'replay'
  | 'paused' | 'busy' | 'pair-unknown' | 'unlinked' | 'create-refused' | 'tracker-unavailable' | 'unexpected-kind' | 'invitation-refused'
  | 'foreign-pair' | 'link-pending' | 'tracker-rate-limited';

const STATUS: Record<RejectReason, number> = {
  oversize: 413,
  malformed: 400,
  'unsupported-version': 400,
  'unknown-connection': 403,
  'bad-signature': 401,
  // The sender signs each attempt afresh, so a stale stamp is worth one more try.
  stale: 408,
  // Our own retries carry new message ids; a replayed id is a network duplicate.
  replay: 409,
  paused: 503,
  // Another delivery for the same pair is being applied; this one goes again in a moment.
  busy: 409,
  // An update overtook its create: retry once the create is through.
  'pair-unknown': 409,
  unlinked: 410,
  'create-refused': 422,
  'tracker-unavailable': 503,
  // The receiver's tracker refused for its rate limits (Jira's quota, an endpoint, one issue): the
  // sender waits the time named and does not count it as a failed delivery (limit-backoff.ts).
  'tracker-rate-limited': 503,
  'unexpected-kind': 400,
  // A used or expired invitation code: the admin must create a new one.
  'invitation-refused': 403,
  // A message named a pair of another connection: refused for good, whatever the signature.
  'foreign-pair': 403,
  // A link waits for a local agent or admin to accept it: the sender keeps its message and tries later.
  'link-pending': 409,
};

export type ReceiveResult = { status: number; body: string; retryAfterMs?: number };

export function reject(reason: RejectReason, message: string, retryAfterMs?: number): ReceiveResult {
  const result: ReceiveResult = { status: STATUS[reason], body: JSON.stringify({ error: reason, message }) };
  return retryAfterMs === undefined ? result : { ...result, retryAfterMs };
}

export const accepted = (body: string): ReceiveResult => ({ status: 200, body });
