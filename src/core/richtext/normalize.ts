// Canonical form of a rich-text tree: converters on either side may split text runs differently
// or order marks differently; the hash must not see that, or every round trip would look like an
// edit and echo back.
import { hashOf } from '../hash';
import type { Block, Inline, Mark, RichDoc } from './model';

const markOrder = ['strong', 'em', 'code', 'strike', 'link'];

function normalizeMarks(marks: Mark[] | undefined): Mark[] | undefined {
  if (!marks || marks.length === 0) return undefined;
  const unique = new Map<string, Mark>();
  for (const m of marks) unique.set(m.type === 'link' ? `link:${m.href}` : m.type, m);
  return [...unique.values()].sort((a, b) => markOrder.indexOf(a.type) - markOrder.indexOf(b.type) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function normalizeInlines(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type !== 'text') {
      out.push(node.type === 'degraded' ? { type: 'degraded', text: node.text, origin: node.origin } : { type: 'hardBreak' });
      continue;
    }
    if (node.text.length === 0) continue;
    const marks = normalizeMarks(node.marks);
    const prev = out[out.length - 1];
    if (prev && prev.type === 'text' && JSON.stringify(prev.marks) === JSON.stringify(marks)) {
      out[out.length - 1] = { ...prev, text: prev.text + node.text };
    } else {
      out.push(marks ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    }
  }
  return out;
}

function normalizeBlock(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', content: normalizeInlines(block.content) };
    case 'heading':
      return { type: 'heading', level: block.level, content: normalizeInlines(block.content) };
    case 'bulletList':
      return { type: 'bulletList', items: block.items.map((item) => item.map(normalizeBlock)) };
    case 'orderedList': {
      const items = block.items.map((item) => item.map(normalizeBlock));
      return block.start !== undefined && block.start !== 1 ? { type: 'orderedList', start: block.start, items } : { type: 'orderedList', items };
    }
    case 'codeBlock':
      return block.language ? { type: 'codeBlock', language: block.language, text: block.text } : { type: 'codeBlock', text: block.text };
    case 'blockquote':
      return { type: 'blockquote', content: block.content.map(normalizeBlock) };
    case 'table':
      return {
        type: 'table',
        rows: block.rows.map((row) => ({
          cells: row.cells.map((cell) => (cell.header ? { header: true, content: cell.content.map(normalizeBlock) } : { content: cell.content.map(normalizeBlock) })),
        })),
      };
    case 'rule':
      return { type: 'rule' };
  }
}

export function normalizeDoc(doc: RichDoc): RichDoc {
  // A trailing empty paragraph is an editor artefact (ADF adds one, HTML editors a <p><br></p>).
  const content = doc.content.map(normalizeBlock);
  while (content.length > 0) {
    const last = content[content.length - 1]!;
    if (last.type === 'paragraph' && last.content.length === 0) content.pop();
    else break;
  }
  return { type: 'doc', content };
}

export const hashDoc = (doc: RichDoc): string => hashOf(normalizeDoc(doc));
