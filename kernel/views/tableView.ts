// A query's rows → a table payload: the shown columns, the first MAX_ROWS rows, the total.
import { MAX_ROWS, type TablePayload, type Value } from '../protocol';
import { rowAt, valueAt, viewSize, viewTotal, type View } from '../query/frame';
import { capValue } from './cap';

export function tablePayload(view: View, title = view.frame.title): TablePayload {
  // `select` checked its names, and each source's default list names its own columns.
  const cols = view.frame.shown.map((name) => view.frame.columns.find((c) => c.name === name)!);
  const total = viewTotal(view);
  const rows = tablePage(view, 0, MAX_ROWS);
  return { kind: 'table', title, columns: cols.map((c) => ({ name: c.name, type: c.type })), rows, total };
}

/** Rows `offset … offset+limit` of the view, in the shown columns (a renderer asking for more). */
export function tablePage(view: View, offset: number, limit: number): Value[][] {
  const cols = view.frame.shown.map((name) => view.frame.columns.find((c) => c.name === name)!);
  const rows: Value[][] = [];
  const end = Math.min(viewSize(view), offset + limit);
  for (let i = Math.max(0, offset); i < end; i++) {
    const r = rowAt(view, i);
    rows.push(cols.map((c) => capValue(valueAt(c, r))));
  }
  return rows;
}
