// Pair records as one custom entity per pair, indexed so the pair is found from either side's issue
// in one query: (connection, local issue id) and (connection, partner issue id). An id that is still
// null is left out of the value, so the pair is simply absent from that (sparse) index.
import { kvs, Filter, FilterConditions, WhereConditions, Sort } from '@forge/kvs';
import { connectionId as toConnectionId, localIssueId, type ConnectionId, type LocalIssueId, type PairId, type PartnerIssueId } from '../../core/ids';
import { derivePairId } from '../../core/sync/pair-id';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { CreateHold } from '../../core/ports/limit-counters';
import { PAIRS_PER_READ, type AuditEntry } from '../../core/ports/store';
import { logEntityOf } from './kvs-connection-log';
import { ENTITY, INDEX } from './entities';
import { keyOf } from './kvs-keys';
import { withCreateHold } from './kvs-limit-counters';
import { ForgeAdapterError, checkPageLimit, isConflict, requireId, type Page } from './kvs-support';

export type PairEntity = { connectionId: string; localIssueId?: string; partnerIssueId?: string; createdAt: number; rev?: number; record: PairRecord };

// A relinked issue has a live pair and older tombstones; a few candidates are read in the same
// query so the live one wins without a second operation.
const CANDIDATES = 10;

export function toPairEntity(record: PairRecord): PairEntity {
  requireId('pairId', record?.pairId);
  requireId('connectionId', record.connectionId);
  return {
    connectionId: record.connectionId,
    ...(record.localIssueId ? { localIssueId: record.localIssueId } : {}),
    ...(record.partnerIssueId ? { partnerIssueId: record.partnerIssueId } : {}),
    createdAt: record.createdAt,
    ...(record.rev !== undefined ? { rev: record.rev } : {}),
    record,
  };
}

/**
 * A pair's storage key: its connection and its id. A partner names pair ids in its messages (and
 * can derive another connection's, see core/sync/pair-id.ts); keyed by connection, a message can
 * only ever reach the pairs of the connection that signed it.
 */
export const pairKey = (connectionId: string, pairId: string): string => keyOf(requireId('connectionId', connectionId), requireId('pairId', pairId));

type Transaction = ReturnType<typeof kvs.transact>;

/**
 * One transaction: `before`'s writes (an outbox entry's removal, say), the pair — only if its stored
 * rev is still `expectedRev` — and its audit entry. False, writing nothing, when the pair had moved.
 */
export async function commitPair(record: PairRecord, expectedRev: number | null, audit?: AuditEntry, before: (tx: Transaction) => Transaction = (tx) => tx): Promise<boolean> {
  let tx = before(kvs.transact()).set(pairKey(record.connectionId, record.pairId), toPairEntity(record), { entityName: ENTITY.pair, conditions: revCondition(expectedRev) });
  if (audit) {
    const log = logEntityOf(ENTITY.audit, audit);
    tx = tx.set(log.key, log.value, { entityName: ENTITY.audit });
  }
  try {
    await tx.execute();
    return true;
  } catch (e) {
    if (isConflict(e)) return false;
    throw e;
  }
}

/** The stored pair has this rev (null: no pair, or one written before revs existed). */
export function revCondition(expectedRev: number | null) {
  return new Filter<PairEntity>().and('rev', expectedRev === null ? FilterConditions.notExists() : FilterConditions.equalTo(expectedRev));
}

function pick(values: PairEntity[]): PairRecord | null {
  const records = values.map((v) => v.record);
  const live = records.filter((r) => r.unlinkedAt === undefined);
  const pool = live.length > 0 ? live : records;
  return pool.reduce<PairRecord | null>((best, r) => (!best || r.createdAt > best.createdAt ? r : best), null);
}

export class KvsPairs {
  private readonly entity = kvs.entity<PairEntity>(ENTITY.pair);

  /** Pairs read ahead in a batch (see KvsPrefetch); each is handed out once, then reads go to KVS. */
  private readonly primed = new Map<string, PairRecord | null>();

  prime(connectionId: ConnectionId, pairId: PairId, record: PairRecord | null): void {
    this.primed.set(pairKey(connectionId, pairId), record);
  }

  async get(connectionId: ConnectionId, pairId: PairId): Promise<PairRecord | null> {
    const key = pairKey(connectionId, pairId);
    let record: PairRecord | null;
    if (this.primed.has(key)) {
      record = structuredClone(this.primed.get(key)!);
      this.primed.delete(key);
    } else {
      record = (await this.entity.get(key))?.record ?? null;
    }
    // The key already binds the pair to its connection; a record that says otherwise is damaged
    // storage, and handing it out would let one connection's message act on another's issue.
    if (record && (record.connectionId !== connectionId || record.pairId !== pairId)) {
      throw new ForgeAdapterError(`the pair stored under ${connectionId}/${pairId} names ${record.connectionId}/${record.pairId}`);
    }
    return record;
  }

