// HTML (ServiceNow HTML fields, `[code]` journal entries) → the core's neutral rich text. A stack of
// open blocks, the way a browser builds one, but forgiving instead of exact: unclosed `<p>` and
// `<li>` close themselves, loose text becomes a paragraph, text stranded in a table lands before it,
// unknown tags are unwrapped so their text survives, and no input makes it throw.
import type { Block, DegradedOrigin, Mark, RichDoc } from '../../../core/richtext/model';
import { closeFrame, type Frame } from './block-frames';
import { decodeEntities } from './entities';
import { tokenize, type Token } from './html-tokenizer';
import { DEGRADED_ATTR, DEGRADED_ORIGINS, degradedText, marksOf, type InlineItem } from './inline-run';

/** Tags that end a paragraph without making a block of their own (their content flows on). */
const BOUNDARY = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'figure', 'figcaption', 'address', 'dl', 'dt', 'dd', 'center', 'form', 'fieldset', 'details', 'summary', 'body', 'html', 'caption']);
const HEADING = /^h([1-6])$/;
/** Containers nested deeper than this are unwrapped: no real editor nests so far, and the
 * recursive steps after this one (normalising, hashing, writing) must not overflow the stack. */
const MAX_DEPTH = 64;
const CONTAINERS = new Set(['ul', 'ol', 'li', 'blockquote', 'table', 'tr', 'td', 'th']);
const isBlank = (raw: string): boolean => /^[ \t\n\r\f]*$/.test(raw);

function languageOf(attrs: Record<string, string>): string | undefined {
  const language = attrs['data-language'] || /(?:^|\s)(?:language|lang)-(\S+)/.exec(attrs.class ?? '')?.[1];
  // The replica schema caps a language name at 64 characters; a longer one is no language.
  return language && language.length <= 64 ? language : undefined;
}

class Builder {
  private readonly stack: Frame[] = [{ kind: 'doc', tag: '', blocks: [] }];
  private marks: { tag: string; marks: Mark[]; depth: number }[] = [];
  private degraded: { origin: DegradedOrigin; raw: string; nesting: number } | null = null;

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private push(frame: Frame): void {
    this.stack.push(frame);
  }

