// The compact form of a batch of records on a stream: JSON, but each distinct key list ("shape") is
// written once per batch and each record is a row of values, so a 10 000-record batch does not repeat
// its field names 10 000 times; the origin file name is likewise written once. Values JSON cannot carry
// (NaN, ±Infinity) are wrapped so a record comes back exactly as the reader made it; keys whose value is
// undefined are left out, which reads back the same.
import type { FlowRecord } from '../flow';

export interface EncodedBatch {
  /** Traffic time of the input's first record: the origin of the time-window grid in every partition. */
  origin: number;
  /** Newest traffic time of the whole input at the end of the previous batch given to any partition. */
  before: number;
  /** Newest traffic time of the whole input at the end of this batch. */
  after: number;
  records: FlowRecord[];
  /** Indices in `records` of records another partition counts (knowledge, or the other end's profile). */
  shared: number[];
}

interface Wire {
  o: unknown;
  p: unknown;
  w: unknown;
  s: string[][];
  f: string[];
  r: unknown[][];
  x: number[];
}

type Special = { n: string } | { o: Record<string, unknown> };

function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { n: String(v) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = encodeValue(x);
    return { o };
  }
  return v;
}

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v !== null && typeof v === 'object') {
    const s = v as Special;
    if ('n' in s) return Number(s.n);
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(s.o)) o[k] = decodeValue(x);
    return o;
  }
  return v;
}

export function encodeBatch(b: EncodedBatch): string {
  const shapeIds = new Map<string, number>();
  const fileIds = new Map<string, number>();
  const wire: Wire = {
    o: encodeValue(b.origin),
    p: encodeValue(b.before),
    w: encodeValue(b.after),
    s: [],
    f: [],
    r: [],
    x: b.shared,
  };
  for (const rec of b.records) {
    const keys: string[] = [];
    const row: unknown[] = [0];
    for (const k in rec) {
      const v = (rec as unknown as Record<string, unknown>)[k];
      if (v === undefined) continue;
      keys.push(k);
      if (k === 'origin') {
        const { file, line } = rec.origin;
        let id = fileIds.get(file);
        if (id === undefined) fileIds.set(file, (id = wire.f.push(file) - 1));
        row.push([id, line]);
      } else row.push(encodeValue(v));
    }
    const shape = keys.join(',');
    let id = shapeIds.get(shape);
    if (id === undefined) shapeIds.set(shape, (id = wire.s.push(keys) - 1));
    row[0] = id;
    wire.r.push(row);
  }
  return JSON.stringify(wire);
}

/** The batch, or throws with the reason when the entry is not one this codec wrote. */
export function decodeBatch(text: string): EncodedBatch {
  const w = JSON.parse(text) as Wire;
  if (!w || !Array.isArray(w.s) || !Array.isArray(w.f) || !Array.isArray(w.r) || !Array.isArray(w.x))
    throw new Error('not a batch of records (s, f, r, x missing)');
  const records = w.r.map((row) => {
    const keys = w.s[row[0] as number];
    if (!keys) throw new Error(`record with unknown shape ${String(row[0])}`);
    const rec: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = row[i + 1];
      if (k === 'origin') {
        const [file, line] = v as [number, number];
        rec.origin = { file: w.f[file], line };
      } else rec[k] = decodeValue(v);
    }
    return rec as unknown as FlowRecord;
  });
  const [origin, before, after] = [w.o, w.p, w.w].map(decodeValue);
  if (typeof origin !== 'number' || typeof before !== 'number' || typeof after !== 'number')
    throw new Error('not a batch of records (o, p, w are not traffic times)');
  return { origin, before, after, records, shared: w.x };
}
