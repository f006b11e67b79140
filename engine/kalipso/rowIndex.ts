// Items that take several rows each (an HTTP entry and its request rows, a tuple's letters in chunks),
// addressed by row: two flat arrays built once, so row i is found in constant time at any length.
export interface RowIndex {
  readonly count: number;
  /** The item of row i and the row's place inside it (0 = first). */
  item(i: number): number;
  sub(i: number): number;
}

export function rowIndex(items: number, rowsOf: (item: number) => number): RowIndex {
  let count = 0;
  for (let k = 0; k < items; k++) count += rowsOf(k);
  const item = new Int32Array(count);
  const sub = new Int32Array(count);
  let r = 0;
  for (let k = 0; k < items; k++)
    for (let s = 0, n = rowsOf(k); s < n; s++, r++) {
      item[r] = k;
      sub[r] = s;
    }
  return { count, item: (i) => item[i]!, sub: (i) => sub[i]! };
}
