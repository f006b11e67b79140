// The named charts: flows over time, bytes by a field, destinations of a host, evidence over windows.
// Each folds the session's columns in one pass (a million flows cost a scan of one or two typed arrays)
// into a ChartData of a few hundred points at most.
import type { ChartForm, Literal, Name } from '../../lang/ast';
import { SlipsError } from '../../lang/errors';
import { didYouMean } from '../../lang/suggest';
import { MAX_BARS, MAX_LINE_POINTS, type Value } from '../../protocol';
import { column, compareValues, valueAt, type Frame } from '../../query/frame';
import { evidenceFrame, sourceFrame } from '../../query/sources';
import type { Loaded } from '../../session/session';
import type { ChartData } from './chartData';

/** Bars a ranking chart shows unless `top N` says otherwise. */
const DEFAULT_TOP = 20;
/** Bin widths `flows over time` picks from (seconds) when not told: the smallest giving at most AUTO_BINS bins. */
const NICE_INTERVALS = [
  1,
  5,
  10,
  30,
  60,
  300,
  600,
  1800,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86400,
  7 * 86400,
];
const AUTO_BINS = 300;
/** Threat levels in rising order with a colour each (light to dark), so every chart's legend is the same. */
const THREAT_DOMAIN = ['info', 'low', 'medium', 'high', 'critical'];
const THREAT_RANGE = ['#9ecae1', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];

export function namedChart(loaded: Loaded, form: ChartForm): ChartData {
  switch (form.kind) {
    case 'flowsOverTime':
      return flowsOverTime(loaded, form.interval, form.ip);
    case 'bytesBy':
      return bytesBy(loaded, form.field, form.top ?? DEFAULT_TOP);
    case 'destinations':
      return destinations(loaded, form.ip, form.top ?? DEFAULT_TOP);
    case 'evidenceOverWindows':
      return evidenceOverWindows(loaded, form.ip);
  }
}

function flows(loaded: Loaded): Frame {
  return sourceFrame(loaded, 'flows');
}

function codeColumn(frame: Frame, name: string) {
  const c = column(frame, { name, pos: { line: 0, col: 0, offset: 0, end: 0 } });
  if (c.kind !== 'code') throw new Error(`flows.${name} is not an interned column`);
  return c;
}

function numColumn(frame: Frame, name: string): ArrayLike<number> {
  const c = column(frame, { name, pos: { line: 0, col: 0, offset: 0, end: 0 } });
  if (c.kind !== 'num') throw new Error(`flows.${name} is not a numeric column`);
  return c.data;
}

/** The interned id of an address in the flows, or an error at the argument when no flow has it. */
function addressId(frame: Frame, ip: Literal): number {
  const pool = codeColumn(frame, 'saddr').pool;
  const id = pool.idOf(String(ip.value));
  if (id >= 0) return id;
  throw new SlipsError(
    `no flow has ${String(ip.value)} as source or destination.${didYouMean(String(ip.value), pool.values)}`,
    ip.pos,
  );
}

function flowsOverTime(loaded: Loaded, interval: Literal | undefined, ip: Literal | undefined): ChartData {
  const f = flows(loaded);
  const ts = numColumn(f, 'ts');
  const id = ip ? addressId(f, ip) : -1;
  const src = codeColumn(f, 'saddr').codes;
  const dst = codeColumn(f, 'daddr').codes;
  const keep = (r: number) => id < 0 || src[r] === id || dst[r] === id;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < f.length; r++)
    if (keep(r)) {
      if (ts[r]! < lo) lo = ts[r]!;
      if (ts[r]! > hi) hi = ts[r]!;
    }
  const who = ip ? ` from or to ${String(ip.value)}` : '';
  // The parser only lets a positive number or duration through as an interval.
  const step = typeof interval?.value === 'number' ? interval.value : autoInterval(lo, hi);
  const columns = [
    { name: 'time', type: 'time' as const },
    { name: 'flows', type: 'number' as const },
  ];
  const title = `flows${who} per ${durationText(step)}`;
  if (lo > hi) return { title, mark: 'line', columns, rows: [], total: 0, x: 'time', y: 'flows' };
  // Bins start at multiples of the step in epoch time, so the same traffic always gets the same bins.
  const first = Math.floor(lo / step);
  const bins = Math.floor(hi / step) - first + 1;
  if (bins > MAX_LINE_POINTS)
    throw new SlipsError(
      `by ${durationText(step)} gives ${bins} points (at most ${MAX_LINE_POINTS}): use a longer interval such as by ${durationText(autoInterval(lo, hi))}`,
      interval!.pos,
    );
  const counts = new Float64Array(bins);
  for (let r = 0; r < f.length; r++) if (keep(r)) counts[Math.floor(ts[r]! / step) - first]!++;
  const rows: Value[][] = [];
  for (let b = 0; b < bins; b++) rows.push([(first + b) * step, counts[b]!]);
  return { title, mark: 'line', columns, rows, total: bins, x: 'time', y: 'flows' };
}

function autoInterval(lo: number, hi: number): number {
  const span = Math.max(0, hi - lo);
  return NICE_INTERVALS.find((s) => span / s < AUTO_BINS) ?? NICE_INTERVALS[NICE_INTERVALS.length - 1]!;
}

