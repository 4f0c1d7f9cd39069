// The neutral rich-text tree carried between ADF (Jira) and HTML (ServiceNow). It keeps structure
// (headings, lists, tables, code) but nothing presentation-specific; whatever one side cannot
// show (mentions, emoji, status lozenges) arrives as `degraded` text so it still reads well.
export type Mark =
  | { type: 'strong' }
  | { type: 'em' }
  | { type: 'code' }
  | { type: 'strike' }
  | { type: 'link'; href: string };

export type DegradedOrigin = 'mention' | 'emoji' | 'status' | 'date' | 'card' | 'media' | 'unknown';

export type Inline =
  | { type: 'text'; text: string; marks?: Mark[] }
  | { type: 'hardBreak' }
  | { type: 'degraded'; text: string; origin: DegradedOrigin };

export type TableCell = { header?: boolean; content: Block[] };
export type TableRow = { cells: TableCell[] };

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: Inline[] }
  | { type: 'bulletList'; items: Block[][] }
  | { type: 'orderedList'; start?: number; items: Block[][] }
  | { type: 'codeBlock'; language?: string; text: string }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'table'; rows: TableRow[] }
  | { type: 'rule' };

export type RichDoc = { type: 'doc'; content: Block[] };

export const emptyDoc = (): RichDoc => ({ type: 'doc', content: [] });

/** A document of plain paragraphs, one per line break-separated paragraph of `text`. */
export function docFromPlainText(text: string): RichDoc {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.length > 0);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i): Inline[] =>
        i === 0 ? [{ type: 'text', text: line }] : [{ type: 'hardBreak' }, { type: 'text', text: line }],
      ).filter((n) => n.type !== 'text' || n.text.length > 0),
    })),
  };
}
