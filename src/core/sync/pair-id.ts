// A pair id derived from the connection and the originating issue, so a trigger delivered twice
// before the ledger write cannot mint two pairs (and so two partner issues) for one issue.
import { sha256Hex } from '../hash';
import { pairId, type ConnectionId, type LocalIssueId, type PairId } from '../ids';

/** `generation` > 0 only when an unlinked issue is linked again (the old pair stays a tombstone). */
export const derivePairId = (connectionId: ConnectionId, origin: LocalIssueId, generation = 0): PairId =>
  pairId(`p-${sha256Hex(`${connectionId}\n${origin}\n${generation}`).slice(0, 32)}`);
