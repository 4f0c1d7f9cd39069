// A pair id derived from the connection, the side that made the pair and the originating issue, so
// a trigger delivered twice before the ledger write cannot mint two pairs (and so two partner
// issues) for one issue. The side is part of it because both sites number their issues on their
// own: acme's issue 10004 and globex's issue 10004 must not make the same pair id.
import { sha256Hex } from '../hash';
import type { Connection } from '../connection';
import { pairId, type ConnectionId, type LocalIssueId, type PairId } from '../ids';

export type PairSide = Connection['role'];

/** `generation` > 0 when an unlinked issue is linked again (the old pair stays a tombstone), or when the id is already taken. */
export const derivePairId = (connectionId: ConnectionId, side: PairSide, origin: LocalIssueId, generation = 0): PairId =>
  pairId(`p-${sha256Hex(`${connectionId}\n${side}\n${origin}\n${generation}`).slice(0, 32)}`);
