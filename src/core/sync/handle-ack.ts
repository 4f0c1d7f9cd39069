// The partner applied (or had already applied) one of our messages: learn its issue id on the
// first ack, keep its rejections visible here too, and log what left.
import { partnerIssueId, type ConnectionId, type PairId } from '../ids';
import type { OutboxEntry } from '../ports/outbox';
import type { AckBody, ReplicaBody } from '../protocol/envelope';
import type { PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import type { SyncDeps } from './deps';
import { showPartnerLink } from './partner-link';

export async function handleAck(deps: SyncDeps, connectionId: ConnectionId, pairId: PairId, ack: AckBody, entry?: OutboxEntry): Promise<void> {
  const now = deps.clock.now();
  const pair = await deps.store.getPair(pairId);
  const learns = (p: PairRecord) => (!p.partnerIssueId && ack.issueId) || (ack.issueKey && p.partnerIssueKey !== ack.issueKey) || (ack.issueUrl && p.partnerIssueUrl !== ack.issueUrl);
  if (pair && learns(pair)) {
    await updatePair(deps.store, pairId, (p) => (learns(p) ? { ...p, partnerIssueId: p.partnerIssueId ?? (ack.issueId ? partnerIssueId(ack.issueId) : null), ...(ack.issueKey ? { partnerIssueKey: ack.issueKey } : {}), ...(ack.issueUrl ? { partnerIssueUrl: ack.issueUrl } : {}) } : null), pair);
    // First news of the partner issue: show it on ours.
    if (!pair.partnerIssueId && pair.localIssueId && ack.issueKey) {
      const linkError = await showPartnerLink(deps.tracker, pair.localIssueId, { pairId, url: ack.issueUrl, title: ack.issueKey });
      if (linkError) await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId, pairId, ...linkError });
    }
  }
  if (ack.status === 'duplicate') return;
  for (const e of ack.errors) {
    await deps.store.addError({ id: deps.ids.newId(), at: now, connectionId, pairId, field: `partner:${e.field}`, value: e.value, reason: e.reason });
  }
  if (entry?.kind === 'replica') {
    const body = entry.body as ReplicaBody;
    const fields = Object.keys(body.replica.fields);
    await deps.store.appendAudit({
      id: deps.ids.newId(), at: now, connectionId, actor: 'sync', action: 'fields-sent', subject: body.origin.issueKey,
      detail: [fields.length ? `fields: ${fields.join(', ')}` : '', body.replica.comments.length ? `comments: ${body.replica.comments.length}` : '', body.replica.attachments.length ? `attachments: ${body.replica.attachments.length}` : '', ack.dropped.length ? `dropped by partner: ${ack.dropped.map((d) => d.field).join(', ')}` : '']
        .filter(Boolean).join('; '),
    });
  }
}