  /** Pairs by key in one batch read (LedgerStore.getPairs): at most PAIRS_PER_READ ids. */
  async getMany(connectionId: ConnectionId, pairIds: PairId[]): Promise<PairRecord[]> {
    // Each key once: Forge refuses a whole batch that names a key twice.
    const keys = [...new Set(pairIds.map((id) => pairKey(connectionId, id)))];
    if (keys.length === 0) return [];
    if (keys.length > PAIRS_PER_READ) throw new ForgeAdapterError(`a batch read takes at most ${PAIRS_PER_READ} pairs, not ${keys.length}`);
    const res = await kvs.batchGet<PairEntity>(keys.map((key) => ({ key, entityName: ENTITY.pair })));
    // Which code a missing key fails with is not documented (see kvs-prefetch.ts): any other failure is one.
    const failed = res.failedKeys.find((f) => f.error?.code !== 'KEY_NOT_FOUND');
    if (failed) throw new ForgeAdapterError(`the pairs of connection ${connectionId} could not be read: ${failed.error?.code ?? 'unknown error'}`);
    return res.successfulKeys.flatMap((k) => {
      const record = k.value?.record;
      if (!record) return [];
      // As in get(): a record that names another pair than its key is damaged storage.
      if (record.connectionId !== connectionId || pairKey(connectionId, record.pairId) !== k.key) throw new ForgeAdapterError(`the pair stored under ${k.key} names ${record.connectionId}/${record.pairId}`);
      return [record];
    });
  }

  /** `indexOnly`: no read by key when the index finds none (LedgerStore.findPairByLocalIssue). */
  async findByLocal(connectionId: ConnectionId, id: LocalIssueId, indexOnly = false): Promise<PairRecord | null> {
    return this.findBy(INDEX.pairByLocal, connectionId, requireId('local issue id', id), indexOnly);
  }

  async findByPartner(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null> {
    return this.findBy(INDEX.pairByPartner, connectionId, requireId('partner issue id', id));
  }

  async put(record: PairRecord): Promise<void> {
    const value = toPairEntity(record);
    await this.entity.set(pairKey(record.connectionId, record.pairId), value);
  }

  /**
   * One transaction: set the pair only if its stored `rev` is `expectedRev` (and the audit entry
   * with it), and a create's place in its window only if that window is unchanged (`hold`).
   */
  async putIf(record: PairRecord, expectedRev: number | null, audit?: AuditEntry, hold?: CreateHold): Promise<boolean> {
    this.primed.delete(pairKey(record.connectionId, record.pairId));
    return commitPair(record, expectedRev, audit, hold ? (tx) => withCreateHold(tx, hold) : undefined);
  }

  async delete(connectionId: ConnectionId, pairId: PairId): Promise<void> {
    await this.entity.delete(pairKey(connectionId, pairId));
  }

  /** Pairs of one connection, newest first (admin lists, bulk re-sync). */
  async page(connectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<PairRecord>> {
    let q = this.entity
      .query()
      .index(INDEX.pairByConnection, { partition: [requireId('connectionId', connectionId)] })
      .sort(Sort.DESC)
      .limit(checkPageLimit(options.limit ?? 50));
    if (options.cursor) q = q.cursor(options.cursor);
    const res = await q.getMany();
    return { items: res.results.map((r) => r.value.record), ...(res.nextCursor ? { cursor: res.nextCursor } : {}) };
  }

  /**
   * Forge's index queries are only eventually consistent: a pair written a moment ago may not be in
   * the index yet. The pair most issues have was made under an id derived from the issue (its
   * first generation, by either side, core/sync/pair-id.ts), so when the index finds none, those
   * keys are read by key (strongly consistent), in one batch.
   */
  private async byDerivedKey(connectionId: string, issueId: string, matches: (r: PairRecord) => boolean): Promise<PairRecord | null> {
    const conn = toConnectionId(connectionId);
    const keys = (['inviter', 'acceptor'] as const).map((side) => pairKey(connectionId, derivePairId(conn, side, localIssueId(issueId))));
    const res = await kvs.batchGet<PairEntity>(keys.map((key) => ({ key, entityName: ENTITY.pair })));
    const live = res.successfulKeys.map((k) => k.value?.record).filter((r): r is PairRecord => !!r && r.connectionId === connectionId && r.unlinkedAt === undefined && matches(r));
    return live.length === 1 ? live[0]! : null;
  }

  private async findBy(index: string, connectionId: string, issueId: string, indexOnly = false): Promise<PairRecord | null> {
    const res = await this.entity
      .query()
      .index(index, { partition: [requireId('connectionId', connectionId)] })
      .where(WhereConditions.equalTo(issueId))
      .limit(CANDIDATES)
      .getMany();
    const values = res.results.map((r) => r.value);
    if (values.some((v) => !v?.record)) throw new ForgeAdapterError(`a stored ${ENTITY.pair} for connection ${connectionId} has no record attribute`);
    if (values.length > 0) return pick(values);
    if (indexOnly) return null;
    const side = index === INDEX.pairByLocal ? (r: PairRecord) => r.localIssueId === issueId : (r: PairRecord) => r.partnerIssueId === issueId;
    return this.byDerivedKey(connectionId, requireId('issue id', issueId), side);
  }
}
