// LedgerStore on Forge KVS. Every port method is exactly one KVS operation (lists: one per page of
// 100), which is what the budget in core/ports/store.ts counts on.
import type { ConnectionId, LocalIssueId, PairId, PartnerIssueId } from '../../core/ids';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { Clock } from '../../core/ports/clock';
import type { CreateHold } from '../../core/ports/limit-counters';
import type { AuditEntry, ErrorRecord, LedgerStore } from '../../core/ports/store';
import { ENTITY } from './entities';
import { KvsConnectionLog } from './kvs-connection-log';
import { KvsMessageMemory } from './kvs-message-memory';
import { KvsPairs } from './kvs-pairs';
import type { Page } from './kvs-support';

/** Audit actors that are not people (AuditEntry.actor: an account id for people). */
const ENGINE_ACTORS = new Set(['sync', 'partner', 'system']);
const byPerson = (entry: AuditEntry): boolean => !ENGINE_ACTORS.has(entry?.actor);

export type PageOptions = { limit?: number; cursor?: string };

export class ForgeLedgerStore implements LedgerStore {
  private readonly pairs = new KvsPairs();
  private readonly messages: KvsMessageMemory;
  private readonly errors = new KvsConnectionLog<ErrorRecord>(ENTITY.error);
  private readonly audit = new KvsConnectionLog<AuditEntry>(ENTITY.audit);

  constructor(clock: Clock) {
    this.messages = new KvsMessageMemory(clock);
  }

  getPair(connectionId: ConnectionId, pairId: PairId): Promise<PairRecord | null> {
    return this.pairs.get(connectionId, pairId);
  }

  getPairs(connectionId: ConnectionId, pairIds: PairId[]): Promise<PairRecord[]> {
    return this.pairs.getMany(connectionId, pairIds);
  }

  findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId, options?: { indexOnly?: boolean }): Promise<PairRecord | null> {
    return this.pairs.findByLocal(connectionId, id, options?.indexOnly === true);
  }

  findPairByPartnerIssue(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null> {
    return this.pairs.findByPartner(connectionId, id);
  }

  putPair(record: PairRecord): Promise<void> {
    return this.pairs.put(record);
  }

  putPairIf(record: PairRecord, expectedRev: number | null, also?: { audit?: AuditEntry; createHold?: CreateHold }): Promise<boolean> {
    return this.pairs.putIf(record, expectedRev, also?.audit, also?.createHold);
  }

  /** A pair read ahead in a batch: the next getPair of it costs nothing (once). */
  primePair(connectionId: ConnectionId, pairId: PairId, record: PairRecord | null): void {
    this.pairs.prime(connectionId, pairId, record);
  }

  deletePair(connectionId: ConnectionId, pairId: PairId): Promise<void> {
    return this.pairs.delete(connectionId, pairId);
  }

  rememberMessage(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    return this.messages.remember(connectionId, messageId, expiresAt);
  }

  hasMessage(connectionId: string, messageId: string): Promise<boolean> {
    return this.messages.has(connectionId, messageId);
  }

  addError(record: ErrorRecord): Promise<void> {
    return this.errors.add(record);
  }

  /** Newest first. */
  listErrors(connectionId: string): Promise<ErrorRecord[]> {
    return this.errors.all(connectionId);
  }

  /** `dismissedIn`: a person removed it (dismiss, retry); the connection's listings show that at once. */
  removeError(id: string, dismissedIn?: { connectionId: string }): Promise<void> {
    return this.errors.remove(id, dismissedIn ? { readBack: true, connectionId: dismissedIn.connectionId } : {});
  }

  /** What a person did is read back at once in the audit log; the engine's entries show as the index catches up. */
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.audit.add(entry, { readBack: byPerson(entry) });
  }

  /** Newest first. */
  listAudit(connectionId: string): Promise<AuditEntry[]> {
    return this.audit.all(connectionId);
  }

  // Paged reads for the admin page (not part of the port: the core never needs a page).

  pagePairs(connectionId: string, options?: PageOptions): Promise<Page<PairRecord>> {
    return this.pairs.page(connectionId, options);
  }

  pageErrors(connectionId: string, options?: PageOptions): Promise<Page<ErrorRecord>> {
    return this.errors.page(connectionId, options);
  }

  pageAudit(connectionId: string, options?: PageOptions): Promise<Page<AuditEntry>> {
    return this.audit.page(connectionId, options);
  }
}