/** Seconds as the language writes a duration: 90 → 90s, 300 → 5m, 3600 → 1h. */
export function durationText(s: number): string {
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/** Ranks groups by a total, largest first, ties by key, and keeps the first `top`. */
function ranked(groups: Map<Value, number[]>, top: number): { rows: Value[][]; total: number } {
  const rows = [...groups].map(([k, sums]) => [k, ...sums]);
  rows.sort((a, b) => (b[1] as number) - (a[1] as number) || compareValues(a[0]!, b[0]!));
  return { rows: rows.slice(0, Math.min(top, MAX_BARS)), total: rows.length };
}

function bytesBy(loaded: Loaded, field: Name, top: number): ChartData {
  const f = flows(loaded);
  const c = column(f, field);
  const bytes = numColumn(f, 'bytes');
  const sums = new Map<Value, number[]>();
  if (c.kind === 'code') {
    const perCode = new Float64Array(c.pool.size);
    const seen = new Uint8Array(c.pool.size);
    for (let r = 0; r < f.length; r++) {
      perCode[c.codes[r]!]! += bytes[r]!;
      seen[c.codes[r]!] = 1;
    }
    for (let id = 0; id < perCode.length; id++) if (seen[id]) sums.set(c.pool.values[id]!, [perCode[id]!]);
  } else
    for (let r = 0; r < f.length; r++) {
      const raw = valueAt(c, r);
      const k = Array.isArray(raw) ? raw.join(', ') : raw;
      const s = sums.get(k);
      if (s) s[0]! += bytes[r]!;
      else sums.set(k, [bytes[r]!]);
    }
  const { rows, total } = ranked(sums, top);
  return {
    title: `bytes by ${field.name}${total > rows.length ? `, top ${rows.length} of ${total}` : ''}`,
    mark: 'bar',
    columns: [
      { name: field.name, type: c.type === 'list' ? 'string' : c.type },
      { name: 'bytes', type: 'number' },
    ],
    rows,
    total,
    x: field.name,
    y: 'bytes',
    yTitle: 'bytes (both ways)',
  };
}

function destinations(loaded: Loaded, ip: Literal, top: number): ChartData {
  const f = flows(loaded);
  const id = addressId(f, ip);
  const src = codeColumn(f, 'saddr').codes;
  const dst = codeColumn(f, 'daddr');
  const bytes = numColumn(f, 'bytes');
  const perDst = new Map<number, number[]>();
  for (let r = 0; r < f.length; r++) {
    if (src[r] !== id) continue;
    const g = perDst.get(dst.codes[r]!);
    if (g) {
      g[0]!++;
      g[1]! += bytes[r]!;
    } else perDst.set(dst.codes[r]!, [1, bytes[r]!]);
  }
  const groups = new Map<Value, number[]>();
  for (const [code, sums] of perDst) groups.set(dst.pool.values[code]!, sums);
  const { rows, total } = ranked(groups, top);
  return {
    title: `destinations of ${String(ip.value)} by flows${total > rows.length ? `, top ${rows.length} of ${total}` : ''}`,
    mark: 'bar',
    columns: [
      { name: 'daddr', type: 'string' },
      { name: 'flows', type: 'number' },
      { name: 'bytes', type: 'number' },
    ],
    rows,
    total,
    x: 'daddr',
    y: 'flows',
  };
}

function evidenceOverWindows(loaded: Loaded, ip: Literal | undefined): ChartData {
  const frame = evidenceFrame(loaded.sink.evidenceList);
  const pos = { line: 0, col: 0, offset: 0, end: 0 };
  const tw = column(frame, { name: 'tw', pos });
  const level = column(frame, { name: 'threatLevel', pos });
  const profile = column(frame, { name: 'profile', pos });
  const who = ip === undefined ? undefined : String(ip.value);
  const counts = new Map<string, number>();
  for (let r = 0; r < frame.length; r++) {
    if (who !== undefined && valueAt(profile, r) !== who) continue;
    const key = `${valueAt(tw, r) as number}\u0000${valueAt(level, r) as string}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows: Value[][] = [...counts].map(([k, n]) => {
    const [w, l] = k.split('\u0000');
    return [Number(w), l!, n];
  });
  const rank = (l: Value) => THREAT_DOMAIN.indexOf(l as string);
  rows.sort((a, b) => (a[0] as number) - (b[0] as number) || rank(a[1]!) - rank(b[1]!));
  // Rows are in window order, so the first MAX_BARS windows are those up to the MAX_BARS-th distinct one.
  const shown = new Set<Value>();
  const kept = rows.filter((r) => (shown.size < MAX_BARS && shown.add(r[0]!), shown.has(r[0]!)));
  return {
    title: `evidence per time window${who === undefined ? '' : ` of ${who}`}`,
    mark: 'bar',
    columns: [
      { name: 'tw', type: 'number' },
      { name: 'threatLevel', type: 'string' },
      { name: 'evidence', type: 'number' },
    ],
    rows: kept,
    total: rows.length,
    x: 'tw',
    y: 'evidence',
    xTitle: 'time window',
    color: { field: 'threatLevel', domain: THREAT_DOMAIN, range: THREAT_RANGE },
  };
}
