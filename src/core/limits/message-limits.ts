// The per-message limits, checked on a verified replica before any work: pure and cheap, so a
// message over them costs the receiver nothing but this check.
import type { Replica } from '../replica/replica';
import type { ConnectionLimits, LimitBreach } from './limits';

export function checkMessage(replica: Pick<Replica, 'comments' | 'attachments' | 'worklogs'>, rawBytes: number, limits: ConnectionLimits): LimitBreach | null {
  if (rawBytes > limits.messageBytes) return { limit: 'messageBytes', max: limits.messageBytes, actual: rawBytes };
  if (replica.comments.length > limits.commentsPerMessage) return { limit: 'commentsPerMessage', max: limits.commentsPerMessage, actual: replica.comments.length };
  if (replica.attachments.length > limits.attachmentsPerMessage) return { limit: 'attachmentsPerMessage', max: limits.attachmentsPerMessage, actual: replica.attachments.length };
  const worklogs = replica.worklogs?.length ?? 0;
  if (worklogs > limits.worklogsPerMessage) return { limit: 'worklogsPerMessage', max: limits.worklogsPerMessage, actual: worklogs };
  return null;
}
