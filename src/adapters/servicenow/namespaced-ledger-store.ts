// A LedgerStore seen through a namespace. The ServiceNow peer keeps its ledger in the same store as
// the Jira side, and both sides know a pair by the same pair id on the same connection: without a
// prefix on pair and connection ids, the peer's record of a pair would overwrite the Jira side's.
// Errors and audit entries keep the real connection id, so the admin page shows them with the rest;
// an archived message inside an error names the prefixed connection, so whoever puts it back (the
// admin's retry button) can tell it belongs in the peer's outbox.
import { connectionId as toConnectionId, pairId as toPairId, type ConnectionId, type LocalIssueId, type PairId, type PartnerIssueId } from '../../core/ids';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { CreateHold } from '../../core/ports/limit-counters';
import type { AuditEntry, ErrorRecord, LedgerStore } from '../../core/ports/store';

/** A pair record as a store under `prefix` keeps it (see NamespacedLedgerStore). */
export function namespacedPair(prefix: string, record: PairRecord): PairRecord {
  return { ...record, pairId: toPairId(prefix + record.pairId), connectionId: toConnectionId(prefix + record.connectionId) };
}

export class NamespacedLedgerStore implements LedgerStore {
  constructor(
    private readonly inner: LedgerStore,
    /** e.g. `sn-peer:`; must not be a prefix any real id starts with. */
    private readonly prefix: string,
  ) {
    if (!prefix) throw new TypeError('NamespacedLedgerStore needs a non-empty prefix');
  }

  private pid = (id: string): PairId => toPairId(this.prefix + id);
  private cid = (id: string): ConnectionId => toConnectionId(this.prefix + id);

  private wrap(record: PairRecord): PairRecord {
    return namespacedPair(this.prefix, record);
  }

  private unwrap(record: PairRecord | null): PairRecord | null {
    if (!record) return null;
    const strip = (s: string) => (s.startsWith(this.prefix) ? s.slice(this.prefix.length) : s);
    return { ...record, pairId: toPairId(strip(record.pairId)), connectionId: toConnectionId(strip(record.connectionId)) };
  }

  async getPair(connectionId: ConnectionId, pairId: PairId): Promise<PairRecord | null> {
    return this.unwrap(await this.inner.getPair(this.cid(connectionId), this.pid(pairId)));
  }

  async findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId, options?: { indexOnly?: boolean }): Promise<PairRecord | null> {
    return this.unwrap(await this.inner.findPairByLocalIssue(this.cid(connectionId), id, options));
  }

  async findPairByPartnerIssue(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null> {
    return this.unwrap(await this.inner.findPairByPartnerIssue(this.cid(connectionId), id));
  }

  putPair(record: PairRecord): Promise<void> {
    return this.inner.putPair(this.wrap(record));
  }

  putPairIf(record: PairRecord, expectedRev: number | null, also?: { audit?: AuditEntry; createHold?: CreateHold }): Promise<boolean> {
    return this.inner.putPairIf(this.wrap(record), expectedRev, also);
  }

  deletePair(connectionId: ConnectionId, pairId: PairId): Promise<void> {
    return this.inner.deletePair(this.cid(connectionId), this.pid(pairId));
  }

  rememberMessage(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    return this.inner.rememberMessage(this.cid(connectionId), messageId, expiresAt);
  }

  hasMessage(connectionId: string, messageId: string): Promise<boolean> {
    return this.inner.hasMessage(this.cid(connectionId), messageId);
  }

  addError(record: ErrorRecord): Promise<void> {
    return this.inner.addError(record.entry ? { ...record, entry: { ...record.entry, connectionId: this.cid(record.entry.connectionId) } } : record);
  }

  listErrors(connectionId: string): Promise<ErrorRecord[]> {
    return this.inner.listErrors(connectionId);
  }

  removeError(id: string, dismissedIn?: { connectionId: string }): Promise<void> {
    return this.inner.removeError(id, dismissedIn);
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.inner.appendAudit(entry);
  }

  listAudit(connectionId: string): Promise<AuditEntry[]> {
    return this.inner.listAudit(connectionId);
  }
}
