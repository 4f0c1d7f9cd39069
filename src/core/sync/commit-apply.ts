// After the tracker writes: clear pending markers, record what the tracker actually stored (so a
// lossy conversion is not mistaken for a local edit), link mirrored comments and attachments, and
// mark the message's sequence number applied.
import type { PairRecord } from '../ledger/pair-record';
import { markApplied } from '../ledger/seq-window';
import type { FieldKey } from '../replica/field-key';
import { hashValue } from '../replica/value';
import type { SharingRule } from '../rules/schema';
import { shareValue } from '../planning/value-mapping';
import type { ApplyResult } from './apply-plan';
import { settleServiceDesk } from './apply-service-desk';

export function commitApply(intent: PairRecord, before: PairRecord['fields'], result: ApplyResult, rule: SharingRule, seq: number): PairRecord {
  const fields = { ...intent.fields };
  for (const [k, state] of Object.entries(fields)) {
    const key = k as FieldKey;
    if (!state?.pending || !result.planned.has(key)) continue;
    if (result.failedFields.has(key)) {
      // The value never landed: forget this version, so it is neither echoed nor assumed applied.
      const prior = before[key];
      if (prior) fields[key] = prior;
      else delete fields[key];
      continue;
    }
    const stored = result.stored[key];
    const { pending: _pending, ...settled } = state;
    fields[key] = stored ? { ...settled, localHash: hashValue(shareValue(key, stored, rule)) } : settled;
  }
  const mirrored = { ...intent.comments.mirrored };
  for (const [partnerId, localId] of Object.entries(result.commentIds)) {
    const m = mirrored[partnerId];
    if (m) mirrored[partnerId] = { ...m, localId };
  }
  const attachments = { ...intent.attachments.mirrored, ...result.attachmentIds };
  const worklogs = intent.worklogs ? linkWorklogs(intent.worklogs, result.worklogIds) : undefined;
  const serviceDesk = settleServiceDesk(intent.serviceDesk, result.serviceDesk);
  return {
    ...intent,
    ...(worklogs ? { worklogs } : {}),
    ...(serviceDesk ? { serviceDesk } : {}),
    localIssueId: result.issueId,
    fields,
    comments: { ...intent.comments, mirrored },
    attachments: { ...intent.attachments, mirrored: attachments },
    applied: markApplied(intent.applied, seq),
  };
}

/** Partner worklogs whose local copy now exists get its id (the outgoing planner then skips that copy). */
export function linkWorklogs(worklogs: NonNullable<PairRecord['worklogs']>, added: Readonly<Record<string, string>>): NonNullable<PairRecord['worklogs']> {
  const mirrored = { ...worklogs.mirrored };
  for (const [partnerId, localId] of Object.entries(added)) {
    const m = mirrored[partnerId];
    if (m && !m.localId) mirrored[partnerId] = { ...m, localId };
  }
  return { ...worklogs, mirrored };
}
