// In-memory LedgerStore for unit tests and the convergence model. Values are cloned in and out,
// like a real store, so a test cannot pass by mutating a record it was handed.
import type { ConnectionId, LocalIssueId, PairId, PartnerIssueId } from '../ids';
import type { CreateHold } from '../ports/limit-counters';
import type { AuditEntry, ErrorRecord, LedgerStore } from '../ports/store';
import type { PairRecord } from './pair-record';

/** Pairs are kept per connection, as the port promises (see LedgerStore.getPair). */
const keyOf = (connectionId: string, pairId: string) => `${connectionId}\n${pairId}`;

export class MemoryLedgerStore implements LedgerStore {
  private readonly pairs = new Map<string, PairRecord>();
  private readonly messages = new Map<string, number>();
  private readonly errors: ErrorRecord[] = [];
  private readonly audit: AuditEntry[] = [];
  /** Operation counter, so tests can hold the ledger to its KVS budget. */
  operations = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  async getPair(connectionId: ConnectionId, pairId: PairId): Promise<PairRecord | null> {
    this.operations++;
    const r = this.pairs.get(keyOf(connectionId, pairId));
    return r ? structuredClone(r) : null;
  }

  /** One operation, as one batch read by key on Forge. */
  async getPairs(connectionId: ConnectionId, pairIds: PairId[]): Promise<PairRecord[]> {
    this.operations++;
    return [...new Set(pairIds)].flatMap((id) => {
      const r = this.pairs.get(keyOf(connectionId, id));
      return r ? [structuredClone(r)] : [];
    });
  }

  async findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId): Promise<PairRecord | null> {
    this.operations++;
    // After an unlink and a relink both records match; the live one is the pair.
    const matches = [...this.pairs.values()].filter((p) => p.connectionId === connectionId && p.localIssueId === id);
    const r = matches.find((p) => p.unlinkedAt === undefined) ?? matches[0];
    return r ? structuredClone(r) : null;
  }

  async findPairByPartnerIssue(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null> {
    this.operations++;
    // After an unlink and a relink both records match; the live one is the pair.
    const matches = [...this.pairs.values()].filter((p) => p.connectionId === connectionId && p.partnerIssueId === id);
    const r = matches.find((p) => p.unlinkedAt === undefined) ?? matches[0];
    return r ? structuredClone(r) : null;
  }

  async putPair(record: PairRecord): Promise<void> {
    this.operations++;
    this.pairs.set(keyOf(record.connectionId, record.pairId), structuredClone(record));
  }

  async putPairIf(record: PairRecord, expectedRev: number | null, also?: { audit?: AuditEntry; createHold?: CreateHold }): Promise<boolean> {
    // Only storage-backed counters hand out holds; dropping one would leave the create uncounted.
    if (also?.createHold) throw new Error('the in-memory ledger cannot write a create hold (use counters without reserveCreate)');
    this.operations++;
    const key = keyOf(record.connectionId, record.pairId);
    if ((this.pairs.get(key)?.rev ?? null) !== expectedRev) return false;
    this.pairs.set(key, structuredClone(record));
    if (also?.audit) this.audit.push(structuredClone(also.audit));
    return true;
  }

  async deletePair(connectionId: ConnectionId, pairId: PairId): Promise<void> {
    this.operations++;
    this.pairs.delete(keyOf(connectionId, pairId));
  }

  async rememberMessage(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    this.operations++;
    const key = `${connectionId}/${messageId}`;
    const existing = this.messages.get(key);
    if (existing !== undefined && existing > this.now()) return false;
    this.messages.set(key, expiresAt);
    return true;
  }

  async hasMessage(connectionId: string, messageId: string): Promise<boolean> {
    const expires = this.messages.get(`${connectionId}/${messageId}`);
    return expires !== undefined && expires > this.now();
  }

  async addError(record: ErrorRecord): Promise<void> {
    this.errors.push(structuredClone(record));
  }

  async listErrors(connectionId: string): Promise<ErrorRecord[]> {
    return structuredClone(this.errors.filter((e) => e.connectionId === connectionId));
  }

  async removeError(id: string): Promise<void> {
    const i = this.errors.findIndex((e) => e.id === id);
    if (i >= 0) this.errors.splice(i, 1);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.push(structuredClone(entry));
  }

  async listAudit(connectionId: string): Promise<AuditEntry[]> {
    return structuredClone(this.audit.filter((e) => e.connectionId === connectionId));
  }

  /** All pairs (test inspection only). */
  allPairs(): PairRecord[] {
    return structuredClone([...this.pairs.values()]);
  }
}
