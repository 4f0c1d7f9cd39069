// Everything the engine needs from the platform, as ports.
import type { Connection } from '../connection';
import type { Clock, IdSource } from '../ports/clock';
import type { ConfigStore } from '../ports/config-store';
import type { LimitCounters } from '../ports/limit-counters';
import type { LinkRequestStore } from '../ports/link-requests';
import type { Outbox } from '../ports/outbox';
import type { RelationWaits } from '../ports/relation-waits';
import type { Secrets } from '../ports/secrets';
import type { LedgerStore } from '../ports/store';
import type { Tracker } from '../ports/tracker';
import type { Transport } from '../ports/transport';
import type { PartnerProfile } from '../profile/partner-profile';
import type { AttachmentRefBuilder } from '../protocol/attachment-ref';
import type { BringPort } from './bring-children';
import type { RelayPort } from './relay';
import type { ResendPort } from './resend-parts';
import type { RetryPolicy } from './retry-policy';

export type SyncDeps = {
  store: LedgerStore;
  config: ConfigStore;
  outbox: Outbox;
  transport: Transport;
  tracker: Tracker;
  secrets: Secrets;
  clock: Clock;
  ids: IdSource;
  retry?: RetryPolicy;
  /** Replay window and clock-skew tolerance; defaults to the protocol's. */
  skewMs?: number;
  /** Signs the capability URL a partner fetches an outgoing attachment's content from; without it the tracker's own ref goes out. */
  attachmentRef?: AttachmentRefBuilder;
  /**
   * Where a partner's request to bind an existing local issue waits for a local agent or admin.
   * Without it (the ServiceNow peer, which only ever binds at its own Jira side's request) a link
   * the rule's scope allows is made at once.
   */
  linkRequests?: LinkRequestStore;
  /** Counts partner creates for the creates-per-minute limit; without it that limit is not enforced. */
  limits?: LimitCounters;
  /**
   * This side's profile for a connection (organisation name, site, its contacts, the values of its
   * shared projects), told to the partner at connect and when it changes; without it none is sent
   * and a partner's request for it gets only an acknowledgement.
   */
  profiles?: { local(connection: Connection): Promise<PartnerProfile | null> };
  /**
   * Where a partner's change applied here is handed on to the project's other partners (relay.ts);
   * without it (the ServiceNow peer, a one-partner side) nothing is relayed.
   */
  relay?: RelayPort;
  /** Issues whose parent or link waits for another issue to reach the partner; without it they wait for their own next change. */
  relationWaits?: RelationWaits;
  /** Where a rule's bringChildren is run as background work once a parent reaches the partner; without it children are not brought. */
  bring?: BringPort;
  /** Where a partner that upgraded gets the parts this side withheld from it again (resend-parts.ts); without it they go when they next change. */
  resend?: ResendPort;
};
