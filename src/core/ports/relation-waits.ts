// Issues whose parent or link names an issue the partner does not have yet: kept by key (the
// awaited issue), so the moment that issue reaches the partner finds them with one read, and no
// index query is ever needed.
import type { ConnectionId, LocalIssueId } from '../ids';

/** At most this many issues wait on one issue; more are picked up by their own next change. */
export const MAX_WAITING = 50;

export interface RelationWaits {
  /** Notes that `waiting` names `awaited` (idempotent). */
  add(connectionId: ConnectionId, awaited: LocalIssueId, waiting: LocalIssueId): Promise<void>;
  /** The issues waiting on `awaited`, removing the record. */
  take(connectionId: ConnectionId, awaited: LocalIssueId): Promise<LocalIssueId[]>;
}

/** In-memory, for unit tests and the core's fakes. */
export class MemoryRelationWaits implements RelationWaits {
  readonly records = new Map<string, LocalIssueId[]>();
  async add(connectionId: ConnectionId, awaited: LocalIssueId, waiting: LocalIssueId): Promise<void> {
    const key = `${connectionId}/${awaited}`;
    const list = this.records.get(key) ?? [];
    if (!list.includes(waiting) && list.length < MAX_WAITING) this.records.set(key, [...list, waiting]);
  }
  async take(connectionId: ConnectionId, awaited: LocalIssueId): Promise<LocalIssueId[]> {
    const key = `${connectionId}/${awaited}`;
    const list = this.records.get(key) ?? [];
    this.records.delete(key);
    return list;
  }
}
