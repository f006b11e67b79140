// ChartData → a vega-lite v5 spec with its data inline. Deterministic by construction: time is drawn
// on UTC scales (never the machine's time zone), category order is the data's order (no re-sorting
// by vega), colours come from fixed tables, and nothing depends on the clock or random ids.
import type { ColumnInfo, Value, VegaLiteSpec } from '../../protocol';
import type { ChartData } from './chartData';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const WIDTH = 640;
const HEIGHT = 260;
/** Labels longer than this are cut on the axis (the full value is in the data and the tooltip). */
const LABEL_LIMIT_PX = 160;
/** Time labels as ISO-like UTC text, finest part shown. */
const TIME_FORMAT = '%Y-%m-%d %H:%M:%S';

type Encoding = Record<string, unknown>;

function axisEncoding(col: ColumnInfo, data: ChartData, axis: 'x' | 'y', title: string): Encoding {
  if (col.type === 'time')
    return {
      field: col.name,
      type: 'temporal',
      title: `${title} (UTC)`,
      scale: { type: 'utc' },
      // A utc scale formats its labels in UTC; the format only makes them read like ISO dates.
      axis: { format: TIME_FORMAT, labelAngle: -30 },
    };
  // Ports, window numbers and other numbers on a bar chart are categories, not a continuous scale.
  if (col.type === 'number' && (axis === 'y' || data.mark === 'line'))
    return { field: col.name, type: 'quantitative', title };
  return { field: col.name, type: 'ordinal', title, sort: null, axis: { labelLimit: LABEL_LIMIT_PX } };
}

/** A row as a data object: time in milliseconds (vega's unit), lists as text. */
function datum(columns: readonly ColumnInfo[], row: readonly Value[]): Record<string, Value> {
  const o: Record<string, Value> = {};
  columns.forEach((c, i) => {
    const v = row[i]!;
    if (c.type === 'time' && typeof v === 'number') o[c.name] = Math.round(v * 1000);
    else if (Array.isArray(v)) o[c.name] = v.join(', ');
    else o[c.name] = v;
  });
  return o;
}

export function chartSpec(d: ChartData): VegaLiteSpec {
  const col = (name: string) => d.columns.find((c) => c.name === name)!;
  const encoding: Encoding = {
    x: axisEncoding(col(d.x), d, 'x', d.xTitle ?? d.x),
    y: axisEncoding(col(d.y), d, 'y', d.yTitle ?? d.y),
    tooltip: d.columns.map((c) =>
      c.type === 'time'
        ? { field: c.name, type: 'temporal', timeUnit: 'utcyearmonthdatehoursminutesseconds' }
        : { field: c.name, type: c.type === 'number' ? 'quantitative' : 'nominal' },
    ),
  };
  if (d.color)
    encoding.color = {
      field: d.color.field,
      type: 'nominal',
      scale: { domain: d.color.domain, range: d.color.range },
      sort: d.color.domain,
    };
  return {
    $schema: SCHEMA,
    title: d.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: d.rows.map((r) => datum(d.columns, r)) },
    mark: d.mark === 'line' ? { type: 'line', point: d.rows.length <= 60 } : { type: 'bar' },
    encoding,
    config: { font: 'sans-serif' },
  };
}
