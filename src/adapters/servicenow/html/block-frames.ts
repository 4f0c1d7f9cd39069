// The open blocks of html-to-rich's stack, and what each becomes when it closes: a paragraph or
// heading from its inlines, a list from its items, a table from its rows, and so on.
import type { Block, TableCell, TableRow } from '../../../core/richtext/model';
import { finishInlines, type InlineItem } from './inline-run';

/** `tag` is '' for blocks the builder opened itself (loose text, a bare <li>, a row-less <td>). */
export type Frame =
  | { kind: 'doc' | 'item' | 'quote' | 'cell'; tag: string; blocks: Block[]; header?: boolean }
  | { kind: 'list'; tag: string; ordered: boolean; start?: number; items: Block[][] }
  | { kind: 'table'; tag: string; rows: TableRow[] }
  | { kind: 'row'; tag: string; cells: TableCell[] }
  | { kind: 'text'; tag: string; level?: 1 | 2 | 3 | 4 | 5 | 6; inlines: InlineItem[] }
  | { kind: 'pre'; tag: string; text: string; language?: string; atStart: boolean };

/** Closes `f`, whose parent is now on top of the stack; `emit` adds a block to the nearest container. */
export function closeFrame(f: Frame, parent: Frame, emit: (b: Block) => void): void {
  switch (f.kind) {
    case 'text': {
      const content = finishInlines(f.inlines);
      if (f.tag === '' && content.length === 0) return;
      emit(f.level ? { type: 'heading', level: f.level, content } : { type: 'paragraph', content });
      return;
    }
    case 'pre':
      emit(f.language ? { type: 'codeBlock', language: f.language, text: f.text } : { type: 'codeBlock', text: f.text });
      return;
    case 'list':
      emit(f.ordered ? (f.start !== undefined ? { type: 'orderedList', start: f.start, items: f.items } : { type: 'orderedList', items: f.items }) : { type: 'bulletList', items: f.items });
      return;
    case 'item':
      if (parent.kind === 'list') parent.items.push(f.blocks);
      else f.blocks.forEach(emit);
      return;
    case 'quote':
      emit({ type: 'blockquote', content: f.blocks });
      return;
    case 'table':
      emit({ type: 'table', rows: f.rows });
      return;
    case 'row':
      if (parent.kind === 'table') parent.rows.push({ cells: f.cells });
      return;
    case 'cell':
      if (parent.kind === 'row') parent.cells.push(f.header ? { header: true, content: f.blocks } : { content: f.blocks });
      return;
    case 'doc':
      return;
  }
}
