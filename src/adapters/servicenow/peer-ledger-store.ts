// The ServiceNow peer's ledger: the namespaced view of the Jira side's store, plus a read by key
// when the pair index finds nothing. Forge's index queries are only eventually consistent (only
// get is strong), so a pair written a moment ago — by a poll or notice a few seconds earlier, or by
// Jira's create — may not be found through the index. The inner store reads the keys derived from
// the issue in that case, but it derives them from the connection id it is given, the namespaced
// one, while both sides derive a pair id from the real connection (core/sync/pair-id.ts) and the
// namespace prefixes the result: that read cannot find the peer's pairs. This one can.
//
// Without it, a record changed twice within the lag (two notices, a poll right after a notice)
// looked new: its create was refused by the pair already under that id, and the change was dropped.
//
// A pair Jira made (a Jira issue mirrored as a record) has an id derived from the Jira issue, which
// the record does not carry. A record Liaison linked and last wrote itself (`linked`) has a pair,
// so when neither the index nor the derived key shows it, it is not new: it is in the lag.
// PairNotVisibleYet says so, and the caller leaves the record be (a notice to polling, a poll to
// the record's next change) instead of mirroring it back to Jira as a second issue.
import type { ConnectionId, LocalIssueId, PartnerIssueId } from '../../core/ids';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { LedgerStore } from '../../core/ports/store';
import { derivePairId, type PairSide } from '../../core/sync/pair-id';
import { NamespacedLedgerStore } from './namespaced-ledger-store';

/** A record Liaison linked whose pair storage queries do not show yet: try again shortly. */
export class PairNotVisibleYet extends Error {
  constructor(readonly issueId: string) {
    super(`record ${issueId} is linked to a Jira issue, but its pair does not show in storage queries yet (they lag behind writes); trying again later`);
    this.name = 'PairNotVisibleYet';
  }
}

export class PeerLedgerStore extends NamespacedLedgerStore {
  constructor(
    inner: LedgerStore,
    prefix: string,
    /**
     * The role both halves derive pair ids with: the peer plans under the Jira side's connection
     * record (peer.ts, peerConfig), so the peer's pairs of records and Jira's pairs of issues both
     * carry it.
     */
    private readonly side: PairSide,
    /** Whether a record, as read in this invocation, carries Liaison's link to a Jira issue. */
    private readonly linked: (issueId: string) => boolean = () => false,
  ) {
    super(inner, prefix);
  }

  /**
   * `indexOnly` (a caller that wants the index alone): no read by key here either. The inner store
   * is always asked for its index alone: its own read by key cannot find a peer pair.
   */
  override async findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId, options?: { indexOnly?: boolean }): Promise<PairRecord | null> {
    const found = await super.findPairByLocalIssue(connectionId, id, { indexOnly: true });
    if (found || options?.indexOnly) return found;
    const derived = await this.derived(connectionId, id, (r) => r.localIssueId === id);
    if (!derived && this.linked(id)) throw new PairNotVisibleYet(id);
    return derived;
  }

  /** The inner store's own read by key runs first here (the port has no index-only partner lookup): one wasted read when the index finds none. */
  override async findPairByPartnerIssue(connectionId: ConnectionId, id: PartnerIssueId): Promise<PairRecord | null> {
    return (await super.findPairByPartnerIssue(connectionId, id)) ?? this.derived(connectionId, id, (r) => r.partnerIssueId === id);
  }

  /** The pair made first for this issue (generation 0), read by key, if it is live and still this issue's. */
  private async derived(connectionId: ConnectionId, issueId: string, matches: (r: PairRecord) => boolean): Promise<PairRecord | null> {
    const pair = await this.getPair(connectionId, derivePairId(connectionId, this.side, issueId as LocalIssueId));
    return pair && pair.unlinkedAt === undefined && matches(pair) ? pair : null;
  }
}
