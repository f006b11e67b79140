// ChartData → the chart result: its vega-lite spec, the SVG vega draws from it, and its points as a table.
import type { ChartPayload } from '../protocol';
import { renderSvg } from '../output/chartSvg';
import type { ChartData } from './charts/chartData';
import { chartSpec } from './charts/chartSpec';

export async function chartPayload(d: ChartData): Promise<ChartPayload> {
  const spec = chartSpec(d);
  return {
    kind: 'chart',
    title: d.title,
    spec,
    svg: await renderSvg(spec),
    data: { kind: 'table', title: d.title, columns: d.columns, rows: d.rows, total: d.total },
  };
}
