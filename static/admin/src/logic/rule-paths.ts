// Rule paths in the form the backend reports validation problems (`fields["summary"].conflict`,
// `scope.pilot.issueKeys[0]`): record keys quoted in brackets, schema properties dotted.
import { valueMapKeys } from '../../../../src/core/fields/standard-fields';

export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Objects whose keys are the admin's own data, so they are always bracketed. */
const RECORD_PARENTS = new Set(['fields', ...valueMapKeys.map((k) => `incoming.valueMaps.${k}`), 'incoming.defaults', 'incoming.users.map']);

export function formatRulePath(path: readonly PathSegment[]): string {
  let out = '';
  const raw: string[] = [];
  for (const seg of path) {
    const parent = raw.join('.');
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (RECORD_PARENTS.has(parent) || !IDENT.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out ? `.${seg}` : seg;
    raw.push(String(seg));
  }
  return out || '(rule)';
}

/** Inverse of formatRulePath; throws on text that is not a rule path. */
export function parseRulePath(text: string): PathSegment[] {
  if (text === '(rule)') return [];
  const out: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') i++;
    if (text[i] === '[') {
      const end = text[i + 1] === '"' ? closingQuote(text, i + 1) + 1 : text.indexOf(']', i);
      if (end < 0 || text[end] !== ']') throw new SyntaxError(`unclosed [ in rule path ${text}`);
      const inner = text.slice(i + 1, end);
      out.push(inner.startsWith('"') ? (JSON.parse(inner) as string) : Number(inner));
      i = end + 1;
    } else {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i));
      if (!m) throw new SyntaxError(`unexpected "${text[i]}" in rule path ${text}`);
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

function closingQuote(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  throw new SyntaxError(`unclosed quote in rule path ${text}`);
}
