// Arrow Utf8 buffers (offsets + bytes) for a column of strings, built in one pass per batch. Most
// network strings are ASCII: then the joined string encodes in one native call and character offsets
// are byte offsets. Otherwise each string is encoded alone (a lone surrogate stays in its own cell).
// A column holding one value throughout (origin file, direction, empty MACs) is filled natively.
import { makeData, Utf8, type Data } from 'apache-arrow';

export interface Utf8Buffers {
  valueOffsets: Int32Array;
  data: Uint8Array;
}

function constant(value: string, n: number): Utf8Buffers {
  const one = Buffer.from(value, 'utf8');
  const valueOffsets = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) valueOffsets[i] = i * one.length;
  const data = Buffer.allocUnsafe(n * one.length);
  if (one.length) data.fill(one);
  return { valueOffsets, data };
}

/** Encodes the first `n` values (the array may be a reused, longer buffer). */
export function encodeUtf8(values: readonly string[], n = values.length): Utf8Buffers {
  const first = n > 0 ? values[0]! : '';
  let same = true;
  let chars = 0;
  const valueOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const s = values[i]!;
    if (same && s !== first) same = false;
    chars += s.length;
    valueOffsets[i + 1] = chars;
  }
  if (same) return constant(first, n);
  const joined = Buffer.from((n === values.length ? values : values.slice(0, n)).join(''), 'utf8');
  if (joined.length === chars) return { valueOffsets, data: joined };
  const parts: Buffer[] = new Array(n);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const b = Buffer.from(values[i]!, 'utf8');
    parts[i] = b;
    bytes += b.length;
    valueOffsets[i + 1] = bytes;
  }
  return { valueOffsets, data: Buffer.concat(parts, bytes) };
}

/** A Utf8 column of the first `n` values; `validity` (a bit per row, set = present) marks missing ones. */
export function utf8Data(
  values: readonly string[],
  validity?: Uint8Array,
  nullCount = 0,
  n = values.length,
): Data<Utf8> {
  const { valueOffsets, data } = encodeUtf8(values, n);
  return makeData({
    type: new Utf8(),
    length: n,
    nullCount: validity ? nullCount : 0,
    nullBitmap: validity,
    valueOffsets,
    data,
  });
}
