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
// the record does not carry. A record Liaison linked and last wrote itself (`ownWrite`) has a pair,
// so when neither the index nor the derived key shows it, it is not new: it is in the lag.
// PairNotVisibleYet says so, and the caller leaves the record be (a notice to polling, a poll to
// the record's next change) instead of mirroring it back to Jira as a second issue.
//
// A linked record an agent wrote last (an edit right after Liaison made the incident from a Jira
// issue) is not taken on trust: the link may have been copied with the record (a clone) or outlived
// its pair. Its link names the Jira issue (by key), so the pair Jira's create made is read by key:
// its id derives from that issue's id on this connection. It is this record's pair only if it is
// live and names this very record; then the record is bound to it, whatever the index shows. No
// time bound is involved (Forge documents none for the lag). Otherwise the record is new, as before.
// A link written since the display carries the Jira issue's id ("Jira (Liaison) 10004") skips the
// Jira read: the pair is read by the key derived from that id, and must confirm it the same way.
// Only the first pair of that issue (generation 0) is read: a Jira issue unlinked and mirrored again
// has a later generation, which this read does not find while the index lags.
import { connectionId as toConnectionId, pairId as toPairId, type ConnectionId, type LocalIssueId, type PartnerIssueId } from '../../core/ids';
import type { PairRecord } from '../../core/ledger/pair-record';
import type { LedgerStore } from '../../core/ports/store';
import { derivePairId, type PairSide } from '../../core/sync/pair-id';
import { NamespacedLedgerStore } from './namespaced-ledger-store';

/**
 * A Jira issue key: a project key, a dash, a number. Jira Cloud's REST reference: a project key
 * starts with an uppercase letter followed by one or more uppercase alphanumerics; the key format
 * page also allows underscores (confluence.atlassian.com/adminjiraserver/changing-the-project-key-format-938847081.html).
 */
const JIRA_KEY = /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/;

/** A record Liaison linked whose pair storage queries do not show yet: try again shortly. */
export class PairNotVisibleYet extends Error {
  constructor(readonly issueId: string) {
    super(`record ${issueId} is linked to a Jira issue, but its pair does not show in storage queries yet (they lag behind writes); trying again later`);
    this.name = 'PairNotVisibleYet';
  }
}

/** What the peer knows of a record's link to Jira (ServiceNowTracker.liaisonLink), and how it finds a Jira issue's id. */
export type PeerLinks = {
  /** Liaison's link on a record as read in this invocation: the Jira key it names, and whether Liaison wrote the record last. */
  link?: (issueId: string) => { jiraKey: string; jiraId?: string; ownWrite: boolean } | undefined;
  /** The id of the Jira issue with this key (null: no such issue). */
  jiraIssueId?: (jiraKey: string) => Promise<string | null>;
};

export class PeerLedgerStore extends NamespacedLedgerStore {
  constructor(
    private readonly unprefixed: LedgerStore,
    private readonly namespace: string,
    /**
     * The role both halves derive pair ids with: the peer plans under the Jira side's connection
     * record (peer.ts, peerConfig), so the peer's pairs of records and Jira's pairs of issues both
     * carry it.
     */
    private readonly side: PairSide,
    private readonly links: PeerLinks = {},
  ) {
    super(unprefixed, namespace);
  }

  /**
   * `indexOnly` (a caller that wants the index alone): no read by key here either. The inner store
   * is always asked for its index alone: its own read by key cannot find a peer pair.
   */
  override async findPairByLocalIssue(connectionId: ConnectionId, id: LocalIssueId, options?: { indexOnly?: boolean }): Promise<PairRecord | null> {
    const found = await super.findPairByLocalIssue(connectionId, id, { indexOnly: true });
    if (found || options?.indexOnly) return found;
    const link = this.links.link?.(id);
    // The link names the Jira issue's id (records linked since it was written there): the pair Jira's
    // create made is read by key together with the record's own, in one batch.
    const jiraId = link && !link.ownWrite ? link.jiraId : undefined;
    const [own, named] = await this.derivedPairs(connectionId, [id, ...(jiraId ? [jiraId] : [])]);
    if (own && own.localIssueId === id) return own;
    if (!link) return null;
    if (link.ownWrite) throw new PairNotVisibleYet(id);
    if (named && named.localIssueId === id && named.partnerIssueId === jiraId) return named;
    return this.pairOfLinkedIssue(connectionId, id, link.jiraKey);
  }

  /** The live first-generation pair derived from each issue id (null where none), read in one batch when the store can. */
  private async derivedPairs(connectionId: ConnectionId, issueIds: string[]): Promise<Array<PairRecord | null>> {
    const ids = issueIds.map((i) => derivePairId(connectionId, this.side, i as LocalIssueId));
    const live = (r: PairRecord | null | undefined): PairRecord | null => (r && r.unlinkedAt === undefined ? r : null);
    if (ids.length === 1 || !this.unprefixed.getPairs) return Promise.all(ids.map(async (pid) => live(await this.getPair(connectionId, pid))));
    const ns = (v: string) => `${this.namespace}${v}`;
    const records = await this.unprefixed.getPairs(toConnectionId(ns(connectionId)), ids.map((pid) => toPairId(ns(pid))));
    return ids.map((pid) => {
      const r = records.find((x) => x.pairId === ns(pid));
      return live(r ? { ...r, pairId: pid, connectionId } : null);
    });
  }

  /**
   * The pair of the Jira issue the record's link names, if it is this record's: one Jira read (the
   * key to its id) and one read by key, only for a linked record an agent wrote that the index and
   * the record's own derived id do not show.
   */
  private async pairOfLinkedIssue(connectionId: ConnectionId, id: LocalIssueId, jiraKey: string): Promise<PairRecord | null> {
    // Not a Jira issue key (an agent typed something else there): no Jira read for it.
    if (!JIRA_KEY.test(jiraKey) || !this.links.jiraIssueId) return null;
    const jiraId = await this.links.jiraIssueId(jiraKey);
    return jiraId ? this.derived(connectionId, jiraId, (r) => r.localIssueId === id && r.partnerIssueId === jiraId) : null;
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
