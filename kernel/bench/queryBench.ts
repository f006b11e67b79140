// Query times over a million connections (issue 5: typical queries under 300 ms).
//   npx tsx kernel/bench/queryBench.ts [flows]            synthetic flows straight into the kernel's store
//   npx tsx kernel/bench/queryBench.ts --engine [lines]   a conn.log replayed from ../shared/data, loaded
//                                                         through the whole engine by a Session, queried as cells
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { generateConnLog } from '../../engine/bench/generateConnLog';
import { runCell } from '../evaluator';
import { Session } from '../session/session';
import { TimeWindowGrid } from '../../engine/profiler/timeWindows';
import type { ConnRecord } from '../../engine/flow';
import { parseCell } from '../lang/parser';
import { connFrame } from '../query/sources';
import { runStages } from '../query/stages';
import { SessionSink } from '../session/sessionSink';
import { tablePayload } from '../views/tableView';
import { syntheticConns } from './syntheticConn';
import type { Loaded } from '../session/session';
import { namedChart } from '../views/charts/namedCharts';
import { chartPayload } from '../views/chartView';
import { exportTable } from '../output/export/exportColumns';
import { encode } from '../output/export/writeExport';

const CHARTS = [
  'chart flows over time',
  'chart flows over time by 1m',
  'chart bytes by dport',
  'chart destinations of 192.168.0.17',
];

const QUERIES = [
  'flows | where dport == 443 and daddr in 10.0.0.0/8 | count by daddr | top 10',
  'flows | where proto == tcp and sbytes > 1000 | count',
  'flows | count by dport | top 10',
  'flows | count by saddr | top 10',
  'flows | top 10 by bytes',
  'flows | where saddr == 192.168.1.17 and state != SF | sort ts desc | limit 20',
  'flows | where daddr matches /^93\\./ or dport in [22, 3389] | count by saddr, dport | top 10',
  'flows | sort sbytes desc | limit 10',
];
const RUNS = 5;

function report(q: string, times: number[], total: number): void {
  times.sort((a, b) => a - b);
  console.log(
    `${times[0]!.toFixed(1).padStart(7)} ms min ${times[times.length >> 1]!.toFixed(1).padStart(7)} ms median  (${total} rows/count)  ${q}`,
  );
}

async function viaEngine(lines: number): Promise<void> {
  const log = await generateConnLog(
    resolve(__dirname, '../../../shared/data'),
    resolve(tmpdir(), `kernel-bench-conn-${lines}.log`),
    lines,
  );
  const session = new Session();
  let t = performance.now();
  const [load] = await runCell(session, `load ${log}`);
  if (load?.kind !== 'load') throw new Error(JSON.stringify(load));
  console.log(
    `engine load of ${load.recordsParsed} flows (${load.profiles} profiles, ${load.evidence} evidence): ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const queries = [
    'flows | where dport == 443 and proto == tcp | count by daddr | top 10',
    'flows | where dport == 80 and daddr in 10.0.0.0/8 | count',
    'flows | count by dport | top 10',
    'flows | top 10 by bytes',
    'evidence | count by type',
    'profiles | sort flows desc | limit 10',
  ];
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      const [p] = await runCell(session, q);
      times.push(performance.now() - t);
      total = p?.kind === 'scalar' ? p.value : p?.kind === 'table' ? p.total : -1;
    }
    report(q, times, total);
  }
  const [busiest] = await runCell(session, 'timewindows | top 1 by flows | select ip, tw');
  if (busiest?.kind !== 'table') throw new Error(JSON.stringify(busiest));
  const [ip, tw] = busiest.rows[0]!;
  t = performance.now();
  const [timeline] = await runCell(session, `timeline ${ip} tw ${tw}`);
  const entries = timeline?.kind === 'timeline' ? timeline.total : -1;
  console.log(
    `timeline ${ip} tw ${tw} (the busiest window): ${entries} entries, first page in ${(performance.now() - t).toFixed(1)} ms`,
  );
  console.log(
    `heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
}

/** Charts and exports over the synthetic flows: the flow charts read only the sink and the grid. */
async function chartsAndExports(sink: SessionSink, grid: TimeWindowGrid): Promise<void> {
  const loaded = { sink, grid } as Pick<Loaded, 'sink' | 'grid'> as Loaded;
  for (const c of CHARTS) {
    const stmt = parseCell(c).statements[0]!;
    if (stmt.kind !== 'chart') throw new Error(c);
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const p = await chartPayload(namedChart(loaded, stmt.form));
      times.push(performance.now() - t0);
      points = p.data.rows.length;
    }
    report(`${c} (data + spec + SVG)`, times, points);
  }
  const frame = connFrame({ sink, grid });
  const view = { frame, rows: undefined };
  const names = frame.columns.map((c) => c.name);
  for (const format of ['csv', 'arrow', 'parquet'] as const) {
    const t0 = performance.now();
    const bytes = await encode(exportTable(view, names), format);
    report(
      `export ${format} of every field (${(bytes.length / 2 ** 20).toFixed(0)} MB)`,
      [performance.now() - t0],
      frame.length,
    );
  }
}

function synthetic(n: number): void {
  const sink = new SessionSink();
  const grid = new TimeWindowGrid(3600);
  let t = performance.now();
  const batch: ConnRecord[] = [];
  for (const rec of syntheticConns(n)) {
    grid.observe(rec.ts);
    batch.push(rec);
    if (batch.length === 10_000) {
      sink.records(batch);
      batch.length = 0;
    }
  }
  sink.records(batch);
  console.log(`stored ${sink.conn.length} flows in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const frame = connFrame({ sink, grid });
  console.log(`frame (derived columns bytes, pkts, tw) built in ${(performance.now() - t).toFixed(0)} ms`);
  for (const q of QUERIES) {
    const stmt = parseCell(q).statements[0]!;
    if (stmt.kind !== 'query') throw new Error(q);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const out = runStages({ frame, rows: undefined }, stmt.stages);
      total = out.kind === 'count' ? out.value : tablePayload(out.view).total;
      times.push(performance.now() - t0);
    }
    report(q, times, total);
  }
  void chartsAndExports(sink, grid).then(() =>
    console.log(
      `heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    ),
  );
}

if (process.argv[2] === '--engine') void viaEngine(Number(process.argv[3] ?? 1_000_000));
else synthetic(Number(process.argv[2] ?? 1_000_000));
