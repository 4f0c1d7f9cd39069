// ADF (Jira's description and comment bodies) → the core's neutral rich text. Structure the model
// knows is kept; containers it does not (panels, expands, layouts, task and decision lists) are
// unwrapped so their text survives; media and cards become degraded text.
import type { Block, Inline, RichDoc } from '../../../core/richtext/model';
import { docFromPlainText } from '../../../core/richtext/model';
import { attr, childrenOf, isAdfNode, stringAttr, type AdfNode } from './adf-node';
import { inlinesOf, plainText } from './adf-inline';

const paragraph = (content: Inline[]): Block => ({ type: 'paragraph', content });

function headingLevel(node: AdfNode): 1 | 2 | 3 | 4 | 5 | 6 {
  const raw = attr(node, 'level');
  const n = typeof raw === 'number' ? Math.round(raw) : 1;
  return Math.min(6, Math.max(1, n)) as 1 | 2 | 3 | 4 | 5 | 6;
}

function listItems(node: AdfNode): Block[][] {
  return childrenOf(node).map((item) => {
    if (item.type === 'taskItem' || item.type === 'decisionItem') {
      const box = item.type === 'taskItem' ? (attr(item, 'state') === 'DONE' ? '[x] ' : '[ ] ') : '';
      const inlines = inlinesOf(childrenOf(item));
      return [paragraph(box ? [{ type: 'text', text: box }, ...inlines] : inlines)];
    }
    return blocksOf(childrenOf(item));
  });
}

function mediaText(node: AdfNode): string {
  const names = [node, ...childrenOf(node)].map((n) => stringAttr(n, 'alt')).filter((n): n is string => n !== undefined);
  return `[attachment${names.length > 0 ? `: ${names.join(', ')}` : ''}]`;
}

function blockOf(node: AdfNode): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [paragraph(inlinesOf(childrenOf(node)))];
    case 'heading':
      return [{ type: 'heading', level: headingLevel(node), content: inlinesOf(childrenOf(node)) }];
    case 'bulletList':
    case 'taskList':
    case 'decisionList':
      return [{ type: 'bulletList', items: listItems(node) }];
    case 'orderedList': {
      const order = attr(node, 'order');
      const items = listItems(node);
      return typeof order === 'number' && Number.isInteger(order) && order >= 0 && order !== 1 ? [{ type: 'orderedList', start: order, items }] : [{ type: 'orderedList', items }];
    }
    case 'codeBlock': {
      const language = stringAttr(node, 'language');
      const text = childrenOf(node).map(plainText).join('');
      return [language ? { type: 'codeBlock', language, text } : { type: 'codeBlock', text }];
    }
    case 'blockquote':
      return [{ type: 'blockquote', content: blocksOf(childrenOf(node)) }];
    case 'table':
      return [{
        type: 'table',
        rows: childrenOf(node).map((row) => ({
          cells: childrenOf(row).map((cell) => (cell.type === 'tableHeader' ? { header: true, content: blocksOf(childrenOf(cell)) } : { content: blocksOf(childrenOf(cell)) })),
        })),
      }];
    case 'rule':
      return [{ type: 'rule' }];
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return [paragraph([{ type: 'degraded', text: mediaText(node), origin: 'media' }])];
    case 'blockCard':
    case 'embedCard': {
      const url = stringAttr(node, 'url');
      return url ? [paragraph([{ type: 'degraded', text: url, origin: 'card' }])] : [];
    }
    case 'expand':
    case 'nestedExpand': {
      const title = stringAttr(node, 'title');
      const heading: Block[] = title ? [paragraph([{ type: 'text', text: title, marks: [{ type: 'strong' }] }])] : [];
      return [...heading, ...blocksOf(childrenOf(node))];
    }
    case 'extension':
    case 'inlineExtension': {
      const text = stringAttr(node, 'text') ?? stringAttr(node, 'extensionKey');
      return text ? [paragraph([{ type: 'degraded', text: `[${text}]`, origin: 'unknown' }])] : [];
    }
    default: {
      // Containers (panel, layoutSection, layoutColumn, bodiedExtension, and whatever comes next):
      // unwrap; a stray inline at block level becomes its own paragraph.
      const children = childrenOf(node);
      if (children.length > 0) return blocksOf(children);
      const inline = inlinesOf([node]);
      return inline.length > 0 ? [paragraph(inline)] : [];
    }
  }
}

function blocksOf(nodes: AdfNode[]): Block[] {
  return nodes.flatMap(blockOf);
}

/** `null`/absent is an empty document; a plain string (REST v2 style) is read as plain text. */
export function adfToRich(adf: unknown): RichDoc {
  if (adf === null || adf === undefined) return { type: 'doc', content: [] };
  if (typeof adf === 'string') return docFromPlainText(adf);
  if (!isAdfNode(adf) || adf.type !== 'doc') throw new TypeError(`adfToRich: expected an ADF document ({ type: "doc" }), got ${JSON.stringify(adf).slice(0, 80)}`);
  return { type: 'doc', content: blocksOf(childrenOf(adf)) };
}
