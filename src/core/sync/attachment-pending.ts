// A partner attachment stays pending on its pair until its upload is recorded. When its fetch or
// upload fails for now (the partner's endpoint down, Jira busy), the message is answered retryable
// and the pair shows one error for that file — one record per (pair, attachment), replaced on each
// failed try and removed once the file is uploaded — so the failure is visible and never "applied".
import type { PairRecord } from '../ledger/pair-record';
import type { EnvelopeOf } from '../protocol/envelope';
import { ApplyAborted } from './apply-plan';
import type { SyncDeps } from './deps';

export const attachmentErrorId = (pairId: string, attachmentId: string): string => `attachment:${pairId}:${attachmentId}`;

/** After a failed apply: uploads that landed are recorded; the others stay pending for the re-send. */
export function recordAddedAttachments(p: PairRecord, e: unknown): PairRecord {
  const added = e instanceof ApplyAborted ? e.addedAttachments : {};
  if (Object.keys(added).length === 0) return p;
  return { ...p, attachments: { ...p.attachments, mirrored: { ...p.attachments.mirrored, ...added } } };
}

/** Shows the attachment a transient failure stopped at on its pair (the reason never carries fetched content). */
export async function noteFailedAttachment(deps: SyncDeps, connectionId: string, env: EnvelopeOf<'replica'>, e: unknown, now: number): Promise<void> {
  if (!(e instanceof ApplyAborted) || !e.failedAttachment) return;
  const { id, filename } = e.failedAttachment;
  await deps.store.addError({
    id: attachmentErrorId(env.pairId, id), at: now, connectionId, pairId: env.pairId, field: 'attachments', value: filename,
    reason: `${e.message.slice(0, 500)} — not attached yet; tried again when the partner re-sends`,
  });
}

/** Once the message's attachments are uploaded (or found landed), their pending errors go. */
export async function clearAttachmentErrors(deps: SyncDeps, env: EnvelopeOf<'replica'>, committed: PairRecord): Promise<void> {
  for (const a of env.body.replica.attachments) {
    if (committed.attachments.mirrored[a.id]) await deps.store.removeError(attachmentErrorId(env.pairId, a.id));
  }
}
