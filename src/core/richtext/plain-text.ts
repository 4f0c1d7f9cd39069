// Plain-text rendering for targets that take no markup (ServiceNow short fields, notifications,
// length checks). Structure survives as indentation, bullets and pipes.
import type { Block, Inline, RichDoc } from './model';

function inlineText(inlines: Inline[]): string {
  return inlines
    .map((n) => {
      if (n.type === 'hardBreak') return '\n';
      if (n.type === 'degraded') return n.text;
      const link = n.marks?.find((m) => m.type === 'link');
      return link && link.type === 'link' && link.href !== n.text ? `${n.text} (${link.href})` : n.text;
    })
    .join('');
}

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? prefix + line : ' '.repeat(prefix.length) + line))
    .join('\n');

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'bulletList':
      return block.items.map((item) => indent(blocksText(item, '\n'), '- ')).join('\n');
    case 'orderedList': {
      const start = block.start ?? 1;
      return block.items.map((item, i) => indent(blocksText(item, '\n'), `${start + i}. `)).join('\n');
    }
    case 'codeBlock':
      return block.text;
    case 'blockquote':
      return blocksText(block.content, '\n').split('\n').map((l) => `> ${l}`).join('\n');
    case 'table':
      return block.rows.map((row) => `| ${row.cells.map((c) => blocksText(c.content, ' ').replace(/\n/g, ' ')).join(' | ')} |`).join('\n');
    case 'rule':
      return '---';
  }
}

function blocksText(blocks: Block[], separator: string): string {
  return blocks.map(blockText).join(separator);
}

export function toPlainText(doc: RichDoc): string {
  return blocksText(doc.content, '\n\n');
}
