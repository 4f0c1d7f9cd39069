// Which comments leave: public ones (internal only if the rule says so), never the copies we made
// of the partner's comments, and deletions of ones we sent earlier.
import { hashOf } from '../hash';
import type { PairRecord } from '../ledger/pair-record';
import type { CommentReplica } from '../replica/replica';
import type { IssueSnapshot, SnapshotComment } from '../replica/snapshot';
import { emptyDoc } from '../richtext/model';
import { normalizeDoc } from '../richtext/normalize';
import type { SharingRule } from '../rules/schema';

type Comments = PairRecord['comments'];

/** The hash covers what the partner sees: body and visibility. */
export const commentHash = (c: Pick<SnapshotComment, 'body' | 'internal'>): string => hashOf({ body: normalizeDoc(c.body), internal: c.internal });

export function planOutgoingComments(snapshot: IssueSnapshot, rule: SharingRule, prior: Comments, now: number): { send: CommentReplica[]; next: Comments } {
  const cfg = rule.outgoing.comments;
  if (!cfg.enabled) return { send: [], next: prior };
  const mirrorIds = new Set<string>();
  const inFlightHashes = new Set<string>();
  for (const m of Object.values(prior.mirrored)) {
    if (m.localId) mirrorIds.add(m.localId);
    else if (!m.deleted) inFlightHashes.add(m.hash);
  }
  const send: CommentReplica[] = [];
  const sent = { ...prior.sent };
  const present = new Set<string>();
  for (const c of snapshot.comments) {
    present.add(c.id);
    if (mirrorIds.has(c.id) || (c.internal && !cfg.includeInternal)) continue;
    const hash = commentHash(c);
    if (!(c.id in sent) && inFlightHashes.has(hash)) continue;
    if (sent[c.id]?.hash === hash) continue;
    const author = rule.outgoing.userPrivacy === 'displayNameAndEmail' && c.author.email ? c.author : { displayName: c.author.displayName };
    send.push({ id: c.id, body: c.body, internal: c.internal, author, ts: c.updatedAt, hash });
    sent[c.id] = { hash };
  }
  for (const id of Object.keys(prior.sent)) {
    if (present.has(id)) continue;
    send.push({ id, body: emptyDoc(), internal: false, author: { displayName: '' }, ts: now, hash: hashOf({ deleted: id }), deleted: true });
    delete sent[id];
  }
  return { send, next: { sent, mirrored: prior.mirrored } };
}
