// The core's neutral rich text → HTML that ServiceNow shows (HTML fields, `[code]` journal entries)
// and that html-to-rich reads back to the same document. Whitespace HTML would collapse (runs,
// spaces at the edges of a text, tabs and line feeds) is written as character references so it
// survives; links with a scheme that could run code are written as their text only.
import type { Block, Inline, Mark, RichDoc } from '../../../core/richtext/model';
import { escapeAttr, escapeText } from './entities';
import { DEGRADED_ATTR, safeHref } from './inline-run';

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * Text content with every space a browser would fold away written as a reference. A space at an
 * edge may stay literal when the neighbouring text continues without whitespace (`a <b>b</b>`).
 */
export function encodeText(s: string, edges: { start?: boolean; end?: boolean } = {}): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ' ') {
      const folds = (i === 0 && !edges.start) || (i === s.length - 1 && !edges.end) || isWs(s[i - 1]) || isWs(s[i + 1]);
      out += folds ? '&#32;' : ' ';
    } else if (isWs(c)) out += `&#${c.charCodeAt(0)};`;
    else if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else out += c;
  }
  return out;
}

function wrap(html: string, mark: Mark): string {
  switch (mark.type) {
    case 'strong': return `<strong>${html}</strong>`;
    case 'em': return `<em>${html}</em>`;
    case 'code': return `<code>${html}</code>`;
    case 'strike': return `<s>${html}</s>`;
    case 'link': {
      const href = safeHref(mark.href);
      return href ? `<a href="${escapeAttr(href)}">${html}</a>` : html;
    }
  }
}

/** A neighbour that lets an edge space stay literal: text going on without whitespace. */
const solid = (n: Inline | undefined, at: 'first' | 'last'): boolean =>
  n !== undefined && n.type === 'text' && n.text.length > 0 && !isWs(at === 'first' ? n.text[0] : n.text[n.text.length - 1]);

function inlineHtml(n: Inline, i: number, list: Inline[]): string {
  if (n.type === 'hardBreak') return '<br>';
  if (n.type === 'degraded') return `<span ${DEGRADED_ATTR}="${n.origin}">${encodeText(n.text)}</span>`;
  const text = encodeText(n.text, { start: solid(list[i - 1], 'last'), end: solid(list[i + 1], 'first') });
  return [...(n.marks ?? [])].reverse().reduce(wrap, text);
}

const inlines = (list: Inline[]): string => list.map(inlineHtml).join('');
const blocks = (list: Block[]): string => list.map(blockHtml).join('');

function codeBlock(b: Extract<Block, { type: 'codeBlock' }>): string {
  const lang = b.language ? (/^[A-Za-z0-9_#+.-]+$/.test(b.language) ? ` class="language-${b.language}"` : ` data-language="${escapeAttr(b.language)}"`) : '';
  // A carriage return is written as a reference: line-ending normalisation on the way must not eat it.
  return `<pre><code${lang}>${escapeText(b.text).replace(/\r/g, '&#13;')}</code></pre>`;
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'paragraph': return `<p>${inlines(b.content)}</p>`;
    case 'heading': return `<h${b.level}>${inlines(b.content)}</h${b.level}>`;
    case 'bulletList': return `<ul>${b.items.map((item) => `<li>${blocks(item)}</li>`).join('')}</ul>`;
    case 'orderedList': {
      const start = b.start !== undefined && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<ol${start}>${b.items.map((item) => `<li>${blocks(item)}</li>`).join('')}</ol>`;
    }
    case 'codeBlock': return codeBlock(b);
    case 'blockquote': return `<blockquote>${blocks(b.content)}</blockquote>`;
    case 'table': {
      const rows = b.rows.map((row) => `<tr>${row.cells.map((c) => (c.header ? `<th>${blocks(c.content)}</th>` : `<td>${blocks(c.content)}</td>`)).join('')}</tr>`);
      return `<table><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'rule': return '<hr>';
  }
}

export function richDocToHtml(doc: RichDoc): string {
  return blocks(doc.content);
}
