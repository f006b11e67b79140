// What a query runs over: a frame of rows with typed columns, and a view (a selection and an order of
// its rows). Columns say how they are stored so the hot loops can read typed arrays and interned ids
// directly; other columns compute a value per row.
import type { ColumnType, Value } from '../protocol';
import type { StringPool } from '../session/stringPool';
import { SlipsError } from '../lang/errors';
import type { Name } from '../lang/ast';
import { didYouMean } from '../lang/suggest';

export type Column =
  /** A number per row in a typed array. */
  | { kind: 'num'; name: string; type: 'number' | 'time'; data: ArrayLike<number> }
  /** An interned string per row: `codes[row]` indexes `pool.values`. */
  | { kind: 'code'; name: string; type: 'string'; codes: ArrayLike<number>; pool: StringPool }
  /** Anything else: read from the row's object. */
  | { kind: 'computed'; name: string; type: ColumnType; at(row: number): Value };

export interface Frame {
  title: string;
  /** Rows are numbered 0..length-1. */
  length: number;
  columns: readonly Column[];
  /** The columns a result shows unless `select` says otherwise. */
  shown: readonly string[];
}

export interface View {
  frame: Frame;
  /** Row numbers in order; undefined means every row in row order. */
  rows: Uint32Array | undefined;
  /**
   * Set when a final sort kept only the rows a result can show: how many rows the query produced.
   * Only the last stages set it (nothing after them needs the rest).
   */
  total?: number;
}

export function viewSize(v: View): number {
  return v.rows ? v.rows.length : v.frame.length;
}

/** Rows the query produced, counting those a final sort did not need to order. */
export function viewTotal(v: View): number {
  return v.total ?? viewSize(v);
}

export function rowAt(v: View, i: number): number {
  return v.rows ? v.rows[i]! : i;
}

export function valueAt(c: Column, row: number): Value {
  switch (c.kind) {
    case 'num':
      return c.data[row]!;
    case 'code':
      return c.pool.values[c.codes[row]!]!;
    case 'computed':
      return c.at(row);
  }
}

/** The column named `name`, or an error pointing at the name with the nearest field. */
export function column(frame: Frame, name: Name): Column {
  const c = frame.columns.find((col) => col.name === name.name);
  if (c) return c;
  const names = frame.columns.map((col) => col.name);
  throw new SlipsError(
    `${frame.title} has no field '${name.name}'.${didYouMean(name.name, names)} Fields: ${names.join(', ')}.`,
    name.pos,
  );
}

/** A frame over rows already built (grouped counts, small listings). */
export function rowsFrame(
  title: string,
  infos: readonly { name: string; type: ColumnType }[],
  rows: readonly Value[][],
): Frame {
  return {
    title,
    length: rows.length,
    columns: infos.map((info, i) => ({
      kind: 'computed',
      name: info.name,
      type: info.type,
      at: (r) => rows[r]![i]!,
    })),
    shown: infos.map((i) => i.name),
  };
}

/** A frame over a list of objects, one computed column per field. */
export function objectFrame<T>(
  title: string,
  items: readonly T[],
  fields: readonly { name: string; type: ColumnType; get(item: T): Value }[],
  shown: readonly string[],
): Frame {
  return {
    title,
    length: items.length,
    columns: fields.map((f) => ({
      kind: 'computed',
      name: f.name,
      type: f.type,
      at: (r) => f.get(items[r]!),
    })),
    shown,
  };
}

/** Deterministic order of values: null first, numbers by value, strings by code unit, lists as joined text. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const sa = Array.isArray(a) ? a.join(',') : String(a);
  const sb = Array.isArray(b) ? b.join(',') : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
