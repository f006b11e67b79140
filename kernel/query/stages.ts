// The pipeline stages over a view: where, count [by], sort, top, limit, select. Each returns a new view
// (a row selection, an order, or a small frame of grouped counts); nothing copies the source rows.
import type { Name, SortKey, Stage } from '../lang/ast';
import { SlipsError } from '../lang/errors';
import { MAX_ROWS, type Value } from '../protocol';
import { column, compareValues, rowAt, rowsFrame, valueAt, viewSize, type Column, type View } from './frame';
import { compilePredicate, type RowTest } from './predicate';

/** `top N` keeps a sorted buffer of N rows while scanning; beyond this N a full sort is cheaper. */
const TOP_BUFFER_LIMIT = 1000;

export type Outcome = { kind: 'rows'; view: View } | { kind: 'count'; title: string; value: number };

export function runStages(view: View, stages: readonly Stage[]): Outcome {
  let v = view;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    switch (s.kind) {
      case 'where':
        v = where(v, compilePredicate(s.expr, v.frame));
        break;
      case 'count':
        if (s.by.length === 0) {
          const after = stages[i + 1];
          if (after)
            throw new SlipsError(
              `count without by gives one number, so nothing can follow it: use count by FIELD to go on with ${after.kind}`,
              after.pos,
            );
          return { kind: 'count', title: v.frame.title, value: viewSize(v) };
        }
        v = countBy(v, s.by);
        break;
      case 'sort': {
        // Only the first rows of a final order are ever shown: a sort that nothing but limit or select
        // follows keeps those rows in a bounded buffer instead of ordering every row.
        const keep = keptAfterSort(stages, i);
        if (keep !== undefined && keep <= TOP_BUFFER_LIMIT) {
          const size = viewSize(v);
          v = { ...firstInOrder(v, keep, comparator(v, s.keys)), total: size };
        } else v = sorted(v, s.keys);
        break;
      }
      case 'top':
        v = top(v, s.n, s.by ?? defaultRank(v, s.pos));
        break;
      case 'limit':
        v = v.rows
          ? {
              frame: v.frame,
              rows: v.rows.subarray(0, s.n),
              total: v.total === undefined ? undefined : Math.min(v.total, s.n),
            }
          : limitAll(v, s.n);
        break;
      case 'select':
        for (const f of s.fields) column(v.frame, f);
        v = { ...v, frame: { ...v.frame, shown: s.fields.map((f) => f.name) } };
        break;
    }
  }
  return { kind: 'rows', view: v };
}

function where(v: View, test: RowTest): View {
  const n = viewSize(v);
  const out = new Uint32Array(n);
  let k = 0;
  if (v.rows) {
    const rows = v.rows;
    for (let i = 0; i < n; i++) if (test(rows[i]!)) out[k++] = rows[i]!;
  } else for (let r = 0; r < n; r++) if (test(r)) out[k++] = r;
  return { frame: v.frame, rows: out.slice(0, k) };
}

function limitAll(v: View, n: number): View {
  const k = Math.min(n, v.frame.length);
  const rows = new Uint32Array(k);
  for (let i = 0; i < k; i++) rows[i] = i;
  return { frame: v.frame, rows };
}

function countBy(v: View, by: readonly Name[]): View {
  const cols = by.map((f) => column(v.frame, f));
  const n = viewSize(v);
  const groups: { row: number; count: number }[] = [];
  const only = cols.length === 1 ? cols[0]! : undefined;
  if (only?.kind === 'code') {
    const counts = new Uint32Array(only.pool.size);
    const firstRow = new Int32Array(only.pool.size).fill(-1);
    for (let i = 0; i < n; i++) {
      const r = rowAt(v, i);
      const id = only.codes[r]!;
      if (counts[id]++ === 0) firstRow[id] = r;
    }
    for (let id = 0; id < counts.length; id++)
      if (counts[id]) groups.push({ row: firstRow[id]!, count: counts[id]! });
  } else if (only?.kind === 'num') {
    const byValue = new Map<number, { row: number; count: number }>();
    for (let i = 0; i < n; i++) {
      const r = rowAt(v, i);
      const g = byValue.get(only.data[r]!);
      if (g) g.count++;
      else byValue.set(only.data[r]!, { row: r, count: 1 });
    }
    groups.push(...byValue.values());
  } else groups.push(...groupRows(v, cols));
  const rows: Value[][] = groups.map((g) => [...cols.map((c) => valueAt(c, g.row)), g.count]);
  rows.sort((a, b) => {
    const d = (b[cols.length] as number) - (a[cols.length] as number);
    if (d) return d;
    for (let i = 0; i < cols.length; i++) {
      const c = compareValues(a[i]!, b[i]!);
      if (c) return c;
    }
    return 0;
  });
  const infos = [
    ...cols.map((c) => ({ name: c.name, type: c.type })),
    { name: 'count', type: 'number' as const },
  ];
  return {
    frame: rowsFrame(`${v.frame.title} by ${by.map((b) => b.name).join(', ')}`, infos, rows),
    rows: undefined,
  };
}

