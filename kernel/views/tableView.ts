// A query's rows → a table payload: the shown columns, the first MAX_ROWS rows, the total.
import { MAX_ROWS, type TablePayload } from '../protocol';
import { rowAt, valueAt, viewSize, viewTotal, type View } from '../query/frame';
import { capValue } from './cap';

export function tablePayload(view: View, title = view.frame.title): TablePayload {
  // `select` checked its names, and each source's default list names its own columns.
  const cols = view.frame.shown.map((name) => view.frame.columns.find((c) => c.name === name)!);
  const total = viewTotal(view);
  const rows = [];
  for (let i = 0; i < Math.min(viewSize(view), MAX_ROWS); i++) {
    const r = rowAt(view, i);
    rows.push(cols.map((c) => capValue(valueAt(c, r))));
  }
  return { kind: 'table', title, columns: cols.map((c) => ({ name: c.name, type: c.type })), rows, total };
}
