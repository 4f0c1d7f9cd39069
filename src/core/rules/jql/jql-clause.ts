// A small reader for the JQL clauses a rule's scope holds, just enough to decide the simple ones on
// the issue as read (see jql-local.ts). It never judges validity — Jira's JQL parser does that at
// save — so anything it does not understand (CHANGED, WAS, ORDER BY, odd quoting) reads as `null`
// and the clause is left to Jira's search.

export type JqlOperand = { kind: 'value'; value: string } | { kind: 'list'; values: string[] } | { kind: 'empty' } | { kind: 'function' };
export type JqlClause = { kind: 'clause'; field: string; op: string; operand: JqlOperand };
export type JqlExpr = JqlClause | { kind: 'and' | 'or'; left: JqlExpr; right: JqlExpr } | { kind: 'not'; expr: JqlExpr };

type Token = { type: 'word' | 'string' | 'op' | '(' | ')' | ','; text: string };

const OPS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ type: c, text: c }); i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      if (j >= src.length) return null;
      out.push({ type: 'string', text });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ type: 'op', text: op }); i += op.length; continue; }
    const m = /^[^\s()",'=!<>~]+/.exec(src.slice(i));
    if (!m) return null;
    out.push({ type: 'word', text: m[0] });
    i += m[0].length;
  }
  return out;
}

class Reader {
  private i = 0;
  constructor(private readonly t: Token[]) {}
  private peekWord(w: string, at = this.i): boolean {
    const tok = this.t[at];
    return tok?.type === 'word' && tok.text.toLowerCase() === w;
  }
  done(): boolean {
    return this.i >= this.t.length;
  }
  or(): JqlExpr | null {
    let left = this.and();
    while (left && this.peekWord('or')) {
      this.i++;
      const right = this.and();
      left = right ? { kind: 'or', left, right } : null;
    }
    return left;
  }
  private and(): JqlExpr | null {
    let left = this.unary();
    while (left && this.peekWord('and')) {
      this.i++;
      const right = this.unary();
      left = right ? { kind: 'and', left, right } : null;
    }
    return left;
  }
  private unary(): JqlExpr | null {
    if (this.peekWord('not') || this.t[this.i]?.text === '!') {
      this.i++;
      const expr = this.unary();
      return expr ? { kind: 'not', expr } : null;
    }
    if (this.t[this.i]?.type === '(') {
      this.i++;
      const inner = this.or();
      if (!inner || this.t[this.i]?.type !== ')') return null;
      this.i++;
      return inner;
    }
    return this.clause();
  }
  private clause(): JqlClause | null {
    const f = this.t[this.i];
    if (!f || (f.type !== 'word' && f.type !== 'string')) return null;
    this.i++;
    let op: string;
    const o = this.t[this.i];
    if (o?.type === 'op') { op = o.text; this.i++; }
    else if (this.peekWord('in')) { op = 'in'; this.i++; }
    else if (this.peekWord('not') && this.peekWord('in', this.i + 1)) { op = 'not in'; this.i += 2; }
    else if (this.peekWord('is') && this.peekWord('not', this.i + 1)) { op = 'is not'; this.i += 2; }
    else if (this.peekWord('is')) { op = 'is'; this.i++; }
    else return null;
    const operand = this.operand();
    return operand ? { kind: 'clause', field: f.text, op, operand } : null;
  }
  private operand(): JqlOperand | null {
    const t = this.t[this.i];
    if (!t) return null;
    if (t.type === '(') {
      this.i++;
      const values: string[] = [];
      for (;;) {
        const v = this.t[this.i];
        if (!v || (v.type !== 'word' && v.type !== 'string')) return null;
        if (v.type === 'word' && this.t[this.i + 1]?.type === '(') return null;
        values.push(v.text);
        this.i++;
        const sep = this.t[this.i];
        this.i++;
        if (sep?.type === ')') return { kind: 'list', values };
        if (sep?.type !== ',') return null;
      }
    }
    if (t.type === 'word' && this.t[this.i + 1]?.type === '(') {
      // A function call, e.g. currentUser() or membersOf("x"): skip to its closing parenthesis.
      this.i += 2;
      while (this.i < this.t.length && this.t[this.i]!.type !== ')') this.i++;
      if (this.i >= this.t.length) return null;
      this.i++;
      return { kind: 'function' };
    }
    if (t.type === 'word' && (t.text.toLowerCase() === 'empty' || t.text.toLowerCase() === 'null')) { this.i++; return { kind: 'empty' }; }
    if (t.type !== 'word' && t.type !== 'string') return null;
    this.i++;
    return { kind: 'value', value: t.text };
  }
}

/** The clause's syntax tree, or null when this reader does not follow it (Jira's search then decides). */
export function readJqlClause(jql: string): JqlExpr | null {
  const tokens = tokenize(jql);
  if (!tokens || tokens.length === 0) return null;
  const reader = new Reader(tokens);
  const expr = reader.or();
  return expr && reader.done() ? expr : null;
}

/** Every field name the clause mentions (lower case), for the read plan. Empty when it cannot be read. */
export function jqlFieldNames(jql: string): string[] {
  const names = new Set<string>();
  const walk = (e: JqlExpr): void => {
    if (e.kind === 'clause') names.add(e.field.toLowerCase());
    else if (e.kind === 'not') walk(e.expr);
    else { walk(e.left); walk(e.right); }
  };
  const expr = readJqlClause(jql);
  if (expr) walk(expr);
  return [...names];
}
