// IP → autonomous system from the @ip-location-db/asn CSV ranges, held as sorted typed arrays and
// binary-searched: a few MB instead of hundreds of thousands of objects. The CSV takes about a second
// and a half to parse, so the table is also written once to a compact binary cache file and read
// from there on later runs (keyed by the data package version, so an upgrade rebuilds it).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ipv4ToInt } from '../../net/cidr';
import { ipv6High64 } from './ipv6';

export interface AsInfo {
  number: number;
  org: string;
}

const MAGIC = 'SLIPSASN2';

export class AsnTable {
  private constructor(
    private readonly v4Start: Uint32Array,
    private readonly v4End: Uint32Array,
    private readonly v4As: Uint32Array,
    /** IPv6 ranges by their upper 64 bits (announced IPv6 routes are /64 or shorter). */
    private readonly v6Start: BigUint64Array,
    private readonly v6End: BigUint64Array,
    private readonly v6As: Uint32Array,
    private readonly orgs: Map<number, string>,
  ) {}

  get rangeCount(): number {
    return this.v4Start.length + this.v6Start.length;
  }

  lookup(ip: string): AsInfo | undefined {
    let as: number | undefined;
    const n = ipv4ToInt(ip);
    if (n !== undefined) as = search(this.v4Start, this.v4End, this.v4As, n);
    else {
      const h = ipv6High64(ip);
      if (h !== undefined) as = search(this.v6Start, this.v6End, this.v6As, h);
    }
    if (as === undefined) return undefined;
    return { number: as, org: this.orgs.get(as) ?? '' };
  }

  /** Parses the package's `asn-ipv4-num.csv` and `asn-ipv6.csv` texts (rows `start,end,asn,org`). */
  static fromCsv(v4Csv: string, v6Csv: string): AsnTable {
    const orgs = new Map<number, string>();
    const v4 = parseRows(v4Csv, orgs, (s) => Number(s));
    const v6 = parseRows(v6Csv, orgs, (s) => ipv6High64(s));
    return new AsnTable(
      Uint32Array.from(v4.starts as number[]),
      Uint32Array.from(v4.ends as number[]),
      Uint32Array.from(v4.as),
      BigUint64Array.from(v6.starts as bigint[]),
      BigUint64Array.from(v6.ends as bigint[]),
      Uint32Array.from(v6.as),
      orgs,
    );
  }

  /** The binary cache: a JSON header line (version, counts, orgs) then the arrays, little-endian. */
  toBuffer(version: string): Buffer {
    const head = Buffer.from(
      JSON.stringify({
        magic: MAGIC,
        version,
        v4: this.v4Start.length,
        v6: this.v6Start.length,
        orgs: [...this.orgs],
      }) + '\n',
    );
    const arrays = [this.v4Start, this.v4End, this.v4As, this.v6Start, this.v6End, this.v6As];
    const pad = (8 - (head.length % 8)) % 8;
    return Buffer.concat([
      head,
      Buffer.alloc(pad, 0x20),
      ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
    ]);
  }

  /** Undefined when the buffer is not a cache of this version (then the CSV is parsed again). */
  static fromBuffer(buf: Buffer, version: string): AsnTable | undefined {
    const nl = buf.indexOf(0x0a);
    if (nl < 0) return undefined;
    let head: { magic: string; version: string; v4: number; v6: number; orgs: [number, string][] };
    try {
      head = JSON.parse(buf.subarray(0, nl).toString('utf8'));
    } catch {
      return undefined;
    }
    if (head.magic !== MAGIC || head.version !== version) return undefined;
    let off = nl + 1;
    off += (8 - (off % 8)) % 8;
    const expected = off + head.v4 * 12 + head.v6 * 20;
    if (buf.length !== expected) return undefined;
    // Copy into an aligned buffer of our own: a Buffer from readFileSync may share a pool.
    const own = new ArrayBuffer(buf.length - off);
    new Uint8Array(own).set(buf.subarray(off));
    let at = 0;
    const take = <T>(ctor: new (b: ArrayBuffer, o: number, n: number) => T, n: number, size: number): T => {
      const a = new ctor(own, at, n);
      at += n * size;
      return a;
    };
    const v4Start = take(Uint32Array, head.v4, 4);
    const v4End = take(Uint32Array, head.v4, 4);
    const v4As = take(Uint32Array, head.v4, 4);
    const v6Start = take(BigUint64Array, head.v6, 8);
    const v6End = take(BigUint64Array, head.v6, 8);
    const v6As = take(Uint32Array, head.v6, 4);
    return new AsnTable(v4Start, v4End, v4As, v6Start, v6End, v6As, new Map(head.orgs));
  }
}

function search<T extends number | bigint>(
  starts: ArrayLike<T>,
  ends: ArrayLike<T>,
  as: Uint32Array,
  v: T,
): number | undefined {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! < v) lo = mid + 1;
    else if (starts[mid]! > v) hi = mid - 1;
    else return as[mid];
  }
  return undefined;
}

/** Rows in file order (the package sorts them); adjacent ranges of the same AS are merged. */
function parseRows<T extends number | bigint>(
  csv: string,
  orgs: Map<number, string>,
  toKey: (s: string) => T | undefined,
): { starts: T[]; ends: T[]; as: number[] } {
  const starts: T[] = [];
  const ends: T[] = [];
  const as: number[] = [];
  let pos = 0;
  while (pos < csv.length) {
    let eol = csv.indexOf('\n', pos);
    if (eol < 0) eol = csv.length;
    const line = csv.slice(pos, eol);
    pos = eol + 1;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) continue;
    const start = toKey(line.slice(0, c1));
    const end = toKey(line.slice(c1 + 1, c2));
    const asn = Number(line.slice(c2 + 1, c3));
    if (start === undefined || end === undefined || !Number.isInteger(asn)) continue;
    if (!orgs.has(asn)) orgs.set(asn, unquote(line.slice(c3 + 1)));
    const last = as.length - 1;
    if (last >= 0 && as[last] === asn && isNext(ends[last]!, start)) {
      ends[last] = end;
      continue;
    }
    if (last >= 0 && start <= ends[last]!) continue; // out of order or overlapping: keep the first
    starts.push(start);
    ends.push(end);
    as.push(asn);
  }
  return { starts, ends, as };
}

function isNext<T extends number | bigint>(end: T, start: T): boolean {
  return typeof end === 'bigint' ? (start as bigint) === end + 1n : (start as number) === (end as number) + 1;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** Reads the cache when it matches, else builds from the CSV files and writes the cache (best effort). */
export function loadAsnTable(
  csv: { v4: string; v6: string },
  version: string,
  cacheFile: string | undefined,
): AsnTable {
  if (cacheFile) {
    try {
      const t = AsnTable.fromBuffer(readFileSync(cacheFile), version);
      if (t) return t;
    } catch {
      // no cache yet
    }
  }
  const table = AsnTable.fromCsv(readFileSync(csv.v4, 'utf8'), readFileSync(csv.v6, 'utf8'));
  if (cacheFile) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, table.toBuffer(version));
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only home only costs the CSV parse on the next run.
    }
  }
  return table;
}
