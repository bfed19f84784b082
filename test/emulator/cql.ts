/**
 * The slice of CQL a sync client needs: space, type, title, id/content, ancestor, parent, label,
 * text, lastmodified/created compared with "yyyy-MM-dd HH:mm" (or yyyy/MM/dd, date only, now("-1d")),
 * AND/OR/NOT, parentheses, IN lists and ORDER BY. Dates are read as UTC.
 */
import { ApiError } from './api-error.js';
import { currentVersion, type PageRecord } from './model.js';
import type { Store } from './store.js';

type Token = { kind: 'word' | 'string' | 'op' | 'paren' | 'comma'; text: string };

type Value = { text: string; quoted: boolean; fn?: string };
type Expr =
  | { kind: 'and'; left: Expr; right: Expr }
  | { kind: 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'clause'; field: string; op: string; values: Value[] };

export interface CqlQuery {
  where: Expr | null;
  orderBy: { field: string; desc: boolean }[];
}

const FIELDS = new Set([
  'space',
  'space.key',
  'type',
  'title',
  'id',
  'content',
  'ancestor',
  'parent',
  'label',
  'text',
  'lastmodified',
  'created',
]);

function cqlError(cql: string, why: string): ApiError {
  return new ApiError(400, 'BAD_REQUEST', `Could not parse cql : ${cql} (${why})`);
}

