// `npm run bench`: throughput and peak memory of each pipeline stage on a large conn.log replayed from
// the real logs in ../shared/data. Each case runs in its own process so its peak RSS is its own.
// A pcap replayed from the shared captures measures the packet path the same way.
// The same flows are also written as Zeek JSON, binetflow and eve.json and measured per format.
// Usage: npm run bench [-- --lines N] [--packets N] [--only conn|formats|pcap] [--format F] [--json FILE]
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateConnLog } from './generateConnLog';
import { generatePcap } from './generatePcap';
import { CASES, PCAP_CASES, type CaseResult } from './cases';
import { FORMAT_STAGES, formatCase } from './formatCases';
import { generateFormat } from './generateFormats';
import type { InputFormat } from '../inputs/reader';

interface Args {
  lines: number;
  /** Only this input format in the formats table (zeek-tsv, zeek-json, binetflow, suricata). */
  format?: string;
  packets: number;
  only?: string;
  json?: string;
  caseName?: string;
  file?: string;
  data: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { lines: 1_000_000, packets: 2_000_000, data: resolve(__dirname, '../../shared/data') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--lines' && v) ((a.lines = Number(v)), i++);
    else if (k === '--json' && v) ((a.json = v), i++);
    else if (k === '--packets' && v) ((a.packets = Number(v)), i++);
    else if (k === '--only' && v) ((a.only = v), i++);
    else if (k === '--format' && v) ((a.format = v), i++);
    else if (k === '--case' && v) ((a.caseName = v), i++);
    else if (k === '--file' && v) ((a.file = v), i++);
    else if (k === '--data' && v) ((a.data = resolve(v)), i++);
  }
  return a;
}

async function runChild(caseName: string, file: string): Promise<CaseResult> {
  return new Promise((res, rej) => {
    const child = fork(process.argv[1]!, ['--case', caseName, '--file', file], {
      // The flag bin/slips.js starts the CLI with, so the figures are the command's.
      execArgv: ['--expose-gc', '--max-semi-space-size=64'],
    });
    child.once('message', (m) => res(m as CaseResult));
    child.once('exit', (code) => code !== 0 && rej(new Error(`bench case ${caseName} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.caseName && args.file) {
    const run = CASES[args.caseName] ?? PCAP_CASES[args.caseName] ?? formatCase(args.caseName);
    if (!run) throw new Error(`unknown bench case ${args.caseName}`);
    const r = await run(args.file);
    process.send!(r);
    return;
  }
  const dir = resolve('.bench');
  mkdirSync(dir, { recursive: true });
  const report: Record<string, unknown> = { node: process.version };
  if (!args.only || args.only === 'conn') report.conn = await connBench(args, dir);
  if (!args.only || args.only === 'formats') report.formats = await formatsBench(args, dir);
  if (!args.only || args.only === 'pcap') report.pcap = await pcapBench(args, dir);
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
}

async function connBench(args: Args, dir: string): Promise<unknown> {
  const t0 = Date.now();
  const file = await generateConnLog(args.data, join(dir, `conn-${args.lines}.log`), args.lines);
  process.stderr.write(`bench: input ${file} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const results: CaseResult[] = [];
  for (const name of Object.keys(CASES)) {
    const r = await runChild(name, file);
    results.push(r);
    process.stderr.write(`bench: ${name} done\n`);
  }
  const baseline = results.find((r) => r.case === 'split-lines')!.seconds;
  const rows = results.map((r) => flowRow(r, baseline));
  console.log(`Zeek TSV conn.log, ${args.lines} lines, node ${process.version}`);
  console.table(rows);
  return { input: file, lines: args.lines, results: rows };
}

/** One table row: throughput, CPU, memory and the time as a multiple of the split-lines baseline. */
function flowRow(r: CaseResult, baselineSeconds: number) {
  return {
    case: r.case,
    records: r.records,
    seconds: +r.seconds.toFixed(3),
    cpu_seconds: +r.cpuSeconds.toFixed(3),
    records_per_s: Math.round(r.records / r.seconds),
    peak_rss_mb: Math.round(r.peakRssBytes / 1048576),
    x_baseline: +(r.seconds / baselineSeconds).toFixed(2),
  };
}

/** Every flow format on the same replayed flows, each stage as a ratio to its own split-lines baseline. */
async function formatsBench(args: Args, dir: string): Promise<unknown> {
  const tsv = await generateConnLog(args.data, join(dir, `conn-${args.lines}.log`), args.lines);
  const inputs: Array<[InputFormat, string]> =
    args.format && args.format !== 'zeek-tsv' ? [] : [['zeek-tsv', tsv]];
  for (const [format, ext] of [
    ['zeek-json', 'json.log'],
    ['binetflow', 'binetflow'],
    ['suricata', 'eve.json'],
  ] as const) {
    if (args.format && args.format !== format) continue;
    const t0 = Date.now();
    // Zeek JSON logs carry no #path: the reader takes the log type from the name, as for Zeek's own files.
    const name = format === 'zeek-json' ? `conn.${args.lines}.${ext}` : `flows-${args.lines}.${ext}`;
    const file = await generateFormat(tsv, join(dir, name), format);
    process.stderr.write(`bench: ${file} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    inputs.push([format, file]);
  }
  const rows = [];
  for (const [format, file] of inputs) {
    let baseline = 0;
    for (const stage of FORMAT_STAGES) {
      const r = await runChild(`${format}/${stage}`, file);
      if (stage === 'split-lines') baseline = r.seconds;
      process.stderr.write(`bench: ${r.case} done\n`);
      rows.push({ format, stage, ...flowRow(r, baseline) });
    }
  }
  console.log(`Every flow format, the same ${args.lines} replayed flows, node ${process.version}`);
  console.table(rows);
  return { lines: args.lines, results: rows };
}

async function pcapBench(args: Args, dir: string): Promise<unknown> {
  const t0 = Date.now();
  const file = generatePcap(args.data, join(dir, `replay-${args.packets}.pcap`), args.packets);
  process.stderr.write(`bench: input ${file} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const rows = [];
  for (const name of Object.keys(PCAP_CASES)) {
    const r = await runChild(name, file);
    process.stderr.write(`bench: ${name} done\n`);
    rows.push({
      case: r.case,
      packets: r.records,
      seconds: +r.seconds.toFixed(3),
      cpu_seconds: +r.cpuSeconds.toFixed(3),
      packets_per_s: Math.round(r.records / r.seconds),
      peak_rss_mb: Math.round(r.peakRssBytes / 1048576),
    });
  }
  console.log(`pcap replayed from the shared captures, ${args.packets} packets, node ${process.version}`);
  console.table(rows);
  return { input: file, packets: args.packets, results: rows };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
