// Attachments leave once, within the rule's size cap and type allowlist; anything held back is
// reported so an admin can see exactly what the partner does not get.
import type { PairRecord } from '../ledger/pair-record';
import type { AttachmentReplica } from '../replica/replica';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';

type Attachments = PairRecord['attachments'];
export type SkippedAttachment = { id: string; filename: string; reason: string };

export function mimeAllowed(mimeType: string, allow: readonly string[]): boolean {
  const [type] = mimeType.toLowerCase().split('/');
  return allow.some((a) => a.toLowerCase() === mimeType.toLowerCase() || a.toLowerCase() === `${type}/*`);
}

export function planOutgoingAttachments(snapshot: IssueSnapshot, rule: SharingRule, prior: Attachments): { send: AttachmentReplica[]; next: Attachments; skipped: SkippedAttachment[] } {
  const cfg = rule.outgoing.attachments;
  if (!cfg.enabled) return { send: [], next: prior, skipped: [] };
  const mirrors = new Set(Object.values(prior.mirrored).filter((v): v is string => v !== null));
  const send: AttachmentReplica[] = [];
  const skipped: SkippedAttachment[] = [];
  const sent = [...prior.sent];
  for (const a of snapshot.attachments) {
    if (mirrors.has(a.id) || sent.includes(a.id)) continue;
    if (a.size > cfg.maxBytes) skipped.push({ id: a.id, filename: a.filename, reason: `${a.size} bytes exceeds the ${cfg.maxBytes}-byte cap` });
    else if (!mimeAllowed(a.mimeType, cfg.mimeTypes)) skipped.push({ id: a.id, filename: a.filename, reason: `type ${a.mimeType} is not allowed` });
    else {
      send.push({ id: a.id, filename: a.filename, mimeType: a.mimeType, size: a.size, ref: a.ref });
      sent.push(a.id);
    }
  }
  return { send, next: { sent, mirrored: prior.mirrored }, skipped };
}
