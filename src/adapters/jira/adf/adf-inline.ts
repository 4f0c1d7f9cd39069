// ADF inline nodes → rich-text inlines. Marks the neutral model has no room for (underline,
// colours, sub/sup) are dropped, the text stays; nodes that only make sense inside Atlassian
// (mentions, emoji, status lozenges, dates, smart links, inline media) become `degraded` text.
import type { DegradedOrigin, Inline, Mark } from '../../../core/richtext/model';
import { safeLinkHref } from '../../../core/richtext/safe-link';
import { attr, childrenOf, stringAttr, type AdfNode } from './adf-node';

function markOf(raw: unknown): Mark | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as { type?: unknown; attrs?: { href?: unknown } };
  switch (m.type) {
    case 'strong':
    case 'em':
    case 'code':
    case 'strike':
      return { type: m.type };
    case 'link': {
      // A link to anything but http, https or mailto leaves Jira as its text only.
      const href = typeof m.attrs?.href === 'string' ? safeLinkHref(m.attrs.href) : null;
      return href ? { type: 'link', href } : null;
    }
    default:
      return null;
  }
}

const degraded = (text: string, origin: DegradedOrigin): Inline[] => (text.length > 0 ? [{ type: 'degraded', text, origin }] : []);

function dateText(node: AdfNode): string {
  const raw = attr(node, 'timestamp');
  const ms = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

export function inlineOf(node: AdfNode): Inline[] {
  switch (node.type) {
    case 'text': {
      if (typeof node.text !== 'string' || node.text.length === 0) return [];
      const marks = (node.marks ?? []).map(markOf).filter((m): m is Mark => m !== null);
      return [marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text }];
    }
    case 'hardBreak':
      return [{ type: 'hardBreak' }];
    case 'mention': {
      const text = stringAttr(node, 'text') ?? '@user';
      return degraded(text.startsWith('@') ? text : `@${text}`, 'mention');
    }
    case 'emoji':
      return degraded(stringAttr(node, 'text') ?? stringAttr(node, 'shortName') ?? '', 'emoji');
    case 'status':
      return degraded(stringAttr(node, 'text') ?? '', 'status');
    case 'date':
      return degraded(dateText(node), 'date');
    case 'inlineCard':
      return degraded(stringAttr(node, 'url') ?? '', 'card');
    case 'mediaInline':
      return degraded(`[attachment${stringAttr(node, 'alt') ? `: ${stringAttr(node, 'alt')}` : ''}]`, 'media');
    case 'placeholder':
      return [];
    default: {
      // An inline node this adapter does not know: keep whatever text it carries.
      const text = typeof node.text === 'string' ? node.text : (stringAttr(node, 'text') ?? childrenOf(node).map(plainText).join(''));
      return degraded(text, 'unknown');
    }
  }
}

export function inlinesOf(nodes: AdfNode[]): Inline[] {
  return nodes.flatMap(inlineOf);
}

/** Text of a subtree, for nodes flattened into one string (code blocks, unknown inlines). */
export function plainText(node: AdfNode): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
  if (node.type === 'hardBreak') return '\n';
  return childrenOf(node).map(plainText).join('');
}
