// The hotkey views' tables as list models. Count tables carry their bar chart as the last column: the
// bar of each row is round(ln(value)) long, as upstream's gauges were, for the metric `b` selects.
import { rowIndex } from './rowIndex';
import type { CountRow, PortIpRow, TupleRow } from './source';
import type { Line, Segment } from './text';
import type { ListModel } from './virtualList';

export type Metric = 'flows' | 'pkts' | 'bytes';
export const METRICS: readonly Metric[] = ['bytes', 'pkts', 'flows'];

/** Widest key column: an IPv6 address. */
const MAX_KEY = 39;
/** Letters per row of a tuple: the rest continues on the rows below. */
const LETTERS_PER_ROW = 40;

function left(s: string, w: number): string {
  return s.length >= w ? s : s + ' '.repeat(w - s.length);
}

function right(s: string, w: number): string {
  return s.length >= w ? s : ' '.repeat(w - s.length) + s;
}

export function barLength(value: number): number {
  return value > 1 ? Math.round(Math.log(value)) : 0;
}

function widest<T>(rows: readonly T[], f: (r: T) => string, min: number, max: number): number {
  let w = min;
  for (const r of rows) w = Math.max(w, f(r).length);
  return Math.min(w, max);
}

function numWidth(rows: readonly CountRow[], m: Metric, title: string): number {
  let w = title.length;
  for (const r of rows) w = Math.max(w, String(r[m]).length);
  return w;
}

export function countModel(
  rows: readonly CountRow[],
  keyTitle: string,
  metric: Metric,
  empty: string,
): ListModel {
  const kw = widest(rows, (r) => r.key, keyTitle.length, MAX_KEY);
  const fw = numWidth(rows, 'flows', 'flows');
  const pw = numWidth(rows, 'pkts', 'packets');
  const bw = numWidth(rows, 'bytes', 'bytes');
  const cells = (proto: string, key: string, f: string, p: string, b: string) =>
    `${left(proto, 5)} ${left(key, kw)} ${right(f, fw)} ${right(p, pw)} ${right(b, bw)} `;
  return {
    header: [
      { text: cells('proto', keyTitle, 'flows', 'packets', 'bytes'), style: 'header' },
      { text: `ln(${metric})`, style: 'header' },
    ],
    count: () => rows.length,
    line: (i) => {
      const r = rows[i]!;
      const n = barLength(r[metric]);
      const line: Segment[] = [
        { text: cells(r.proto, r.key, String(r.flows), String(r.pkts), String(r.bytes)) },
        { text: `${right(String(n), 2)} ` },
        { text: '#'.repeat(n), style: 'bar' },
      ];
      return line;
    },
    empty,
  };
}

export function portIpModel(rows: readonly PortIpRow[], empty: string): ListModel {
  const pw = widest(rows, (r) => `${r.proto}/${r.port}`, 'proto/port'.length, 12);
  const iw = widest(rows, (r) => r.ip, 2, MAX_KEY);
  const cells = (a: string, b: string, c: string) => `${left(a, pw)} ${left(b, iw)} ${c}`;
  return {
    header: [{ text: cells('proto/port', 'IP', 'packets'), style: 'header' }],
    count: () => rows.length,
    line: (i) => {
      const r = rows[i]!;
      return [{ text: cells(`${r.proto}/${r.port}`, r.ip, String(r.pkts)) }];
    },
    empty,
  };
}

export function tupleModel(rows: readonly TupleRow[], empty: string): ListModel {
  const kw = widest(rows, (r) => r.key, 'tuple'.length, MAX_KEY + 12);
  const fw = Math.max(5, ...rows.slice(0, 1).map((r) => String(r.flows).length));
  const index = rowIndex(rows.length, (k) =>
    Math.max(1, Math.ceil(rows[k]!.letters.length / LETTERS_PER_ROW)),
  );
  return {
    header: [
      {
        text: `${left('tuple', kw)} ${right('flows', fw)} ${left('letters', LETTERS_PER_ROW)} dns_resolution SNI asn geo`,
        style: 'header',
      },
    ],
    count: () => index.count,
    line: (i): Line => {
      const r = rows[index.item(i)]!;
      const sub = index.sub(i);
      const letters = left(
        r.letters.slice(sub * LETTERS_PER_ROW, (sub + 1) * LETTERS_PER_ROW),
        LETTERS_PER_ROW,
      );
      if (sub > 0) return [{ text: `${' '.repeat(kw + fw + 2)}${letters}` }];
      return [
        { text: `${left(r.key, kw)} ${right(String(r.flows), fw)} ${letters} ` },
        { text: r.dns || '-', style: 'dns' },
        { text: ' ' },
        { text: r.sni || '-', style: 'dns' },
        { text: ` ${r.asn || '-'} ${r.geo || '-'}` },
      ];
    },
    empty,
  };
}

export function helpModel(rows: readonly [string, string][]): ListModel {
  return {
    header: [{ text: `${left('key', 10)} view`, style: 'header' }],
    count: () => rows.length,
    line: (i) => [{ text: `${left(rows[i]![0], 10)} ${rows[i]![1]}` }],
  };
}
