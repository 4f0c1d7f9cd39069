// Link requests: a partner asked to bind one of its issues to an existing local issue. Nothing is
// applied to the issue or sent back until a local agent or admin accepts; the request keeps the
// partner's (verified) first message so that accepting applies exactly what was asked.
import type { EnvelopeOf } from '../protocol/envelope';

export type LinkRequest = {
  connectionId: string;
  pairId: string;
  localIssueId: string;
  localIssueKey: string;
  partnerIssueId: string;
  partnerIssueKey: string;
  partnerIssueUrl?: string;
  requestedAt: number;
  /** The partner's first message for the pair, verified when it arrived. */
  envelope: EnvelopeOf<'replica'>;
};

export interface LinkRequestStore {
  /** Stores or replaces the request of (connection, pair). */
  put(request: LinkRequest): Promise<void>;
  get(connectionId: string, pairId: string): Promise<LinkRequest | null>;
  /** Every pending request, oldest first (the admin page; the panel filters by issue). */
  list(): Promise<LinkRequest[]>;
  remove(connectionId: string, pairId: string): Promise<void>;
}
