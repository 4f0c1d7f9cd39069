// The partner applied (or had already applied) one of our messages: learn its issue id on the
// first ack, keep its rejections visible here too, log what left, and close the entry.
import { partnerIssueId, type ConnectionId, type PairId } from '../ids';
import type { OutboxEntry } from '../ports/outbox';
import type { AuditEntry } from '../ports/store';
import type { AckBody, ReplicaBody } from '../protocol/envelope';
import { bumpRev, revOf, type PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import type { SyncDeps } from './deps';
import { showPartnerLink } from './partner-link';
import { handleLocalChange } from './on-local-change';
import { resumeWaiting } from './outgoing-relations';
import { askToBringChildren } from './bring-children';
import { bodyForPartner, noteIgnoredFields } from './partner-reads';

const learns = (p: PairRecord, ack: AckBody) =>
  Boolean((!p.partnerIssueId && ack.issueId) || (ack.issueKey && p.partnerIssueKey !== ack.issueKey) || (ack.issueUrl && p.partnerIssueUrl !== ack.issueUrl));

/** What the ack teaches the pair, or null when it teaches nothing. */
function learnt(p: PairRecord, ack: AckBody, settledSeq: number | undefined): PairRecord | null {
  const settles = settledSeq !== undefined && (p.settledSeq ?? 0) < settledSeq;
  if (!learns(p, ack) && !settles) return null;
  return {
    ...p,
    partnerIssueId: p.partnerIssueId ?? (ack.issueId ? partnerIssueId(ack.issueId) : null),
    ...(ack.issueKey ? { partnerIssueKey: ack.issueKey } : {}),
    ...(ack.issueUrl ? { partnerIssueUrl: ack.issueUrl } : {}),
    ...(settles ? { settledSeq } : {}),
  };
}

async function auditOf(deps: SyncDeps, connectionId: ConnectionId, ack: AckBody, entry: OutboxEntry | undefined, now: number): Promise<AuditEntry | undefined> {
  if (ack.status === 'duplicate' || entry?.kind !== 'replica') return undefined;
  const planned = entry.body as ReplicaBody;
  // What went, not what was planned: an older partner was sent only what it reads (send-outbox-entry.ts).
  // The connection comes from the route the send read, at no cost.
  const partner = await deps.config.getConnection(connectionId);
  const body = partner ? bodyForPartner(planned, partner) : planned;
  const fields = Object.keys(body.replica.fields);
  const heldBack = [...Object.keys(planned.replica.fields).filter((k) => !(k in body.replica.fields)), ...(planned.replica.serviceDesk && !body.replica.serviceDesk ? ['service desk'] : [])];
  // Mirror latency seen from the sender: the source write → the partner's ack of its write. Without
  // it a site that only sends had no latency samples at all (KPIs showed "—" despite traffic).
  const sourceTimes = [...Object.values(body.replica.fields).map((f) => f?.ts ?? 0), ...body.replica.comments.map((c) => c.ts ?? 0)].filter((t) => t > 0);
  const latencyMs = ack.status === 'applied' && sourceTimes.length > 0 ? Math.max(0, now - Math.max(...sourceTimes)) : undefined;
  return {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    id: deps.ids.newId(), at: now, connectionId, actor: 'sync', action: 'fields-sent', subject: body.origin.issueKey,
    detail: [fields.length ? `fields: ${fields.join(', ')}` : '', body.replica.comments.length ? `comments: ${body.replica.comments.length}` : '', body.replica.attachments.length ? `attachments: ${body.replica.attachments.length}` : '', heldBack.length ? `held back (the partner's version does not read them): ${heldBack.join(', ')}` : '', ack.dropped.length ? `dropped by partner: ${ack.dropped.map((d) => d.field).join(', ')}` : '']
      .filter(Boolean).join('; '),
  };
}

/** Whether any rule of the connection sends parents or links (outgoing-relations.ts makes waits only then). */
async function sendsRelations(deps: SyncDeps, connectionId: ConnectionId): Promise<boolean> {
  return (await deps.config.currentRules(connectionId)).some((r) => r.outgoing.relations.hierarchy || r.outgoing.relations.links);
}

/**
 * `entry`: the outbox entry this ack answers (absent for an ack that came as its own message);
 * it is removed here. `known`: the pair as this invocation last wrote it, which saves reading it.
 */
export async function handleAck(deps: SyncDeps, connectionId: ConnectionId, pairId: PairId, ack: AckBody, entry?: OutboxEntry, known?: PairRecord): Promise<void> {
  const now = deps.clock.now();
  const pair = known ?? (await deps.store.getPair(connectionId, pairId));
  const audit = await auditOf(deps, connectionId, ack, entry, now);
  const next = pair ? learnt(pair, ack, entry?.seq) : null;
  // First news of the partner issue: show it on ours. Before the pair learns the partner issue: an
  // invocation that dies in between leaves the entry to be sent again, and the partner's repeated
  // ack links again (the link is written by its global id, so twice is once). The other way round,
  // a pair that had learnt the issue never got its link.
  if (pair && !pair.partnerIssueId && pair.localIssueId && ack.issueKey) {
    const linkError = await showPartnerLink(deps, connectionId, pair.localIssueId, { pairId, url: ack.issueUrl, title: ack.issueKey, ...(ack.issueId ? { partnerIssueId: ack.issueId } : {}) });
    if (linkError) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId, pairId, ...linkError });
  }
  // One transaction closes the delivery where the outbox can: entry gone, pair taught, audit logged.
  const attempt = Boolean(entry && pair && next && deps.outbox.settle);
  const settled = attempt && (await deps.outbox.settle!({ entryId: entry!.id, pair: { record: bumpRev(next!, pair), expectedRev: revOf(pair) }, ...(audit ? { audit } : {}) }));
  if (!settled) {
    // Otherwise the pair write carries the audit entry; a pair that moved meanwhile (a failed
    // settle, or a lost conditional write) is read again and the lesson applied to what is there.
    let logged = false;
    if (pair && next) {
      logged = !attempt && (await deps.store.putPairIf(bumpRev(next, pair), revOf(pair), audit ? { audit } : undefined));
      if (!logged) await updatePair(deps.store, connectionId, pairId, (p) => learnt(p, ack, entry?.seq));
    }
    if (audit && !logged) await deps.store.appendAudit(audit);
    if (entry) await deps.outbox.remove(entry.id);
  }
  // Issues that named this one (a child, a link) waited for it to reach the partner. Only a rule
  // that sends parents or links makes anything wait, so without one no wait is looked up (the
  // connection's rules come with the route this invocation read: no storage read).
  if (pair && !pair.partnerIssueId && pair.localIssueId && ack.issueId && (await sendsRelations(deps, connectionId))) {
    // A waiting issue passed its scope when it was planned (a wait is noted only then), a manual
    // start included: it goes on as started, on this connection.
    await resumeWaiting(deps, connectionId, pair.localIssueId, (id) => handleLocalChange(deps, { issueId: id, manualStart: true, only: connectionId }));
  }
  // Its children come along now if the rule brings them (bring-children.ts).
  if (pair && !pair.partnerIssueId && pair.localIssueId && ack.issueId && deps.bring && entry?.kind === 'replica') await askToBringChildren(deps, connectionId, (entry.body as ReplicaBody).origin.projectKey, pair.localIssueId);
  if (ack.status === 'duplicate') return;
  // The partner's version dropped keys it does not know: stop sending them (partner-reads.ts).
  await noteIgnoredFields(deps, connectionId, ack.dropped);
  for (const e of ack.errors) {
    await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId, pairId, field: `partner:${e.field}`, value: e.value, reason: e.reason });
  }
}
