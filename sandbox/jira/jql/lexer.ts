// JQL tokens. Positions are 1-based characters, as Jira reports them in "(line 1, character N)".
import { jqlSyntaxError } from './errors';

export type TokenType = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  pos: number;
}

const OPS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const STOP = /[\s"'=!<>~(),]/;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, pos });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = '';
      while (j < input.length && input[j] !== ch) {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        text += input[j];
        j++;
      }
      if (j >= input.length) {
        throw jqlSyntaxError(`The quoted string '${text}' has not been completed.`, pos);
      }
      tokens.push({ type: 'string', text, pos });
      i = j + 1;
      continue;
    }
    if (input.startsWith('&&', i) || input.startsWith('||', i)) {
      tokens.push({ type: 'word', text: ch === '&' ? 'AND' : 'OR', pos });
      i += 2;
      continue;
    }
    const op = OPS.find((o) => input.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    if (ch === '!') {
      tokens.push({ type: 'word', text: 'NOT', pos });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !STOP.test(input[j] as string)) j++;
    if (j === i) throw jqlSyntaxError(`Unexpected character '${ch}'.`, pos);
    tokens.push({ type: 'word', text: input.slice(i, j), pos });
    i = j;
  }
  tokens.push({ type: 'eof', text: 'EOF', pos: input.length + 1 });
  return tokens;
}
