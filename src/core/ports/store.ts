// Storage port for the ledger. Designed so a key-value store (Forge KVS custom entities with
// indexes) serves one change with at most four operations:
//   outgoing change:  findPairByLocalIssue (1) + putPair with its outbox entry (2) + settle (3)
//   incoming message: getPair (1) + putPair intent (2) + putPair commit with its audit entry (3)
// (configuration and the secret are one more read: see app/routes.ts).
// Errors and audit entries are append-only records written only when something is worth keeping.
import type { ConnectionId, LocalIssueId, PairId, PartnerIssueId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import type { CreateHold } from './limit-counters';
import type { OutboxEntry } from './outbox';

export type ErrorRecord = {
  id: string;
  at: number;
  connectionId: string;
  pairId: string | null;
  /** Field name, 'issue', 'comments', 'attachments' or 'message'. */
  field: string;
  value: string;
  reason: string;
  /** For a failed send: the entry, so the admin's retry button can re-enqueue it. */
  entry?: OutboxEntry;
};

export type AuditEntry = {
  id: string;
  at: number;
  connectionId: string;
  /** An account id for people, 'sync' for the engine. */
  actor: string;
  action: 'rule-saved' | 'rule-restored' | 'fields-sent' | 'fields-applied' | 'pair-created' | 'pair-unlinked' | 'connection-changed' | 'limit-refused' | 'link-refused' | 'message-refused' | 'link-requested' | 'link-accepted' | 'link-declined';
  subject: string;
  detail: string;
  /** For applied changes: partner's source write → this side's write, in ms (KPIs). */
  latencyMs?: number;
};

/** Forge's cap on keys per batch read (storage reference, "Executing batch operations"). */
export const PAIRS_PER_READ = 25;

export interface LedgerStore {
  /**
   * A pair of this connection. Pairs are stored under (connection, pair id), so a message of one
   * connection can never read, and so never touch, a pair of another one, whatever id it names.
   */
  getPair(connectionId: ConnectionId, pairId: PairId): Promise<PairRecord | null>;
  /**
   * Optional: several pairs of this connection read by key in one operation (at most
   * PAIRS_PER_READ ids; read by key, so never behind a write, unlike the index). Ids with no stored
   * pair are left out. Used to read ahead the pairs a change is about to look up one by one
   * (core/sync/pair-lookahead.ts).
   */
  getPairs?(connectionId: ConnectionId, pairIds: PairId[]): Promise<PairRecord[]>;
  /**
   * `indexOnly`: ask the pair index alone, which may not show a pair written a moment ago. Only for
   * a caller whose next write is conditional on the pair id it derives from the issue (a new
   * issue's first plan, on-local-change.ts): that write fails on a pair the index missed, and the
   * caller looks again in full. Without it, the store also reads by key what the index may lag on.
   */
  findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId, options?: { indexOnly?: boolean }): Promise<PairRecord | null>;
  findPairByPartnerIssue(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null>;
  putPair(record: PairRecord): Promise<void>;
  /**
   * Writes `record` only if the stored pair's `rev` is `expectedRev` (null: no pair stored, or
   * one without a rev). False, writing nothing, when another writer came first. One operation,
   * which also appends `also.audit` when given (written only if the pair is), and writes
   * `also.createHold` (a create's place in its window, LimitCounters.reserveCreate) only if the
   * window is still as read: false, writing nothing, when either moved.
   */
  putPairIf(record: PairRecord, expectedRev: number | null, also?: { audit?: AuditEntry; createHold?: CreateHold }): Promise<boolean>;
  deletePair(connectionId: ConnectionId, pairId: PairId): Promise<void>;
  /** Atomically remember a message id until `expiresAt`; false if it was already remembered. */
  rememberMessage(connectionId: string, messageId: string, expiresAt: number): Promise<boolean>;
  hasMessage(connectionId: string, messageId: string): Promise<boolean>;
  addError(record: ErrorRecord): Promise<void>;
  listErrors(connectionId: string): Promise<ErrorRecord[]>;
  /**
   * `dismissedIn`: a person removed it (dismissed, or retried it), so the connection's error list
   * must not show it again when they reload, even where listings are eventually consistent.
   */
  removeError(id: string, dismissedIn?: { connectionId: string }): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(connectionId: string): Promise<AuditEntry[]>;
}
