// The core's neutral rich text → ADF that Jira accepts. ADF nests more strictly than the neutral
// model (no headings, quotes or tables inside list items, no tables inside tables, code marks only
// with links, at least one child in lists, quotes and cells), so content that would break those
// rules is flattened into what the place allows instead of being dropped. Degraded inlines
// (mentions, emoji, … from the partner) are written as plain text: the local site has no account
// or emoji id to point them at. Every document this produces validates against Atlassian's ADF
// JSON schema (see the unit tests).
import { safeLinkHref } from '../../../core/richtext/safe-link';
import {
  blockQuote, bulletList, codeBlock, doc, hardBreak, heading, listItem, orderedList, paragraph, rule, table, tableCell, tableHeader, tableRow, text,
} from '@atlaskit/adf-utils/builders';
import type { Block, Inline, Mark, RichDoc } from '../../../core/richtext/model';
import type { AdfDoc, AdfNode } from './adf-node';

type Place = 'root' | 'listItem' | 'blockquote' | 'cell';

// The builders are typed for hand-written documents; this converter builds them from data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function adfMarks(marks: Mark[] | undefined): AdfNode['marks'] {
  if (!marks || marks.length === 0) return undefined;
  // ADF allows `code` only next to `link` (code_inline_node); the other styles go.
  const hasCode = marks.some((m) => m.type === 'code');
  // A link to anything but http, https or mailto is written as its text only (whoever sent it).
  const safe = marks.filter((m) => m.type !== 'link' || safeLinkHref(m.href) !== null);
  const kept = hasCode ? safe.filter((m) => m.type === 'code' || m.type === 'link') : safe;
  const seen = new Set<string>();
  const out: { type: string; attrs?: { href: string } }[] = [];
  for (const m of kept) {
    if (seen.has(m.type)) continue; // one mark of each type per text node
    seen.add(m.type);
    out.push(m.type === 'link' ? { type: 'link', attrs: { href: m.href } } : { type: m.type });
  }
  return out;
}

function inlineNodes(inlines: Inline[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const n of inlines) {
    if (n.type === 'hardBreak') out.push(hardBreak() as AdfNode);
    else if (n.text.length > 0) {
      const node = text(n.text) as AdfNode;
      const marks = n.type === 'text' ? adfMarks(n.marks) : undefined;
      out.push(marks ? { ...node, marks } : node);
    }
  }
  return out;
}

const para = (inlines: Inline[]): AdfNode => (paragraph as Any)(...inlineNodes(inlines));
const textPara = (s: string): AdfNode => para([{ type: 'text', text: s }]);

function listItems(items: Block[][]): AdfNode[] {
  return items.map((item) => {
    const content = blocks(item, 'listItem');
    // Jira's editor wants a list item to open with a paragraph or code block.
    const first = content[0];
    if (!first || (first.type !== 'paragraph' && first.type !== 'codeBlock')) content.unshift(para([]));
    return (listItem as Any)(content);
  });
}

function cells(block: Extract<Block, { type: 'table' }>): AdfNode[] {
  return block.rows
    .filter((row) => row.cells.length > 0)
    .map((row) =>
      (tableRow as Any)(
        row.cells.map((cell) => {
          const content = blocks(cell.content, 'cell');
          if (content.length === 0) content.push(para([]));
          return ((cell.header ? tableHeader : tableCell) as Any)({})(...content);
        }),
      ),
    );
}

function block(b: Block, place: Place): AdfNode[] {
  switch (b.type) {
    case 'paragraph':
      return [para(b.content)];
    case 'heading':
      return place === 'listItem' || place === 'blockquote' ? [para(b.content)] : [(heading as Any)({ level: b.level })(...inlineNodes(b.content))];
    case 'bulletList':
      return b.items.length === 0 ? [] : [(bulletList as Any)(...listItems(b.items))];
    case 'orderedList':
      return b.items.length === 0 ? [] : [(orderedList as Any)(b.start !== undefined && b.start !== 1 ? { order: b.start } : undefined)(...listItems(b.items))];
    case 'codeBlock':
      return [(codeBlock as Any)(b.language ? { language: b.language } : undefined)(...(b.text.length > 0 ? [text(b.text)] : []))];
    case 'blockquote': {
      if (place === 'listItem' || place === 'blockquote') return blocks(b.content, place);
      const content = blocks(b.content, 'blockquote');
      return [(blockQuote as Any)(...(content.length > 0 ? content : [para([])]))];
    }
    case 'table': {
      if (place !== 'root') return b.rows.flatMap((row) => row.cells.flatMap((cell) => blocks(cell.content, place)));
      const rows = cells(b);
      return rows.length === 0 ? [] : [(table as Any)(...rows)];
    }
    case 'rule':
      return place === 'listItem' || place === 'blockquote' ? [textPara('---')] : [rule() as AdfNode];
  }
}

function blocks(list: Block[], place: Place): AdfNode[] {
  return list.flatMap((b) => block(b, place));
}

export function richToAdf(rich: RichDoc): AdfDoc {
  return (doc as Any)(...blocks(rich.content, 'root')) as AdfDoc;
}
