// The ledger's record of one mirrored pair: everything the planners need to tell a real change
// from an echo and a new message from a repeat. One record per pair, so a change costs one read
// and one write of it (see docs/adr/0002-ledger-and-ordering.md).
import type { ConnectionId, LocalIssueId, PairId, PartnerIssueId } from '../ids';
import type { FieldKey } from '../replica/field-key';
import type { FieldSyncState } from '../planning/field-version';
import type { ServiceDeskState } from '../replica/service-desk';
import { emptyWindow, type SeqWindow } from './seq-window';

/**
 * Parent and links of a pair. Both sides name a pair by the same id, so a parent or link is
 * compared as pair ids: what the partner set here is recorded as sent, and never echoes back.
 */
export type RelationsState = {
  /** Hash of the issue's relations as last read (local ids): unchanged, nothing is looked up. */
  seen?: string;
  /** Some reference named an issue not (yet) on the partner's side: look again at the next change. */
  unresolved?: boolean;
  /**
   * Hash of the issues waited on, once their waits were noted (RelationWaits): an unchanged list is
   * not noted again at each change (the look again above still runs, so a lost note only delays).
   */
  waitsNoted?: string;
  /** The parent's pair as last sent or applied (null: none); undefined: never told. */
  parent?: string | null;
  /** Local link id → hash of (type, other pair) as last sent. */
  sentLinks?: Record<string, string>;
  /**
   * Partner link id → our copy: its hash, and how to find it: its link type here and the other
   * issue's local id (our issue is the link's source), since making a link answers no id; `made`
   * once it was made (absent while in flight). Records from before that carry the copy's `localId`.
   */
  mirroredLinks?: Record<string, { localId?: string; hash: string; type?: string; other?: string; made?: boolean }>;
  /** Hash of the related-outside list as last sent (sender). */
  outsideSent?: string;
  /** The partner's related-outside list as last received (receiver), shown on the panel. */
  outsideNote?: Array<{ key: string; phrase: string }>;
};

export type MirroredComment = {
  /** Local copy's id; absent while the add is in flight (so echoes are caught by hash). */
  localId?: string;
  hash: string;
  ts: number;
  deleted?: boolean;
  /**
   * Worklogs only: the partner's worklog has no time now (a running total back at zero), so it has
   * no copy here; time logged on it later adds one again. Unlike `deleted`, the id stays open.
   */
  noCopy?: boolean;
};

export type PairRecord = {
  pairId: PairId;
  connectionId: ConnectionId;
  /** null on the receiving side between "create intended" and "create done". */
  localIssueId: LocalIssueId | null;
  /** null on the creating side until the partner acknowledges the create. */
  partnerIssueId: PartnerIssueId | null;
  /** The partner issue's human key (ABC-12), for links and the issue panel; learnt with the id. */
  partnerIssueKey?: string;
  /** Where people open the partner issue (its browse page), when the partner told us. */
  partnerIssueUrl?: string;
  origin: 'local' | 'partner';
  createdAt: number;
  /** Last per-pair sequence number this side assigned to an outgoing message. */
  lastSentSeq: number;
  /**
   * Highest outgoing seq whose message is settled (acknowledged, or archived after its last
   * attempt). When every earlier message is settled a new one may be sent at once, without the
   * queue; otherwise it queues behind them, so a backlog drains in order.
   */
  settledSeq?: number;
  /** Incoming sequence numbers already applied. */
  applied: SeqWindow;
  fields: Partial<Record<FieldKey, FieldSyncState>>;
  comments: { sent: Record<string, { hash: string }>; mirrored: Record<string, MirroredComment> };
  attachments: { sent: string[]; mirrored: Record<string, string | null> };
  /** Worklogs, kept as comments are (absent on pairs from before worklogs: read as empty). */
  worklogs?: { sent: Record<string, { hash: string }>; mirrored: Record<string, MirroredComment> };
  /** Parent and links (sync/outgoing-relations.ts, sync/incoming-relations.ts); absent until either is shared. */
  relations?: RelationsState;
  /** Request type, participants and the partner's SLAs (replica/service-desk.ts); absent until a rule shares any. */
  serviceDesk?: ServiceDeskState;
  /** Set when either side unlinked the pair; kept as a tombstone so late messages are refused. */
  unlinkedAt?: number;
  /**
   * Write counter. Triggers, queue consumers and web triggers run concurrently, so every write of
   * a pair is conditional on the `rev` it read and bumps it; the loser re-reads and tries again.
   */
  rev?: number;
  /** The re-send to an upgraded partner that last made this pair forget parts (sync/resend-parts.ts): a duplicate page skips it. */
  resentBy?: string;
  /**
   * Errors of the pieces of an old sender's message applied so far (sync/old-sender-worklogs.ts):
   * only the last piece is acknowledged, and its ack names them with its own. Absent otherwise.
   */
  pieceErrors?: Array<{ field: string; value: string; reason: string; blocking?: boolean }>;
  /** A partner message is being applied to the tracker until `until`; others wait (409) meanwhile. */
  applying?: { seq: number; until: number };
};

/** The `rev` a conditional write of a record read as `read` expects (null: none stored yet). */
export const revOf = (read: PairRecord | null | undefined): number | null => read?.rev ?? null;

/** `next` as the write that follows `read`. */
export const bumpRev = (next: PairRecord, read: PairRecord | null | undefined): PairRecord => ({ ...next, rev: (read?.rev ?? 0) + 1 });

export function newPairRecord(init: Pick<PairRecord, 'pairId' | 'connectionId' | 'localIssueId' | 'partnerIssueId' | 'origin' | 'createdAt'>): PairRecord {
  return {
    ...init,
    lastSentSeq: 0,
    applied: emptyWindow(),
    fields: {},
    comments: { sent: {}, mirrored: {} },
    attachments: { sent: [], mirrored: {} },
  };
}