/** Largest product of the columns' distinct-value counts for which a group key still fits a double exactly. */
const MAX_EXACT_KEY = 2 ** 52;

/**
 * Groups by several columns: each column's values get dense ids first, and the group key is the ids
 * combined into one number when that is exact, so the map is keyed by numbers (several times faster
 * than building a string per row); very wide combinations fall back to string keys.
 */
function groupRows(v: View, cols: readonly Column[]): { row: number; count: number }[] {
  const n = viewSize(v);
  const ids: ArrayLike<number>[] = [];
  const cards: number[] = [];
  for (const c of cols) {
    if (c.kind === 'code') {
      ids.push(c.codes);
      cards.push(c.pool.size);
      continue;
    }
    const dense = new Map<unknown, number>();
    const col = new Uint32Array(v.frame.length);
    for (let i = 0; i < n; i++) {
      const r = rowAt(v, i);
      const raw = valueAt(c, r);
      const key = Array.isArray(raw) ? JSON.stringify(raw) : raw;
      let id = dense.get(key);
      if (id === undefined) dense.set(key, (id = dense.size));
      col[r] = id;
    }
    ids.push(col);
    cards.push(Math.max(1, dense.size));
  }
  const exact = cards.reduce((a, b) => a * b, 1) <= MAX_EXACT_KEY;
  const groups = new Map<number | string, { row: number; count: number }>();
  for (let i = 0; i < n; i++) {
    const r = rowAt(v, i);
    let key: number | string;
    if (exact) {
      key = 0;
      for (let k = 0; k < ids.length; k++) key = key * cards[k]! + ids[k]![r]!;
    } else key = ids.map((a) => a[r]).join(',');
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { row: r, count: 1 });
  }
  return [...groups.values()];
}

type RowCompare = (a: number, b: number) => number;

/** Row comparison by the keys, ties broken by row number so every order is deterministic. */
function comparator(v: View, keys: readonly SortKey[]): RowCompare {
  const parts = keys.map((k) => {
    const c = column(v.frame, k.field);
    const sign = k.descending ? -1 : 1;
    if (c.kind === 'num') {
      const d = c.data;
      return (a: number, b: number) => sign * (d[a]! - d[b]!);
    }
    if (c.kind === 'code') {
      const rank = ranks(c);
      const codes = c.codes;
      return (a: number, b: number) => sign * (rank[codes[a]!]! - rank[codes[b]!]!);
    }
    const at = c.at;
    return (a: number, b: number) => sign * compareValues(at(a), at(b));
  });
  return (a, b) => {
    for (const p of parts) {
      const d = p(a, b);
      if (d) return d;
    }
    return a - b;
  };
}

/** Position of each interned string in sorted order, so sorting compares integers. */
function ranks(c: Extract<Column, { kind: 'code' }>): Int32Array {
  const values = c.pool.values;
  const ids = Array.from(values.keys()).sort((a, b) =>
    values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0,
  );
  const rank = new Int32Array(values.length);
  ids.forEach((id, i) => (rank[id] = i));
  return rank;
}

function allRows(v: View): Uint32Array {
  if (v.rows) return v.rows.slice();
  const rows = new Uint32Array(v.frame.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return rows;
}

function sorted(v: View, keys: readonly SortKey[]): View {
  return { frame: v.frame, rows: allRows(v).sort(comparator(v, keys)) };
}

/** How many rows of a sort at `i` can be seen: the smallest limit after it (or what a result shows), if only limit and select follow. */
function keptAfterSort(stages: readonly Stage[], i: number): number | undefined {
  let keep = MAX_ROWS;
  for (const s of stages.slice(i + 1)) {
    if (s.kind === 'limit') keep = Math.min(keep, s.n);
    else if (s.kind !== 'select') return undefined;
  }
  return keep;
}

/** The N rows ranking highest by `by`, in that order, without sorting everything. */
function top(v: View, n: number, by: Name): View {
  const cmp = comparator(v, [{ field: by, descending: true }]);
  if (n > TOP_BUFFER_LIMIT) return { frame: v.frame, rows: allRows(v).sort(cmp).subarray(0, n) };
  return firstInOrder(v, n, cmp);
}

/** The first `n` rows in the order `cmp` gives, kept in a sorted buffer while scanning once. */
function firstInOrder(v: View, n: number, cmp: RowCompare): View {
  const size = viewSize(v);
  const best: number[] = [];
  for (let i = 0; i < size; i++) {
    const r = rowAt(v, i);
    if (best.length === n && (n === 0 || cmp(r, best[n - 1]!) >= 0)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, r);
    if (best.length > n) best.pop();
  }
  return { frame: v.frame, rows: Uint32Array.from(best) };
}

/** `top N` without `by` ranks by the count a `count by` made; anywhere else it must be told. */
function defaultRank(v: View, pos: Stage['pos']): Name {
  if (v.frame.columns.some((c) => c.name === 'count')) return { name: 'count', pos };
  throw new SlipsError('top needs a field to rank by here (top 10 by bytes), or a count by before it', pos);
}
