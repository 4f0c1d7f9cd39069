// Link requests as plain KVS keys under one prefix: few at a time (the core caps how many a
// connection may have pending), so listing them all is one or two query pages.
import { kvs, WhereConditions } from '@forge/kvs';
import type { LinkRequest, LinkRequestStore } from '../../core/ports/link-requests';
import { keyOf } from './kvs-keys';
import { RecentWrites } from './kvs-recent-writes';

const PREFIX = 'link-request:';
const PAGE = 100;
/** A bound on one listing; the core refuses new requests long before this many are pending. */
const MAX_LISTED = 1000;

const keyFor = (connectionId: string, pairId: string) => `${PREFIX}${keyOf(connectionId, pairId)}`;

export class KvsLinkRequests implements LinkRequestStore {
  // The listing is a query, which lags behind writes; requests made or answered lately are re-read by key.
  private readonly recent = new RecentWrites('link-requests:recent');

  async put(request: LinkRequest): Promise<void> {
    const key = keyFor(request.connectionId, request.pairId);
    await kvs.set(key, request);
    await this.recent.note(key);
  }

  async get(connectionId: string, pairId: string): Promise<LinkRequest | null> {
    return (await kvs.get<LinkRequest>(keyFor(connectionId, pairId))) ?? null;
  }

  async list(): Promise<LinkRequest[]> {
    const byKey = new Map<string, LinkRequest>();
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(PAGE);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<LinkRequest>();
      for (const r of page.results) byKey.set(r.key, r.value);
      cursor = page.nextCursor;
    } while (cursor && byKey.size < MAX_LISTED);
    for (const key of await this.recent.keys()) {
      const fresh = await kvs.get<LinkRequest>(key);
      if (fresh) byKey.set(key, fresh);
      else byKey.delete(key);
    }
    return [...byKey.values()].sort((a, b) => a.requestedAt - b.requestedAt);
  }

  async remove(connectionId: string, pairId: string): Promise<void> {
    const key = keyFor(connectionId, pairId);
    await kvs.delete(key);
    await this.recent.note(key);
  }
}
