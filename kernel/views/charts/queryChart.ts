// `<query> | chart bar|line x=F y=F`: the query's rows as points, in the query's order (a bar chart
// keeps a `count by`'s ranking; vega draws a line along x).
import type { Name, QueryOutput } from '../../lang/ast';
import { SlipsError } from '../../lang/errors';
import { MAX_BARS, MAX_LINE_POINTS, type ColumnInfo, type Value } from '../../protocol';
import { column, rowAt, valueAt, viewSize, viewTotal, type View } from '../../query/frame';
import { capValue } from '../cap';
import type { ChartData } from './chartData';

/** A label longer than this is cut in a chart (a hostile 2,000-character URI would swamp the SVG). */
const MAX_LABEL = 120;

export function queryChart(view: View, out: Extract<QueryOutput, { kind: 'chart' }>): ChartData {
  const x = column(view.frame, out.x);
  const y = column(view.frame, out.y);
  if (y.type !== 'number')
    throw new SlipsError(
      `y is drawn as a height, so it must be a number field; ${out.y.name} is ${y.type === 'time' ? 'a time' : 'text'}. Try count by ${out.x.name} and y=count.`,
      out.y.pos,
    );
  if (sameName(out.x, out.y)) throw new SlipsError('x and y are the same field', out.y.pos);
  const cap = out.mark === 'bar' ? MAX_BARS : MAX_LINE_POINTS;
  const n = Math.min(viewSize(view), cap);
  const rows: Value[][] = [];
  for (let i = 0; i < n; i++) {
    const r = rowAt(view, i);
    rows.push([label(valueAt(x, r)), valueAt(y, r)]);
  }
  const total = viewTotal(view);
  const columns: ColumnInfo[] = [
    { name: x.name, type: x.type === 'list' ? 'string' : x.type },
    { name: y.name, type: 'number' },
  ];
  // After `count by F`, the frame's title (`flows by dport`) already says what the bars are.
  const what = view.frame.title.endsWith(` by ${x.name}`)
    ? view.frame.title
    : `${view.frame.title}: ${y.name} by ${x.name}`;
  return {
    title: `${what}${total > n ? ` (first ${n} of ${total} rows)` : ''}`,
    mark: out.mark,
    columns,
    rows,
    total,
    x: x.name,
    y: y.name,
  };
}

function sameName(a: Name, b: Name): boolean {
  return a.name === b.name;
}

function label(v: Value): Value {
  const s = Array.isArray(v) ? v.join(', ') : v;
  if (typeof s === 'string' && s.length > MAX_LABEL) return s.slice(0, MAX_LABEL) + '…';
  return capValue(s);
}
