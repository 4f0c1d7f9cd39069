// Link requests as plain KVS keys under one prefix: few at a time (the core caps how many a
// connection may have pending), so listing them all is one or two query pages.
import { kvs, WhereConditions } from '@forge/kvs';
import type { LinkRequest, LinkRequestStore } from '../../core/ports/link-requests';
import { keyOf } from './kvs-keys';

const PREFIX = 'link-request:';
const PAGE = 100;
/** A bound on one listing; the core refuses new requests long before this many are pending. */
const MAX_LISTED = 1000;

const keyFor = (connectionId: string, pairId: string) => `${PREFIX}${keyOf(connectionId, pairId)}`;

export class KvsLinkRequests implements LinkRequestStore {
  async put(request: LinkRequest): Promise<void> {
    await kvs.set(keyFor(request.connectionId, request.pairId), request);
  }

  async get(connectionId: string, pairId: string): Promise<LinkRequest | null> {
    return (await kvs.get<LinkRequest>(keyFor(connectionId, pairId))) ?? null;
  }

  async list(): Promise<LinkRequest[]> {
    const out: LinkRequest[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(PAGE);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<LinkRequest>();
      for (const r of page.results) out.push(r.value);
      cursor = page.nextCursor;
    } while (cursor && out.length < MAX_LISTED);
    return out.sort((a, b) => a.requestedAt - b.requestedAt);
  }

  async remove(connectionId: string, pairId: string): Promise<void> {
    await kvs.delete(keyFor(connectionId, pairId));
  }
}
