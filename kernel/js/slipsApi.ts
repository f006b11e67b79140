// The `slips` object a javascript cell sees: the notebook session's query API, returning plain rows,
// and `display` to add an output. Kept small on purpose: anything richer is a slips query in a string.
import { parseCell } from '../lang/parser';
import { SlipsError } from '../lang/errors';
import type { Stage } from '../lang/ast';
import type { SourceName } from '../lang/vocabulary';
import { MAX_ROWS, MAX_STRING, type ColumnType, type TablePayload, type Value } from '../protocol';
import { rowAt, valueAt, viewSize } from '../query/frame';
import { sourceFrame } from '../query/sources';
import { runStages } from '../query/stages';
import { SessionError, type Session } from '../session/session';

export type Row = Record<string, Value>;

/** What `display` and `console.log` produced, in the order the cell produced it. */
export type JsOutput = { kind: 'text'; text: string } | { kind: 'table'; payload: TablePayload };

export interface SlipsApi {
  /** A slips query (`flows | where … | count by …`): its rows, or the number for a plain `count`. */
  query(text: string): Row[] | number;
  profiles(): Row[];
  evidence(): Row[];
  alerts(): Row[];
  /** An output: an array of objects becomes a table, a string text, anything else its JSON. */
  display(value: unknown): void;
}

export function slipsApi(session: Session, emit: (o: JsOutput) => void): SlipsApi {
  // A query's own row list shown as is keeps the query's title and column types (a time stays a time);
  // a list the cell built or filtered gets types guessed from its values.
  const typed = new WeakMap<object, { title: string; columns: TablePayload['columns'] }>();
  const query = (text: string): Row[] | number => {
    if (typeof text !== 'string') throw new TypeError('slips.query takes the text of a slips query');
    const statements = parseCell(text).statements;
    const s = statements[0];
    if (statements.length !== 1 || s?.kind !== 'query' || s.output)
      throw new SlipsError(
        'slips.query runs one query (SOURCE | stages…) without chart or export; load and the rest go in slips cells',
        s?.pos,
      );
    const outcome = runStages(
      { frame: sourceFrame(session.require(), s.source.name as SourceName), rows: undefined },
      everyRow(s.stages),
    );
    if (outcome.kind === 'count') return outcome.value;
    const { view } = outcome;
    const cols = view.frame.shown.map((name) => view.frame.columns.find((c) => c.name === name)!);
    const rows: Row[] = [];
    for (let i = 0; i < viewSize(view); i++) {
      const r = rowAt(view, i);
      const row: Row = {};
      for (const c of cols) row[c.name] = plain(valueAt(c, r));
      rows.push(row);
    }
    typed.set(rows, { title: view.frame.title, columns: cols.map((c) => ({ name: c.name, type: c.type })) });
    return rows;
  };
  const all = (source: SourceName) => userErrors(() => query(source) as Row[]);
  return {
    query: userErrors(query),
    profiles: all('profiles'),
    evidence: all('evidence'),
    alerts: all('alerts'),
    display(value: unknown) {
      if (typeof value === 'string') emit({ kind: 'text', text: value });
      else if (isRowList(value)) emit({ kind: 'table', payload: rowsTable(value, typed.get(value)) });
      else emit({ kind: 'text', text: describe(value) });
    },
  };
}

/**
 * A table shows 200 rows, so a final sort keeps only those (kernel/query/stages.ts); a script wants them
 * all. A filter that keeps every row (`not FIELD in []`) after the last sort makes it order all of them,
 * and the limits after it still apply.
 */
function everyRow(stages: readonly Stage[]): Stage[] {
  let last = -1;
  stages.forEach((st, i) => {
    if (st.kind === 'sort') last = i;
  });
  const sort = stages[last];
  if (sort?.kind !== 'sort') return [...stages];
  const field = sort.keys[0]!.field;
  const keepAll: Stage = {
    kind: 'where',
    expr: { kind: 'not', expr: { kind: 'in', field, values: [], pos: sort.pos }, pos: sort.pos },
    pos: sort.pos,
  };
  return [...stages.slice(0, last + 1), keepAll, ...stages.slice(last + 1)];
}

/**
 * A user's mistake is thrown again from here, a few frames above the cell: an error thrown deep in the
 * parser would have its cell frame cut from the stack (Error.stackTraceLimit), and that frame is how the
 * error output says which line of the cell made the call.
 */
function userErrors<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args);
    } catch (err) {
      if (!(err instanceof SlipsError || err instanceof SessionError || err instanceof TypeError)) throw err;
      throw Object.assign(new Error(err.message), { name: err.name });
    }
  };
}

/** Typed arrays and frozen lists become ordinary arrays, so the cell can map and spread them. */
function plain(v: Value): Value {
  return Array.isArray(v) ? ([...(v as readonly (string | number)[])] as Value) : v;
}

function isRowList(v: unknown): v is Record<string, unknown>[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))
  );
}

/** The columns are the keys in the order first seen; a column's type is its first non-null value's. */
function rowsTable(
  list: Record<string, unknown>[],
  known?: { title: string; columns: TablePayload['columns'] },
): TablePayload {
  const names: string[] = known ? known.columns.map((c) => c.name) : [];
  if (!known) for (const r of list) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns =
    known?.columns ?? names.map((name) => ({ name, type: columnType(list.map((r) => r[name])) }));
  // Array.from builds the rows in the kernel's realm, not the cell's, like every other payload.
  const rows = Array.from(list.slice(0, MAX_ROWS), (r) => names.map((n) => cell(r[n])));
  return { kind: 'table', title: known?.title ?? 'display', columns, rows, total: list.length };
}

function columnType(values: unknown[]): ColumnType {
  const v = values.find((x) => x !== null && x !== undefined);
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return 'string';
}

function cell(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return cap(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return Array.from(v as number[]);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return Array.from(v as string[]);
  return cap(describe(v));
}

function cap(s: string): string {
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
}

/** How console.log and display show a value that is not a string: JSON where it can, else String(). */
export function describe(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return String(v);
  if (typeof v === 'object' && v !== null && 'stack' in v && 'message' in v)
    return String((v as Error).stack);
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}
