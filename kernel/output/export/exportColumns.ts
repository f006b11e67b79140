// A query's rows as whole columns for a file: every row the query produced (not the first MAX_ROWS a
// table shows). Numbers stored in typed arrays are copied as such; other values are read per row.
import type { ColumnType, Value } from '../../protocol';
import { rowAt, valueAt, viewSize, type Column, type View } from '../../query/frame';

export type ExportColumn =
  | { name: string; type: 'number' | 'time'; values: Float64Array | Int32Array }
  | { name: string; type: Exclude<ColumnType, 'number' | 'time'> | 'number' | 'time'; values: Value[] };

export interface ExportTable {
  rows: number;
  columns: ExportColumn[];
}

/** The named columns of the view's frame, over the view's rows in order. */
export function exportTable(view: View, names: readonly string[]): ExportTable {
  const n = viewSize(view);
  const columns = names.map((name) => {
    const c = view.frame.columns.find((col) => col.name === name)!;
    return extract(view, c, n);
  });
  return { rows: n, columns };
}

function extract(view: View, c: Column, n: number): ExportColumn {
  if (c.kind === 'num') {
    const values = c.data instanceof Int32Array ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = c.data[rowAt(view, i)]!;
    return { name: c.name, type: c.type, values };
  }
  const values: Value[] = new Array(n);
  for (let i = 0; i < n; i++) values[i] = valueAt(c, rowAt(view, i));
  return { name: c.name, type: c.type, values };
}
