// The inline side of HTML → rich text: which tags carry which marks, which links are safe to keep,
// and HTML's whitespace rule (runs of literal whitespace collapse to one space; none at the start
// or end of a block or around a line break). Whitespace written as a character reference
// (`&#32;`, `&#10;`) is content, not layout, so the collapse runs before references are decoded —
// which is what lets rich-to-html keep every space and line feed of the original text.
import type { DegradedOrigin, Inline, Mark } from '../../../core/richtext/model';
import { safeLinkHref } from '../../../core/richtext/safe-link';
import { decodeEntities } from './entities';

export type InlineItem =
  | { kind: 'text'; raw: string; marks: Mark[] }
  | { kind: 'break' }
  | { kind: 'degraded'; text: string; origin: DegradedOrigin };

export const DEGRADED_ATTR = 'data-liaison-origin';
export const DEGRADED_ORIGINS: readonly DegradedOrigin[] = ['mention', 'emoji', 'status', 'date', 'card', 'media', 'unknown'];

/** The href, or null for anything but an absolute http, https or mailto link (the one rule of core/richtext/safe-link.ts). */
export const safeHref = (href: string | undefined): string | null => safeLinkHref(href);

function styleMarks(style: string | undefined): Mark[] {
  if (!style) return [];
  const s = style.toLowerCase();
  const marks: Mark[] = [];
  if (/font-weight\s*:\s*(bold|bolder|[6-9]00)/.test(s)) marks.push({ type: 'strong' });
  if (/font-style\s*:\s*(italic|oblique)/.test(s)) marks.push({ type: 'em' });
  if (/text-decoration(-line)?\s*:[^;]*line-through/.test(s)) marks.push({ type: 'strike' });
  return marks;
}

/** The marks an inline tag carries; null for tags that are not mark containers. */
export function marksOf(name: string, attrs: Record<string, string>): Mark[] | null {
  switch (name) {
    case 'strong': case 'b': return [{ type: 'strong' }];
    case 'em': case 'i': case 'cite': case 'dfn': case 'var': return [{ type: 'em' }];
    case 'code': case 'tt': case 'kbd': case 'samp': return [{ type: 'code' }];
    case 's': case 'strike': case 'del': return [{ type: 'strike' }];
    case 'a': {
      const href = safeHref(attrs.href);
      return href ? [{ type: 'link', href }] : [];
    }
    case 'span': case 'font': return styleMarks(attrs.style);
    default: return null;
  }
}

const WS = /[ \t\n\r\f]+/g;

/** Collapse, trim at block edges and around breaks, decode: the inlines of one block. */
export function finishInlines(items: InlineItem[]): Inline[] {
  const runs = items.map((it) => (it.kind === 'text' ? { ...it, raw: it.raw.replace(WS, ' ') } : it));
  let lineStart = true;
  let lastText: { raw: string } | null = null;
  const endLine = () => {
    if (lastText && lastText.raw.endsWith(' ')) lastText.raw = lastText.raw.slice(0, -1);
    lastText = null;
  };
  for (const it of runs) {
    if (it.kind === 'break') {
      endLine();
      lineStart = true;
    } else if (it.kind === 'degraded') {
      lastText = null;
      lineStart = false;
    } else {
      if ((lineStart || (lastText?.raw.endsWith(' ') ?? false)) && it.raw.startsWith(' ')) it.raw = it.raw.slice(1);
      if (it.raw.length > 0) {
        lastText = it;
        lineStart = false;
      }
    }
  }
  endLine();
  const out: Inline[] = [];
  for (const it of runs) {
    if (it.kind === 'break') out.push({ type: 'hardBreak' });
    else if (it.kind === 'degraded') out.push({ type: 'degraded', text: it.text, origin: it.origin });
    else {
      const text = decodeEntities(it.raw);
      if (text.length > 0) out.push(it.marks.length > 0 ? { type: 'text', text, marks: it.marks } : { type: 'text', text });
    }
  }
  return out;
}

/** Text captured inside a degraded span: collapsed and decoded, never trimmed. */
export const degradedText = (raw: string): string => decodeEntities(raw.replace(WS, ' '));
