// What a chart shows, before it becomes a vega-lite spec: its points as a small table and which columns
// go on which axis. Every chart of the language (named or piped) is built as one of these.
import type { ChartMark } from '../../lang/ast';
import type { ColumnInfo, Value } from '../../protocol';

/** A coloured series: the column, and its values in a fixed order with fixed colours (deterministic legend). */
export interface ChartColor {
  field: string;
  domain: readonly string[];
  range: readonly string[];
}

export interface ChartData {
  title: string;
  mark: ChartMark;
  columns: ColumnInfo[];
  rows: Value[][];
  /** Points before capping (rows holds at most MAX_BARS or MAX_LINE_POINTS). */
  total: number;
  x: string;
  y: string;
  color?: ChartColor;
  /** Axis titles when the column name alone says too little (`bytes` → `bytes (both ways)`). */
  xTitle?: string;
  yTitle?: string;
}
