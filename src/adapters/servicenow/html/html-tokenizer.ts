// A small tolerant HTML tokenizer: start tags with attributes, end tags and text. Comments,
// doctypes and processing instructions are skipped; script, style and title content is dropped
// whole; a `<` that opens no well-formed tag is text. It never throws, whatever the input.
import { decodeEntities } from './entities';

export type Token =
  | { type: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string }
  /** Undecoded: whitespace is collapsed before references are decoded (see html-to-rich). */
  | { type: 'text'; raw: string };

const DROPPED = new Set(['script', 'style', 'title', 'template']);
const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** A start tag at `at` (which holds `<`), or null when no `>` closes it. */
function startTag(html: string, at: number): { token: Token; end: number } | null {
  let i = at + 1;
  const nameStart = i;
  while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attrs: Record<string, string> = {};
  let selfClosing = false;
  for (;;) {
    while (i < html.length && (isSpace(html[i]) || html[i] === '/')) {
      selfClosing = html[i] === '/';
      i++;
    }
    if (i >= html.length) return null;
    if (html[i] === '>') return { token: { type: 'start', name, attrs, selfClosing }, end: i + 1 };
    selfClosing = false;
    const attrStart = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && (html[i] !== '=' || i === attrStart)) i++;
    const attr = html.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < html.length && isSpace(html[j])) j++;
    let value = '';
    if (html[j] === '=') {
      j++;
      while (j < html.length && isSpace(html[j])) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        if (close < 0) return null;
        value = html.slice(j + 1, close);
        i = close + 1;
      } else {
        const valueStart = j;
        while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++;
        value = html.slice(valueStart, j);
        i = j;
      }
    }
    if (attr && !Object.prototype.hasOwnProperty.call(attrs, attr)) attrs[attr] = decodeEntities(value);
  }
}

export function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  const text = (raw: string) => {
    if (raw.length === 0) return;
    const last = tokens[tokens.length - 1];
    if (last && last.type === 'text') last.raw += raw;
    else tokens.push({ type: 'text', raw });
  };
  // Past the last `>` no tag can close: the rest is text (and no `<` there costs a scan to the end).
  const lastGt = html.lastIndexOf('>');
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt > lastGt) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    i = lt;
    const next = html[i + 1];
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
    } else if (next === '!' || next === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
    } else if (next === '/' && isLetter(html[i + 2])) {
      const end = html.indexOf('>', i);
      if (end < 0) {
        text(html.slice(i));
        break;
      }
      const name = /^[^\s/>]+/.exec(html.slice(i + 2, end))?.[0] ?? '';
      tokens.push({ type: 'end', name: name.toLowerCase() });
      i = end + 1;
    } else if (isLetter(next)) {
      const tag = startTag(html, i);
      if (!tag) {
        text('<');
        i++;
        continue;
      }
      i = tag.end;
      const token = tag.token as Extract<Token, { type: 'start' }>;
      if (DROPPED.has(token.name) && !token.selfClosing) {
        const closer = new RegExp(`</${token.name}`, 'ig');
        closer.lastIndex = i;
        const close = closer.exec(html)?.index ?? -1;
        const end = close < 0 ? -1 : html.indexOf('>', close);
        i = end < 0 ? html.length : end + 1;
        continue;
      }
      tokens.push(token);
    } else {
      text('<');
      i++;
    }
  }
  return tokens;
}
