// Incoming text longer than the local tracker stores (Jira: summary 255 characters, description
// and comments 32,767) is cut to fit with a visible marker (limits/truncate.ts explains why cut and
// not refused) and reported as an error naming the field, its length and the limit, so the cut is
// never silent. The value the ledger remembers is the cut one: that is what the tracker holds, so
// reading it back is not mistaken for a local edit.
import { truncateDoc, truncateText } from '../limits/truncate';
import type { FieldKey } from '../replica/field-key';
import type { ReplicaValue } from '../replica/value';
import { toPlainText } from '../richtext/plain-text';
import type { TrackerMetadata } from '../rules/metadata';
import type { ChangePlan } from './change-plan';
import type { Mapped } from './value-mapping';

const cutReason = (length: number, max: number) =>
  `is ${length.toLocaleString('en-US')} characters, the limit here is ${max.toLocaleString('en-US')}: cut to fit, marked as cut (the full text stays on the partner's issue)`;

/** `mapped`, cut to the local field's length when it is text over it; `report` hears why. */
export function fitToLocal(local: FieldKey, mapped: Mapped, meta: TrackerMetadata, report: (reason: string) => void): Mapped {
  if (!mapped.ok) return mapped;
  const c = meta.fields[local];
  const max = c && (c.kind === 'text' || c.kind === 'rich') ? c.maxLength : undefined;
  if (max === undefined) return mapped;
  const v: ReplicaValue = mapped.value;
  if (v.kind === 'text' && v.text.length > max) {
    report(cutReason(v.text.length, max));
    return { ok: true, value: { kind: 'text', text: truncateText(v.text, max) } };
  }
  if (v.kind === 'rich') {
    const length = toPlainText(v.doc).length;
    if (length <= max) return mapped;
    report(cutReason(length, max));
    return { ok: true, value: { kind: 'rich', doc: truncateDoc(v.doc, max) } };
  }
  return mapped;
}

/**
 * Room a mirrored comment keeps for the line naming its partner author, which trackers write above
 * the body ("<name> wrote:"; names are at most 255 characters).
 */
export const AUTHOR_LINE_ROOM = 270;

/** Comment bodies over the tracker's comment length (less the author line), cut the same way. */
export function fitComments(comments: ChangePlan['comments'], trackerMax: number | undefined, report: (comment: string, reason: string) => void): ChangePlan['comments'] {
  if (trackerMax === undefined) return comments;
  const max = trackerMax - AUTHOR_LINE_ROOM;
  const fit = <T extends { partnerId: string; body: ChangePlan['comments']['add'][number]['body'] }>(c: T): T => {
    const length = toPlainText(c.body).length;
    if (length <= max) return c;
    report(`comment ${c.partnerId}`, cutReason(length, trackerMax));
    return { ...c, body: truncateDoc(c.body, max) };
  };
  return { add: comments.add.map(fit), edit: comments.edit.map(fit), delete: comments.delete };
}
