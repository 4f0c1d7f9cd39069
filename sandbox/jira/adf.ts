// Atlassian Document Format checks. REST v3 takes descriptions and comment bodies only as ADF documents;
// a plain string there is what Jira rejects with "Operation value must be an Atlassian Document".
import type { AdfDoc } from './types';

export const NOT_ADF = 'Operation value must be an Atlassian Document';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validNode(node: unknown, depth: number): boolean {
  if (!isObject(node) || typeof node.type !== 'string' || node.type === '' || depth > 100) return false;
  if (node.type === 'text' && typeof node.text !== 'string') return false;
  if (node.marks !== undefined) {
    if (!Array.isArray(node.marks) || !node.marks.every((m) => isObject(m) && typeof m.type === 'string')) return false;
  }
  if (node.attrs !== undefined && !isObject(node.attrs)) return false;
  if (node.content !== undefined) {
    if (!Array.isArray(node.content)) return false;
    return node.content.every((child) => validNode(child, depth + 1));
  }
  return true;
}

/** Structural check: a `doc` of version 1 whose nodes all have a type (text nodes a text). */
export function isAdfDoc(value: unknown): value is AdfDoc {
  return (
    isObject(value) &&
    value.type === 'doc' &&
    value.version === 1 &&
    Array.isArray(value.content) &&
    value.content.every((n) => validNode(n, 1))
  );
}

export function adfFromText(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] };
}

/** Plain text of a document: what the changelog records as fromString/toString for rich-text fields. */
export function adfToText(doc: AdfDoc | null): string {
  if (!doc) return '';
  const blocks: string[] = [];
  const walk = (node: unknown, out: string[]): void => {
    if (!isObject(node)) return;
    if (node.type === 'text' && typeof node.text === 'string') out.push(node.text);
    if (node.type === 'hardBreak') out.push('\n');
    if (Array.isArray(node.content)) for (const child of node.content) walk(child, out);
  };
  for (const block of doc.content) {
    const parts: string[] = [];
    walk(block, parts);
    blocks.push(parts.join(''));
  }
  return blocks.join('\n');
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A simple HTML rendering for `expand=renderedFields` / renderedBody: one <p> per block. */
export function adfToHtml(doc: AdfDoc | null): string {
  if (!doc) return '';
  return adfToText(doc)
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
