// A `where` condition → a test per row, checked against the frame's field types first so a mistake
// is reported at its place ("dport is a number: …") instead of matching nothing. Conditions on
// interned strings are decided once per distinct value (addresses in a range, a pattern) and then
// looked up by id, so a condition costs about the same per row whatever it is.
import { cidrContains, parseCidr, type Cidr } from '../../engine/net/cidr';
import type { CompareOp, Expr, Literal, Name } from '../lang/ast';
import { SlipsError } from '../lang/errors';
import { column, type Column, type Frame } from './frame';

export type RowTest = (row: number) => boolean;
type StringTest = (s: string) => boolean;

export function compilePredicate(expr: Expr, frame: Frame): RowTest {
  switch (expr.kind) {
    case 'and': {
      const a = compilePredicate(expr.left, frame);
      const b = compilePredicate(expr.right, frame);
      return (r) => a(r) && b(r);
    }
    case 'or': {
      const a = compilePredicate(expr.left, frame);
      const b = compilePredicate(expr.right, frame);
      return (r) => a(r) || b(r);
    }
    case 'not': {
      const a = compilePredicate(expr.expr, frame);
      return (r) => !a(r);
    }
    case 'compare':
      return compare(column(frame, expr.field), expr.field, expr.op, expr.value);
    case 'in':
      return inValues(column(frame, expr.field), expr.field, expr.values);
    case 'contains': {
      const c = column(frame, expr.field);
      const needle = literalText(expr.value).toLowerCase();
      needsText(c, expr.field, 'contains');
      return onStrings(c, (s) => s.toLowerCase().includes(needle));
    }
    case 'matches': {
      const c = column(frame, expr.field);
      needsText(c, expr.field, 'matches');
      let re: RegExp;
      try {
        re = new RegExp(expr.source, expr.flags);
      } catch (err) {
        throw new SlipsError(
          `this pattern is not a valid regular expression: ${(err as Error).message}`,
          expr.pos,
        );
      }
      return onStrings(c, (s) => re.test(s));
    }
  }
}

function compare(c: Column, field: Name, op: CompareOp, lit: Literal): RowTest {
  if (c.type === 'number' || c.type === 'time') {
    const v = numberOf(lit, field, c.type);
    if (c.kind === 'num') return numTest(c.data, op, v);
    return (r) => {
      const x = (c as Extract<Column, { kind: 'computed' }>).at(r);
      return typeof x === 'number' && applyOp(op, x, v);
    };
  }
  if (c.type === 'bool') {
    if (lit.kind !== 'bool') throw typeError(field, 'true or false', lit);
    if (op !== '==' && op !== '!=')
      throw new SlipsError(`${field.name} is true or false: compare it with == or !=`, field.pos);
    const want = lit.value === (op === '==');
    const at = (c as Extract<Column, { kind: 'computed' }>).at;
    return (r) => (at(r) === true) === want;
  }
  if (lit.kind === 'bool') throw typeError(field, 'text', lit);
  const text = literalText(lit);
  if (c.type === 'list') {
    if (op !== '==' && op !== '!=')
      throw new SlipsError(`${field.name} is a list: use ==, !=, in, contains or matches`, field.pos);
    const has = onStrings(c, (s) => s === text);
    return op === '==' ? has : (r) => !has(r);
  }
  if (c.kind === 'code' && (op === '==' || op === '!=')) {
    const id = c.pool.idOf(text);
    const codes = c.codes;
    return op === '==' ? (r) => codes[r] === id : (r) => codes[r] !== id;
  }
  return onStrings(c, (s) => applyOp(op, s, text));
}

function inValues(c: Column, field: Name, values: Literal[]): RowTest {
  const type = c.type;
  if (type === 'number' || type === 'time') {
    const set = new Set(values.map((v) => numberOf(v, field, type)));
    if (c.kind === 'num') {
      const data = c.data;
      return (r) => set.has(data[r]!);
    }
    const at = (c as Extract<Column, { kind: 'computed' }>).at;
    return (r) => set.has(at(r) as number);
  }
  if (c.type === 'bool')
    throw new SlipsError(`${field.name} is true or false: compare it with == instead of in`, field.pos);
  const ranges: Cidr[] = [];
  const exact = new Set<string>();
  for (const v of values) {
    if (v.kind === 'cidr') ranges.push(parseCidr(v.value)!);
    else if (v.kind === 'bool') throw typeError(field, 'text', v);
    else exact.add(literalText(v));
  }
  return onStrings(c, (s) => exact.has(s) || ranges.some((range) => cidrContains(range, s)));
}

/** A test on the text of a string or list column (a list matches when one of its items does). */
function onStrings(c: Column, test: StringTest): RowTest {
  if (c.kind === 'code') {
    // Decided once per distinct value: 0 unknown, 1 no, 2 yes.
    const seen = new Uint8Array(c.pool.size);
    const codes = c.codes;
    const values = c.pool.values;
    return (r) => {
      const id = codes[r]!;
      let d = seen[id]!;
      if (d === 0) {
        d = test(values[id]!) ? 2 : 1;
        seen[id] = d;
      }
      return d === 2;
    };
  }
  if (c.kind === 'num') return (r) => test(String(c.data[r]));
  const at = c.at;
  return (r) => {
    const v = at(r);
    if (v === null) return false;
    if (Array.isArray(v)) return v.some((x) => test(String(x)));
    return test(String(v));
  };
}

function numTest(data: ArrayLike<number>, op: CompareOp, v: number): RowTest {
  switch (op) {
    case '==':
      return (r) => data[r] === v;
    case '!=':
      return (r) => data[r] !== v;
    case '<':
      return (r) => data[r]! < v;
    case '<=':
      return (r) => data[r]! <= v;
    case '>':
      return (r) => data[r]! > v;
    case '>=':
      return (r) => data[r]! >= v;
  }
}

function applyOp<T extends number | string>(op: CompareOp, a: T, b: T): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function numberOf(lit: Literal, field: Name, type: 'number' | 'time'): number {
  if (lit.kind === 'number' || lit.kind === 'duration') return lit.value;
  if (type === 'time' && lit.kind === 'string') {
    const ms = Date.parse(lit.value);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  throw typeError(
    field,
    type === 'time' ? 'a time (epoch seconds or an ISO date like "2024-01-31T10:00:00Z")' : 'a number',
    lit,
  );
}

function needsText(c: Column, field: Name, op: string): void {
  if (c.type !== 'string' && c.type !== 'list')
    throw new SlipsError(`${op} works on text fields; ${field.name} is ${article(c.type)}`, field.pos);
}

function literalText(lit: Literal): string {
  switch (lit.kind) {
    case 'number':
    case 'duration':
      return lit.text;
    case 'bool':
      return String(lit.value);
    default:
      return lit.value;
  }
}

function article(type: Column['type']): string {
  return type === 'number'
    ? 'a number'
    : type === 'time'
      ? 'a time'
      : type === 'bool'
        ? 'true or false'
        : type;
}

function typeError(field: Name, wanted: string, lit: Literal): SlipsError {
  const shown = lit.kind === 'string' ? `"${lit.value}"` : literalText(lit);
  return new SlipsError(`${field.name} needs ${wanted} here, not ${shown}`, lit.pos);
}
