// Text longer than the local tracker takes is cut, with a marker a reader sees, rather than
// refused: a refused summary blocks the whole create, a refused comment leaves a hole in the
// conversation, while a cut one still carries most of what was said and says where the rest is
// (the partner's issue). The apply also records an error naming the field, so it is never silent.
import { toPlainText } from '../richtext/plain-text';
import type { Block, RichDoc } from '../richtext/model';

export const TRUNCATED_MARK = '…';

/** The marker paragraph closing a cut rich text. */
export const truncationNotice = (shown: number, total: number): string =>
  `[… cut by Liaison: ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters shown; the full text is on the partner's issue]`;

/** `text` within `max` characters, ending in "…" when cut; the same string when it fits. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: an unpaired half is not valid text for Jira.
  let cut = max - TRUNCATED_MARK.length;
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + TRUNCATED_MARK;
}

function cutBlocks(blocks: Block[], budget: number): Block[] {
  const kept: Block[] = [];
  let used = 0;
  for (const block of blocks) {
    const text = toPlainText({ type: 'doc', content: [block] });
    const sep = kept.length > 0 ? 2 : 0;
    if (used + sep + text.length <= budget) {
      kept.push(block);
      used += sep + text.length;
      continue;
    }
    // The block that does not fit: its text (structure dropped), cut to what is left.
    const room = budget - used - sep;
    if (room > 0) kept.push({ type: 'paragraph', content: [{ type: 'text', text: truncateText(text, room) }] });
    break;
  }
  return kept;
}

/** `doc` within `max` characters of plain text (as value checks count them), with a closing notice when cut. */
export function truncateDoc(doc: RichDoc, max: number): RichDoc {
  const total = toPlainText(doc).length;
  if (total <= max) return doc;
  let budget = max - truncationNotice(max, total).length - 2;
  for (;;) {
    const content = cutBlocks(doc.content, Math.max(0, budget));
    const shown = toPlainText({ type: 'doc', content }).length;
    const out: RichDoc = { type: 'doc', content: [...content, { type: 'paragraph', content: [{ type: 'text', text: truncationNotice(shown, total) }] }] };
    if (toPlainText(out).length <= max || budget <= 0) return out;
    budget -= toPlainText(out).length - max;
  }
}
