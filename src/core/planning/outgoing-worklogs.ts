// Which worklogs leave: those logged here (never the copies we made of the partner's), each time
// its time, start or comment changes, and deletions of ones we sent earlier. Worklogs visible only
// to a group or role stay home, like internal comments. Who logged it follows userPrivacy.
// A worklog of no time (a tracker's running total, ServiceNow's time worked, before anyone worked)
// leaves only once the partner has a copy of it: then as an edit to zero, which removes the copy
// while keeping the id open for the time logged later (a delete would close it for good).
import { hashOf } from '../hash';
import type { PairRecord } from '../ledger/pair-record';
import type { IssueSnapshot } from '../replica/snapshot';
import { worklogHash, type WorklogReplica } from '../replica/worklog';
import { emptyDoc } from '../richtext/model';
import type { SharingRule } from '../rules/schema';

export type Worklogs = NonNullable<PairRecord['worklogs']>;
export const noWorklogs = (): Worklogs => ({ sent: {}, mirrored: {} });

export function planOutgoingWorklogs(snapshot: IssueSnapshot, rule: SharingRule, prior: Worklogs, now: number): { send: WorklogReplica[]; next: Worklogs } {
  // Not read (no rule asked for worklogs on this read): nothing can be concluded, least of all deletes.
  if (!rule.outgoing.worklogs.enabled || !snapshot.worklogs) return { send: [], next: prior };
  const mirrorIds = new Set<string>();
  const inFlight = new Set<string>();
  for (const m of Object.values(prior.mirrored)) {
    if (m.localId) mirrorIds.add(m.localId);
    else if (!m.deleted && !m.noCopy) inFlight.add(m.hash);
  }
  const send: WorklogReplica[] = [];
  const sent = { ...prior.sent };
  const present = new Set<string>();
  for (const w of snapshot.worklogs) {
    if (w.restricted) continue;
    present.add(w.id);
    if (mirrorIds.has(w.id)) continue;
    if (w.timeSpentSeconds === 0 && !(w.id in sent)) continue;
    const hash = worklogHash(w);
    // A partner worklog whose add is in flight shows up before its pair records the local id.
    if (!(w.id in sent) && inFlight.has(hash)) continue;
    if (sent[w.id]?.hash === hash) continue;
    const author = rule.outgoing.userPrivacy === 'displayNameAndEmail' && w.author.email ? w.author : { displayName: w.author.displayName };
    send.push({ id: w.id, timeSpentSeconds: w.timeSpentSeconds, started: w.started, comment: w.comment, author, ts: w.updatedAt, hash });
    sent[w.id] = { hash };
  }
  // Gone, or restricted since it was sent: either way the partner's copy goes.
  for (const id of Object.keys(prior.sent)) {
    if (present.has(id)) continue;
    send.push({ id, timeSpentSeconds: 0, started: new Date(0).toISOString(), comment: emptyDoc(), author: { displayName: '' }, ts: now, hash: hashOf({ deleted: id }), deleted: true });
    delete sent[id];
  }
  return { send, next: { sent, mirrored: prior.mirrored } };
}
