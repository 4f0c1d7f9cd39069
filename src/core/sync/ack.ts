// Build the signed ack that answers a pair-scoped message.
import type { LocalIssueId } from '../ids';
import type { PlanError } from '../planning/change-plan';
import { PROTOCOL_VERSION, type EnvelopeOf } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import type { SyncDeps } from './deps';

export function ackFor(
  deps: SyncDeps,
  env: EnvelopeOf<'replica'> | EnvelopeOf<'unlink'>,
  secret: string,
  status: 'applied' | 'duplicate',
  issueId: LocalIssueId | null,
  issueKey: string | null,
  errors: PlanError[],
  dropped: { field: string; reason: string }[],
  issueUrl?: string,
): string {
  return signEnvelope(
    {
      v: PROTOCOL_VERSION, connectionId: env.connectionId, messageId: deps.ids.newId(), pairId: env.pairId, seq: env.seq, sentAt: deps.clock.now(), kind: 'ack',
      body: { ackOf: env.messageId, status, issueId, issueKey, ...(issueUrl ? { issueUrl } : {}), errors: errors.slice(0, 200), dropped: dropped.slice(0, 200) },
    },
    secret,
  );
}
