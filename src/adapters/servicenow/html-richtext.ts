// ServiceNow text ⇄ the core's rich text. Three forms meet here: HTML fields, plain multi-line text
// fields (incident's description), and journal entries (comments, work notes), which are plain text
// where `[code]…[/code]` marks a stretch of HTML (ServiceNow renders it when the instance property
// glide.ui.security.allow_codetag is on, its default).
import { docFromPlainText, type RichDoc } from '../../core/richtext/model';
import { hashDoc } from '../../core/richtext/normalize';
import { toPlainText } from '../../core/richtext/plain-text';
import { htmlToRichDoc } from './html/html-to-rich';
import { encodeText, richDocToHtml } from './html/rich-to-html';

/** Any HTML, however broken, reads as a document; it never throws. */
export function htmlToRich(html: string): RichDoc {
  return htmlToRichDoc(typeof html === 'string' ? html : '');
}

export function richToHtml(doc: RichDoc): string {
  return richDocToHtml(doc);
}

/** A plain text field: blank lines separate paragraphs, single line breaks stay line breaks. */
export function plainToRich(text: string): RichDoc {
  return docFromPlainText(text.replace(/\r\n?/g, '\n'));
}

/** Plain text for a field that takes no markup; structure survives as bullets, indents and pipes. */
export const richToPlain = (doc: RichDoc): string => toPlainText(doc);

const CODE = /\[code\]([\s\S]*?)\[\/code\]/gi;
const HAS_CODE = /\[code\][\s\S]*?\[\/code\]/i;
const HAS_CODE_TAG = /\[\/?code\]/i;
const CODE_TAG = /\[(\/?code\])/gi;

/** A journal entry's value → rich text: plain stretches as text, `[code]` stretches as HTML. */
export function journalToRich(value: string): RichDoc {
  const text = value;
  if (!HAS_CODE.test(text)) return plainToRich(text);
  // One HTML document: plain stretches keep their line breaks as <br>.
  let html = '';
  let at = 0;
  for (const m of text.matchAll(CODE)) {
    html += plainHtml(text.slice(at, m.index));
    html += m[1];
    at = m.index + m[0].length;
  }
  html += plainHtml(text.slice(at));
  return htmlToRich(html);
}

function plainHtml(segment: string): string {
  // The line breaks that set a [code] stretch apart from the text around it are layout.
  const text = segment.replace(/\r\n?/g, '\n').replace(/^\n+|\n+$/g, '');
  if (text.trim().length === 0) return '';
  return text.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map((line) => encodeText(line)).join('<br>')}</p>`).join('');
}

/**
 * Rich text → a journal entry's value. Plain text when that loses nothing (most comments), else the
 * document as HTML inside `[code]…[/code]`, with any `[code]` the text itself contains neutralised.
 */
export function richToJournal(doc: RichDoc): string {
  const plain = toPlainText(doc);
  if (!HAS_CODE_TAG.test(plain) && hashDoc(plainToRich(plain)) === hashDoc(doc)) return plain;
  return `[code]${richToHtml(doc).replace(CODE_TAG, '&#91;$1')}[/code]`;
}
