// Connection records kept column by column: numbers in typed arrays, repeated strings interned.
// A million flows take a few tens of MB this way (instead of a million objects), and a query scans a
// typed array per field it reads. Rows are numbered in input order.
import type { ConnRecord, FlowSource } from '../../engine/flow';
import { StringPool } from './stringPool';

const FIRST_CAPACITY = 4096;

type NumArray = Float64Array | Int32Array | Uint32Array;

function grown<T extends NumArray>(a: T, capacity: number): T {
  const b = new (a.constructor as { new (n: number): T })(capacity);
  b.set(a);
  return b;
}

/** Numeric columns, as stored. */
export const CONN_NUMBERS = [
  'ts',
  'dur',
  'sport',
  'dport',
  'sbytes',
  'dbytes',
  'spkts',
  'dpkts',
  'line',
] as const;
export type ConnNumberField = (typeof CONN_NUMBERS)[number];

/** Interned string columns and the pool each uses (addresses share one pool, so do MACs). */
export const CONN_STRINGS = {
  saddr: 'ip',
  daddr: 'ip',
  proto: 'small',
  appproto: 'small',
  state: 'small',
  history: 'small',
  smac: 'mac',
  dmac: 'mac',
  dir: 'small',
  source: 'small',
  label: 'small',
  detailedLabel: 'small',
  file: 'small',
} as const;
export type ConnStringField = keyof typeof CONN_STRINGS;
export type PoolName = (typeof CONN_STRINGS)[ConnStringField];

export class ConnTable {
  length = 0;
  private capacity = FIRST_CAPACITY;
  readonly pools: Record<PoolName, StringPool> = {
    ip: new StringPool(),
    small: new StringPool(),
    mac: new StringPool(),
  };
  readonly num: Record<ConnNumberField, Float64Array | Int32Array> = {
    ts: new Float64Array(FIRST_CAPACITY),
    dur: new Float64Array(FIRST_CAPACITY),
    sport: new Int32Array(FIRST_CAPACITY),
    dport: new Int32Array(FIRST_CAPACITY),
    sbytes: new Float64Array(FIRST_CAPACITY),
    dbytes: new Float64Array(FIRST_CAPACITY),
    spkts: new Float64Array(FIRST_CAPACITY),
    dpkts: new Float64Array(FIRST_CAPACITY),
    line: new Int32Array(FIRST_CAPACITY),
  };
  readonly codes = Object.fromEntries(
    Object.keys(CONN_STRINGS).map((k) => [k, new Uint32Array(FIRST_CAPACITY)]),
  ) as Record<ConnStringField, Uint32Array>;
  /** Uids are unique per connection, so interning them would only add a map entry each. */
  readonly uid: string[] = [];

  add(r: ConnRecord): number {
    const row = this.length;
    if (row === this.capacity) this.grow();
    const n = this.num;
    n.ts[row] = r.ts;
    n.dur[row] = r.dur;
    n.sport[row] = r.sport;
    n.dport[row] = r.dport;
    n.sbytes[row] = r.sbytes;
    n.dbytes[row] = r.dbytes;
    n.spkts[row] = r.spkts;
    n.dpkts[row] = r.dpkts;
    n.line[row] = r.origin.line;
    const c = this.codes;
    const p = this.pools;
    c.saddr[row] = p.ip.intern(r.saddr);
    c.daddr[row] = p.ip.intern(r.daddr);
    c.proto[row] = p.small.intern(r.proto);
    c.appproto[row] = p.small.intern(r.appproto);
    c.state[row] = p.small.intern(r.state);
    c.history[row] = p.small.intern(r.history);
    c.smac[row] = p.mac.intern(r.smac);
    c.dmac[row] = p.mac.intern(r.dmac);
    c.dir[row] = p.small.intern(r.dir);
    c.source[row] = p.small.intern(r.source);
    c.label[row] = p.small.intern(r.label ?? '');
    c.detailedLabel[row] = p.small.intern(r.detailedLabel ?? '');
    c.file[row] = p.small.intern(r.origin.file);
    this.uid.push(r.uid);
    this.length++;
    return row;
  }

  string(field: ConnStringField, row: number): string {
    return this.pools[CONN_STRINGS[field]].values[this.codes[field][row]!]!;
  }

  /** The record of a row, rebuilt as readers make it (for views that reuse engine functions). */
  record(row: number): ConnRecord {
    const n = this.num;
    const label = this.string('label', row);
    const detailedLabel = this.string('detailedLabel', row);
    return {
      kind: 'conn',
      source: this.string('source', row) as FlowSource,
      ts: n.ts[row]!,
      uid: this.uid[row]!,
      saddr: this.string('saddr', row),
      sport: n.sport[row]!,
      daddr: this.string('daddr', row),
      dport: n.dport[row]!,
      proto: this.string('proto', row),
      dur: n.dur[row]!,
      appproto: this.string('appproto', row),
      sbytes: n.sbytes[row]!,
      dbytes: n.dbytes[row]!,
      spkts: n.spkts[row]!,
      dpkts: n.dpkts[row]!,
      state: this.string('state', row),
      history: this.string('history', row),
      smac: this.string('smac', row),
      dmac: this.string('dmac', row),
      dir: this.string('dir', row),
      ...(label ? { label } : {}),
      ...(detailedLabel ? { detailedLabel } : {}),
      origin: { file: this.string('file', row), line: n.line[row]! },
    };
  }

  private grow(): void {
    this.capacity *= 2;
    for (const k of CONN_NUMBERS) this.num[k] = grown(this.num[k], this.capacity);
    for (const k of Object.keys(this.codes) as ConnStringField[])
      this.codes[k] = grown(this.codes[k], this.capacity);
  }
}
