// Recursive-descent JQL parser for the subset the emulator serves: clauses joined by AND / OR / NOT with
// parentheses, list operands, EMPTY, functions, and ORDER BY. Syntax errors use Jira's messages.
import { jqlSyntaxError } from './errors';
import { tokenize, type Token } from './lexer';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; value: string; pos: number }
  | { kind: 'empty'; pos: number }
  | { kind: 'function'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: Operand[]; pos: number };

export interface Clause {
  kind: 'clause';
  field: string;
  op: Operator;
  operand: Operand;
}

export type Expr = Clause | { kind: 'and' | 'or'; left: Expr; right: Expr } | { kind: 'not'; expr: Expr };

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

export interface JqlQuery {
  where: Expr | undefined;
  orderBy: SortKey[];
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const VALID_OPS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    return this.tokens[this.i++] as Token;
  }
  private isWord(word: string, t: Token = this.peek()): boolean {
    return t.type === 'word' && t.text.toLowerCase() === word;
  }
  private fail(expecting: string, t: Token = this.peek(), hint = ''): never {
    throw jqlSyntaxError(`Expecting ${expecting} but got '${t.text}'.${hint ? ` ${hint}` : ''}`, t.pos);
  }

  parse(): JqlQuery {
    let where: Expr | undefined;
    if (this.peek().type !== 'eof' && !this.isWord('order')) where = this.orExpr();
    const orderBy: SortKey[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) this.fail("'by'");
      this.next();
      do {
        if (orderBy.length > 0) this.next();
        const t = this.next();
        if (t.type !== 'word' && t.type !== 'string') this.fail('a field name', t);
        let dir: 'asc' | 'desc' = 'asc';
        if (this.isWord('asc') || this.isWord('desc')) dir = this.next().text.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field: t.text, dir });
      } while (this.peek().type === 'comma');
    }
    if (this.peek().type !== 'eof') this.fail(where ? "either 'OR' or 'AND'" : 'a field name');
    return { where, orderBy };
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    if (this.peek().type === 'lparen') {
      this.next();
      const inner = this.orExpr();
      if (this.peek().type !== 'rparen') this.fail("')'");
      this.next();
      return inner;
    }
    return this.clause();
  }

  private clause(): Clause {
    const t = this.next();
    if ((t.type !== 'word' && t.type !== 'string') || (t.type === 'word' && RESERVED.has(t.text.toLowerCase()))) {
      this.fail('a field name', t);
    }
    const op = this.operator();
    const operand = op === 'in' || op === 'not in' ? this.list() : this.single(t.text, op);
    return { kind: 'clause', field: t.text, op, operand };
  }

  private operator(): Operator {
    const t = this.peek();
    if (t.type === 'op') {
      this.next();
      return t.text as Operator;
    }
    if (this.isWord('in')) {
      this.next();
      return 'in';
    }
    if (this.isWord('not') && this.isWord('in', this.tokens[this.i + 1])) {
      this.i += 2;
      return 'not in';
    }
    if (this.isWord('is')) {
      this.next();
      if (this.isWord('not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    return this.fail('operator', t, VALID_OPS);
  }

  private list(): Operand {
    const open = this.peek();
    if (open.type === 'word' && this.tokens[this.i + 1]?.type === 'lparen') return this.single('', 'in');
    if (open.type !== 'lparen') this.fail("'('", open);
    this.next();
    const items: Operand[] = [];
    for (;;) {
      items.push(this.single('', 'in'));
      const t = this.next();
      if (t.type === 'rparen') break;
      if (t.type !== 'comma') this.fail("either ',' or ')'", t);
    }
    return { kind: 'list', items, pos: open.pos };
  }

  private single(field: string, op: Operator): Operand {
    const t = this.next();
    if (t.type === 'string') return { kind: 'value', value: t.text, pos: t.pos };
    if (t.type === 'word') {
      const lower = t.text.toLowerCase();
      if (lower === 'empty' || lower === 'null') return { kind: 'empty', pos: t.pos };
      if (op === 'is' || op === 'is not') this.fail("'EMPTY' or 'NULL'", t);
      if (this.peek().type === 'lparen') return this.func(t);
      if (RESERVED.has(lower)) {
        this.fail('either a value, list or function', t, `'${t.text}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`);
      }
      return { kind: 'value', value: t.text, pos: t.pos };
    }
    const hint = field ? `You must surround '${field}' in quotation marks to use it as a value.` : '';
    return this.fail('either a value, list or function', t, hint);
  }

  private func(name: Token): Operand {
    this.next();
    const args: string[] = [];
    while (this.peek().type !== 'rparen') {
      const a = this.next();
      if (a.type !== 'word' && a.type !== 'string') this.fail("')'", a);
      args.push(a.text);
      if (this.peek().type === 'comma') this.next();
    }
    this.next();
    return { kind: 'function', name: name.text, args, pos: name.pos };
  }
}

export function parseJql(input: string): JqlQuery {
  return new Parser(tokenize(input)).parse();
}