function tokenize(cql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < cql.length) {
    const ch = cql[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      let text = '';
      i++;
      while (i < cql.length && cql[i] !== ch) {
        if (cql[i] === '\\') i++;
        text += cql[i] ?? '';
        i++;
      }
      if (i >= cql.length) throw cqlError(cql, 'unterminated string');
      i++;
      tokens.push({ kind: 'string', text });
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: 'paren', text: ch });
      i++;
    } else if (ch === ',') {
      tokens.push({ kind: 'comma', text: ch });
      i++;
    } else if (/[=!~<>]/.test(ch)) {
      const two = cql.slice(i, i + 2);
      const op = ['!=', '!~', '>=', '<='].includes(two) ? two : ch;
      if (op === '!') throw cqlError(cql, "unexpected '!'");
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      const match = /^[A-Za-z0-9_.\-/:+]+/.exec(cql.slice(i));
      if (!match) throw cqlError(cql, `unexpected character '${ch}'`);
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

export function parseCql(cql: string): CqlQuery {
  const tokens = tokenize(cql);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const fail = (why: string) => cqlError(cql, why);

  const value = (): Value => {
    const t = tokens[pos++];
    if (!t || (t.kind !== 'word' && t.kind !== 'string')) throw fail('expected a value');
    if (t.kind === 'word' && peek()?.text === '(') {
      pos++;
      const arg = peek()?.kind === 'string' ? (tokens[pos++]?.text ?? '') : '';
      if (tokens[pos++]?.text !== ')') throw fail(`expected ')' after ${t.text}(`);
      return { text: arg, quoted: true, fn: t.text.toLowerCase() };
    }
    return { text: t.text, quoted: t.kind === 'string' };
  };

  const clause = (): Expr => {
    const fieldToken = tokens[pos++];
    if (fieldToken?.kind !== 'word') throw fail('expected a field');
    const field = fieldToken.text.toLowerCase();
    if (!FIELDS.has(field)) throw fail(`unsupported field '${fieldToken.text}'`);
    let op: string;
    if (isWord(peek(), 'not') && isWord(tokens[pos + 1], 'in')) {
      pos += 2;
      op = 'not in';
    } else if (isWord(peek(), 'in')) {
      pos++;
      op = 'in';
    } else {
      const t = tokens[pos++];
      if (t?.kind !== 'op') throw fail(`expected an operator after ${field}`);
      op = t.text;
    }
    if (op === 'in' || op === 'not in') {
      if (tokens[pos++]?.text !== '(') throw fail("expected '(' after IN");
      const values = [value()];
      while (peek()?.kind === 'comma') {
        pos++;
        values.push(value());
      }
      if (tokens[pos++]?.text !== ')') throw fail("expected ')' to close IN");
      return { kind: 'clause', field, op, values };
    }
    return { kind: 'clause', field, op, values: [value()] };
  };

  const unary = (): Expr => {
    if (isWord(peek(), 'not')) {
      pos++;
      return { kind: 'not', expr: unary() };
    }
    if (peek()?.text === '(') {
      pos++;
      const inner = or();
      if (tokens[pos++]?.text !== ')') throw fail("expected ')'");
      return inner;
    }
    return clause();
  };
  const and = (): Expr => {
    let left = unary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const where = peek() && !isWord(peek(), 'order') ? or() : null;
  const orderBy: CqlQuery['orderBy'] = [];
  if (isWord(peek(), 'order')) {
    pos++;
    if (!isWord(tokens[pos++], 'by')) throw fail("expected 'by' after 'order'");
    do {
      if (peek()?.kind === 'comma') pos++;
      const f = tokens[pos++];
      if (f?.kind !== 'word') throw fail('expected a field after order by');
      const field = f.text.toLowerCase();
      if (!['lastmodified', 'created', 'title', 'id'].includes(field))
        throw fail(`cannot order by '${f.text}'`);
      let desc = false;
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        desc = tokens[pos++]?.text.toLowerCase() === 'desc';
      orderBy.push({ field, desc });
    } while (peek()?.kind === 'comma');
  }
  if (pos < tokens.length) throw fail(`unexpected '${tokens[pos]?.text}'`);
  return { where, orderBy };
}

/** A date literal as [start, end) in ms: "yyyy-MM-dd HH:mm" spans a minute, "yyyy-MM-dd" a day. */
function dateRange(v: Value, cql: string, now: number): [number, number] {
  if (v.fn === 'now') {
    const m = /^([+-]?\d+)([wdhm])$/.exec(v.text.trim());
    const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
    const at = m ? now + Number(m[1]) * unit[m[2] as keyof typeof unit] : now;
    if (v.text.trim() !== '' && !m) throw cqlError(cql, `bad now() offset '${v.text}'`);
    return [at, at + 1];
  }
  if (v.fn) throw cqlError(cql, `unsupported function ${v.fn}()`);
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(v.text.trim());
  if (!m) throw cqlError(cql, `invalid date '${v.text}' (use "yyyy-MM-dd HH:mm" or "yyyy/MM/dd")`);
  const [, y, mo, d, h, mi] = m;
  const start = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  return [start, start + (h === undefined ? 86_400_000 : 60_000)];
}

function compare(op: string, actual: number, [start, end]: [number, number], cql: string): boolean {
  switch (op) {
    case '=':
      return actual >= start && actual < end;
    case '!=':
      return actual < start || actual >= end;
    case '>':
      return actual >= end;
    case '>=':
      return actual >= start;
    case '<':
      return actual < start;
    case '<=':
      return actual < end;
    default:
      throw cqlError(cql, `operator ${op} does not apply to dates`);
  }
}

export function evaluate(expr: Expr, page: PageRecord, store: Store, cql: string, now = Date.now()): boolean {
  if (expr.kind === 'and')
    return evaluate(expr.left, page, store, cql, now) && evaluate(expr.right, page, store, cql, now);
  if (expr.kind === 'or')
    return evaluate(expr.left, page, store, cql, now) || evaluate(expr.right, page, store, cql, now);
  if (expr.kind === 'not') return !evaluate(expr.expr, page, store, cql, now);
  const { field, op, values } = expr;
  const v = currentVersion(page);
  if (field === 'lastmodified' || field === 'created') {
    const actual = Date.parse(field === 'created' ? page.createdAt : v.createdAt);
    const first = values[0];
    if (!first) return false;
    return compare(op, actual, dateRange(first, cql, now), cql);
  }
  const candidates = (): string[] => {
    switch (field) {
      case 'space':
      case 'space.key':
        return [store.spaceById(page.spaceId).key];
      case 'type':
        return ['page'];
      case 'title':
        return [v.title];
      case 'id':
      case 'content':
        return [page.id];
      case 'ancestor':
        return store.ancestors(page.id).map((a) => a.id);
      case 'parent':
        return page.parentId ? [page.parentId] : [];
      case 'label':
        return page.labels.map((l) => l.name);
      case 'text':
        return [`${v.title} ${v.body}`];
      default:
        return [];
    }
  };
  const have = candidates();
  const wanted = values.map((x) => x.text);
  const equal = (a: string, b: string) =>
    field === 'title' || field === 'label' ? a.toLowerCase() === b.toLowerCase() : a === b;
  const contains = (a: string, b: string) => a.toLowerCase().includes(b.toLowerCase());
  switch (op) {
    case '=':
    case 'in':
      return have.some((h) => wanted.some((w) => equal(h, w)));
    case '!=':
    case 'not in':
      return !have.some((h) => wanted.some((w) => equal(h, w)));
    case '~':
      return have.some((h) => wanted.some((w) => contains(h, w)));
    case '!~':
      return !have.some((h) => wanted.some((w) => contains(h, w)));
    default:
      throw cqlError(cql, `operator ${op} does not apply to ${field}`);
  }
}

/** Pages (current only, as search does) matching the query, in its order (default: id). */
export function searchPages(store: Store, cql: string, now = Date.now()): PageRecord[] {
  const query = parseCql(cql);
  const matches = store.data.pages.filter(
    (p) => p.status === 'current' && (query.where === null || evaluate(query.where, p, store, cql, now)),
  );
  const key = (p: PageRecord, field: string): string | number => {
    if (field === 'lastmodified') return Date.parse(currentVersion(p).createdAt);
    if (field === 'created') return Date.parse(p.createdAt);
    if (field === 'title') return currentVersion(p).title.toLowerCase();
    return Number(p.id);
  };
  const order = [...query.orderBy, { field: 'id', desc: false }];
  return matches.sort((a, b) => {
    for (const { field, desc } of order) {
      const ka = key(a, field);
      const kb = key(b, field);
      if (ka !== kb) return (ka < kb ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}
