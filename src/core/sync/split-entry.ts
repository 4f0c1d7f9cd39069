// A message over one of the partner's per-message limits (comments, worklogs, attachments, bytes)
// is split into pieces within it: the first piece keeps the entry (its seq, fields and versions,
// relations, the create flag) with as many comments, worklogs and attachments as fit; the rest
// follow as new messages of the pair carrying only those. Comments, worklogs and attachments are
// keyed by id on the partner, so the pieces may land in any order. Nothing is re-planned and
// nothing is dropped.
import { connectionId as toConnectionId, pairId as toPairId } from '../ids';
import type { LimitName } from '../limits/limits';
import { updatePair } from '../ledger/update-pair';
import type { OutboxEntry } from '../ports/outbox';
import type { ReplicaBody } from '../protocol/envelope';
import type { AttachmentReplica, CommentReplica, WorklogReplica } from '../replica/replica';
import type { SyncDeps } from './deps';

type Item = { kind: 'comment'; c: CommentReplica } | { kind: 'attachment'; a: AttachmentReplica } | { kind: 'worklog'; w: WorklogReplica };

/**
 * The pieces go one after another, this far apart: the partner applies one delivery per pair at a
 * time (others are answered "busy"), and a piece of comments on one issue takes a while under
 * Jira's per-issue write rate (about 2 writes a second after a burst of 20).
 */
export const PIECE_GAP_MS = 30_000;

/** Room left in a piece for the envelope, signature and escaping around its items. */
const BYTES_HEADROOM = 0.7;

/**
 * What an item adds to the wire text: the envelope travels as canonical JSON with the body inline
 * (protocol/sign.ts), so an item costs its own JSON. (Counting it twice made a 7,000-character
 * comment "unsplittable" under a 16 KiB limit: the sender gave up on a message it could deliver.)
 */
const jsonBytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v)).length;
const itemBytes = (i: Item): number => jsonBytes(i.kind === 'comment' ? i.c : i.kind === 'worklog' ? i.w : i.a);

/** The items in groups within the limit; null when the limit cannot be met by splitting. */
export function piecesFor(body: ReplicaBody, limit: LimitName, max: number): Item[][] | null {
  const items: Item[] = [
    ...body.replica.comments.map((c) => ({ kind: 'comment' as const, c })),
    ...(body.replica.worklogs ?? []).map((w) => ({ kind: 'worklog' as const, w })),
    ...body.replica.attachments.map((a) => ({ kind: 'attachment' as const, a })),
  ];
  const { worklogs: _items, ...rest } = body.replica;
  const base = jsonBytes({ ...body, replica: { ...rest, comments: [], attachments: [] } });
  const budget = Math.floor(max * BYTES_HEADROOM) - base;
  const pieces: Item[][] = [];
  let current: Item[] = [];
  let comments = 0;
  let attachments = 0;
  let worklogs = 0;
  let bytes = 0;
  for (const item of items) {
    const size = itemBytes(item);
    if (limit === 'messageBytes' && size > budget) return null;
    const full =
      (limit === 'commentsPerMessage' && item.kind === 'comment' && comments >= max) ||
      (limit === 'attachmentsPerMessage' && item.kind === 'attachment' && attachments >= max) ||
      (limit === 'worklogsPerMessage' && item.kind === 'worklog' && worklogs >= max) ||
      (limit === 'messageBytes' && bytes + size > budget);
    if (full && current.length > 0) {
      pieces.push(current);
      current = [];
      comments = 0;
      attachments = 0;
      worklogs = 0;
      bytes = 0;
    }
    current.push(item);
    if (item.kind === 'comment') comments += 1;
    else if (item.kind === 'worklog') worklogs += 1;
    else attachments += 1;
    bytes += size;
  }
  if (current.length > 0) pieces.push(current);
  return pieces.length > 1 ? pieces : null;
}

/** The first piece keeps the fields and relations; the others carry items only. */
function withItems(body: ReplicaBody, items: Item[], first: boolean): ReplicaBody['replica'] {
  const worklogs = items.flatMap((i) => (i.kind === 'worklog' ? [i.w] : []));
  return {
    fields: first ? body.replica.fields : {},
    comments: items.flatMap((i) => (i.kind === 'comment' ? [i.c] : [])),
    attachments: items.flatMap((i) => (i.kind === 'attachment' ? [i.a] : [])),
    ...(worklogs.length > 0 ? { worklogs } : {}),
    ...(first && body.replica.relations ? { relations: body.replica.relations } : {}),
  };
}

/** Splits the entry in the outbox; false when it cannot be split (it then fails as any other refusal). */
export async function splitEntry(deps: SyncDeps, entry: OutboxEntry, limit: LimitName, max: number): Promise<boolean> {
  if (entry.kind !== 'replica') return false;
  const body = entry.body as ReplicaBody;
  const pieces = piecesFor(body, limit, max);
  if (!pieces) return false;
  const rest = pieces.length - 1;
  // New seqs for the other pieces, taken from the pair's counter like any new message.
  const pair = await updatePair(deps.store, toConnectionId(entry.connectionId), toPairId(entry.pairId), (p) => ({ ...p, lastSentSeq: p.lastSentSeq + rest }));
  if (!pair) return false;
  const now = deps.clock.now();
  const first = pair.lastSentSeq - rest + 1;
  for (let i = 1; i < pieces.length; i++) {
    const piece: ReplicaBody = { origin: body.origin, create: false, replica: withItems(body, pieces[i]!, false), clocks: {} };
    await deps.outbox.enqueue({ ...entry, id: deps.ids.newId(), seq: first + i - 1, body: piece, createdAt: now, attempts: 0, nextTryAt: now + i * PIECE_GAP_MS, lastError: null });
  }
  await deps.outbox.update({ ...entry, body: { ...body, replica: withItems(body, pieces[0]!, true) }, nextTryAt: now, lastError: `split into ${pieces.length} messages for the partner's ${limit} limit of ${max}` });
  return true;
}