  private emit(block: Block): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i]!;
      if (f.kind === 'doc' || f.kind === 'item' || f.kind === 'quote' || f.kind === 'cell') {
        f.blocks.push(block);
        return;
      }
    }
  }

  private pop(): void {
    const f = this.stack.pop()!;
    this.marks = this.marks.filter((m) => m.depth <= this.stack.length);
    closeFrame(f, this.top, (b) => this.emit(b));
  }

  private closeInline(): void {
    while (this.top.kind === 'text') this.pop();
  }

  /** Before a block opens: close the paragraph, and give a bare list item to put it in. */
  private openBlock(): void {
    this.closeInline();
    if (this.top.kind === 'list') this.push({ kind: 'item', tag: '', blocks: [] });
  }

  private closeThrough(tag: string, stopAt?: Frame['kind']): boolean {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const f = this.stack[i]!;
      if (f.tag === tag) {
        while (this.stack.length > i) this.pop();
        return true;
      }
      if (stopAt && f.kind === stopAt) return false;
    }
    return false;
  }

  private inline(item: InlineItem): void {
    const top = this.top;
    if (top.kind === 'text') {
      top.inlines.push(item);
      return;
    }
    if (item.kind === 'text' && isBlank(item.raw)) return;
    this.openBlock();
    this.push({ kind: 'text', tag: '', inlines: [item] });
  }

  private activeMarks(): Mark[] {
    return this.marks.flatMap((m) => m.marks);
  }

  private has(kind: Frame['kind']): boolean {
    return this.stack.some((f) => f.kind === kind);
  }

  start(t: Extract<Token, { type: 'start' }>): void {
    const { name, attrs } = t;
    if (this.degraded) {
      if (name === 'span' && !t.selfClosing) this.degraded.nesting++;
      return;
    }
    const top = this.top;
    if (top.kind === 'pre') {
      top.atStart = false;
      if (name === 'br') top.text += '\n';
      else if (name === 'code') top.language ??= languageOf(attrs);
      return;
    }
    if (CONTAINERS.has(name) && this.stack.length >= MAX_DEPTH) {
      this.closeInline();
      return;
    }
    const heading = HEADING.exec(name);
    if (name === 'p' || heading) {
      this.openBlock();
      this.push(heading ? { kind: 'text', tag: name, level: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, inlines: [] } : { kind: 'text', tag: name, inlines: [] });
    } else if (name === 'ul' || name === 'ol') {
      this.openBlock();
      const start = /^\d{1,9}$/.test(attrs.start ?? '') ? Number(attrs.start) : undefined;
      this.push({ kind: 'list', tag: name, ordered: name === 'ol', ...(name === 'ol' && start !== undefined ? { start } : {}), items: [] });
    } else if (name === 'li') {
      this.closeInline();
      if (this.top.kind === 'item') this.pop();
      if (this.top.kind !== 'list') this.push({ kind: 'list', tag: '', ordered: false, items: [] });
      this.push({ kind: 'item', tag: name, blocks: [] });
    } else if (name === 'blockquote') {
      this.openBlock();
      this.push({ kind: 'quote', tag: name, blocks: [] });
    } else if (name === 'table') {
      this.openBlock();
      this.push({ kind: 'table', tag: name, rows: [] });
    } else if ((name === 'tr' || name === 'td' || name === 'th') && this.has('table')) {
      this.closeInline();
      while (this.top.kind !== 'table' && (name === 'tr' || this.top.kind !== 'row')) this.pop();
      if (name === 'tr') this.push({ kind: 'row', tag: name, cells: [] });
      else {
        if (this.top.kind === 'table') this.push({ kind: 'row', tag: '', cells: [] });
        this.push({ kind: 'cell', tag: name, blocks: [], ...(name === 'th' ? { header: true } : {}) });
      }
    } else if (name === 'pre') {
      this.openBlock();
      const language = languageOf(attrs);
      this.push({ kind: 'pre', tag: name, text: '', atStart: true, ...(language ? { language } : {}) });
    } else if (name === 'hr') {
      this.openBlock();
      this.emit({ type: 'rule' });
    } else if (name === 'br') {
      this.inline({ kind: 'break' });
    } else if (name === 'img') {
      this.inline({ kind: 'degraded', text: attrs.alt ? `[image: ${attrs.alt}]` : '[image]', origin: 'media' });
    } else if (name === 'span' && DEGRADED_ORIGINS.includes(attrs[DEGRADED_ATTR] as DegradedOrigin)) {
      const origin = attrs[DEGRADED_ATTR] as DegradedOrigin;
      if (t.selfClosing) this.inline({ kind: 'degraded', text: '', origin });
      else this.degraded = { origin, raw: '', nesting: 1 };
    } else if (BOUNDARY.has(name) || name === 'tr' || name === 'td' || name === 'th') {
      this.closeInline();
    } else {
      const marks = marksOf(name, attrs);
      if (marks && !t.selfClosing) this.marks.push({ tag: name, marks, depth: this.stack.length });
    }
  }

  end(name: string): void {
    if (this.degraded) {
      if (name === 'span' && --this.degraded.nesting === 0) {
        const { origin, raw } = this.degraded;
        this.degraded = null;
        this.inline({ kind: 'degraded', text: degradedText(raw), origin });
      }
      return;
    }
    const top = this.top;
    if (top.kind === 'pre') {
      top.atStart = false;
      if (name === 'pre') this.pop();
      return;
    }
    if (name === 'br') this.inline({ kind: 'break' });
    else if (name === 'p' || HEADING.test(name)) this.closeThrough(name, 'item');
    else if (['ul', 'ol', 'li', 'blockquote', 'table', 'tr', 'td', 'th'].includes(name)) this.closeThrough(name);
    else if (BOUNDARY.has(name)) this.closeInline();
    else {
      for (let i = this.marks.length - 1; i >= 0; i--) {
        if (this.marks[i]!.tag === name) {
          this.marks.splice(i, 1);
          break;
        }
      }
    }
  }

  text(raw: string): void {
    if (this.degraded) {
      this.degraded.raw += raw;
      return;
    }
    const top = this.top;
    if (top.kind === 'pre') {
      // HTML drops one line feed right after <pre>: it is layout, not content.
      top.text += decodeEntities(top.atStart && raw.startsWith('\n') ? raw.slice(1) : raw);
      top.atStart = false;
      return;
    }
    this.inline({ kind: 'text', raw, marks: this.activeMarks() });
  }

  finish(): RichDoc {
    if (this.degraded) {
      this.degraded.nesting = 1;
      this.end('span');
    }
    while (this.stack.length > 1) this.pop();
    return { type: 'doc', content: (this.stack[0] as { blocks: Block[] }).blocks };
  }
}

export function htmlToRichDoc(html: string): RichDoc {
  const builder = new Builder();
  for (const token of tokenize(html)) {
    if (token.type === 'start') builder.start(token);
    else if (token.type === 'end') builder.end(token.name);
    else builder.text(token.raw);
  }
  return builder.finish();
}
