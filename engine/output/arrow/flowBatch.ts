// Rows of parsed records gathered into one Arrow record batch. The per-record path only keeps a
// reference; columns are filled per batch in one loop each, and strings are encoded once per column
// (utf8.ts). Buffers are fresh for every batch because the IPC writer keeps references to them until
// they reach the file.
//
// Column types were picked so pandas, polars and DuckDB read them without surprises: counters are
// float64 (exact up to 2^53, and no BigInt in JavaScript readers), ports int32, line numbers uint32.
// Connection-only columns are null on other rows; `details` holds the kind-specific fields of every
// non-connection record as JSON (null on connections).
import {
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Uint32,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';
import { ZEEK_LOG_KINDS, type FlowRecord } from '../../flow';
import { ENGINE_VERSION } from '../../version';
import { DictionaryColumn } from './dictionaryColumn';
import { utf8Data } from './utf8';

/** Protocol names the readers write; anything else is appended to the dictionary as a delta. */
const KNOWN_PROTOS = [
  'tcp',
  'udp',
  'icmp',
  'ipv6-icmp',
  'icmp6',
  'igmp',
  'arp',
  'rarp',
  'sctp',
  'gre',
  'esp',
  'ah',
  'ipv6',
  'ip',
  'llc',
  'pim',
  'ospf',
  'unknown_transport',
  '',
];
const SOURCES = ['zeek', 'argus', 'suricata', 'nfdump'];
/** Fields every record has: columns of their own, never repeated in `details`. */
const HEADER_FIELDS = new Set([
  'kind',
  'ts',
  'uid',
  'saddr',
  'sport',
  'daddr',
  'dport',
  'proto',
  'label',
  'detailedLabel',
  'origin',
]);

function detailsJson(rec: FlowRecord): string {
  const o: Record<string, unknown> = {};
  const r = rec as unknown as Record<string, unknown>;
  for (const k in r) if (!HEADER_FIELDS.has(k)) o[k] = r[k];
  return JSON.stringify(o);
}

export class FlowBatchBuilder {
  readonly schema: Schema;
  private readonly kinds = new DictionaryColumn(0, ZEEK_LOG_KINDS);
  private readonly protos = new DictionaryColumn(1, KNOWN_PROTOS);
  private readonly sources = new DictionaryColumn(2, SOURCES);
  /** The rows of the batch being gathered: references only, columns are filled in build(). */
  private rows: FlowRecord[] = [];
  /** String columns are gathered into these arrays, reused from batch to batch: only their encoded
   *  bytes leave build(), and reusing them keeps large short-lived arrays out of the old generation. */
  private readonly scratch: string[][] = Array.from({ length: 13 }, () => []);

  constructor(readonly capacity = 65_536) {
    const f = (name: string, type: DataType, nullable = false) => new Field(name, type, nullable);
    this.schema = new Schema(
      [
        f('kind', this.kinds.type),
        f('ts', new Float64()),
        f('uid', new Utf8()),
        f('saddr', new Utf8()),
        f('sport', new Int32()),
        f('daddr', new Utf8()),
        f('dport', new Int32()),
        f('proto', this.protos.type),
        f('source', this.sources.type, true),
        f('dur', new Float64(), true),
        f('appproto', new Utf8(), true),
        f('state', new Utf8(), true),
        f('history', new Utf8(), true),
        f('sbytes', new Float64(), true),
        f('dbytes', new Float64(), true),
        f('spkts', new Float64(), true),
        f('dpkts', new Float64(), true),
        f('smac', new Utf8(), true),
        f('dmac', new Utf8(), true),
        f('dir', new Utf8(), true),
        f('label', new Utf8(), true),
        f('detailed_label', new Utf8(), true),
        f('origin_file', new Utf8()),
        f('origin_line', new Uint32()),
        f('details', new Utf8(), true),
      ],
      new Map([['producer', `slips-notebooks ${ENGINE_VERSION}`]]),
    );
  }

  get length(): number {
    return this.rows.length;
  }

  get full(): boolean {
    return this.rows.length >= this.capacity;
  }

  /** The per-record cost is one push: column building happens per batch, in tight per-column loops. */
  append(rec: FlowRecord): void {
    this.rows.push(rec);
  }

  /** The rows gathered so far as one record batch; the builder starts empty again. */
  build(): RecordBatch {
    const rows = this.rows;
    this.rows = [];
    const n = rows.length;
    const bytes = (n + 7) >> 3;
    const fields = this.schema.fields;

    const kind = new Int32Array(n);
    const ts = new Float64Array(n);
    const sport = new Int32Array(n);
    const dport = new Int32Array(n);
    const proto = new Int32Array(n);
    const originLine = new Uint32Array(n);
    const [
      uid,
      saddr,
      daddr,
      originFile,
      label,
      detailedLabel,
      appproto,
      state,
      history,
      smac,
      dmac,
      dir,
      details,
    ] = this.scratch as [
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
    ];
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      kind[i] = this.kinds.code(r.kind);
      ts[i] = r.ts;
      uid[i] = r.uid;
      saddr[i] = r.saddr;
      sport[i] = r.sport;
      daddr[i] = r.daddr;
      dport[i] = r.dport;
      proto[i] = this.protos.code(r.proto);
      originFile[i] = r.origin.file;
      originLine[i] = r.origin.line;
    }

    const labelBits = new Uint8Array(bytes);
    const detailedBits = new Uint8Array(bytes);
    let labels = 0;
    let detailed = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r.label !== undefined) {
        labelBits[i >> 3]! |= 1 << (i & 7);
        labels++;
        label[i] = r.label;
      } else label[i] = '';
      if (r.detailedLabel !== undefined) {
        detailedBits[i >> 3]! |= 1 << (i & 7);
        detailed++;
        detailedLabel[i] = r.detailedLabel;
      } else detailedLabel[i] = '';
    }

    const source = new Int32Array(n);
    const dur = new Float64Array(n);
    const sbytes = new Float64Array(n);
    const dbytes = new Float64Array(n);
    const spkts = new Float64Array(n);
    const dpkts = new Float64Array(n);
    const connBits = new Uint8Array(bytes);
    let conns = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r.kind === 'conn') {
        connBits[i >> 3]! |= 1 << (i & 7);
        conns++;
        source[i] = this.sources.code(r.source);
        dur[i] = r.dur;
        sbytes[i] = r.sbytes;
        dbytes[i] = r.dbytes;
        spkts[i] = r.spkts;
        dpkts[i] = r.dpkts;
        appproto[i] = r.appproto;
        state[i] = r.state;
        history[i] = r.history;
        smac[i] = r.smac;
        dmac[i] = r.dmac;
        dir[i] = r.dir;
        details[i] = '';
      } else {
        appproto[i] = state[i] = history[i] = smac[i] = dmac[i] = dir[i] = '';
        details[i] = detailsJson(r);
      }
    }

    const conn = conns === n ? undefined : connBits;
    const connNulls = n - conns;
    const notConn = conns === 0 ? undefined : invert(connBits, n);
    const num = (
      i: number,
      data: Float64Array | Int32Array | Uint32Array,
      bits?: Uint8Array,
      nulls = 0,
    ): Data =>
      makeData({
        type: fields[i]!.type,
        length: n,
        nullCount: bits ? nulls : 0,
        nullBitmap: bits,
        data,
      } as never);
    const dict = (col: DictionaryColumn, codes: Int32Array, bits?: Uint8Array, nulls = 0): Data =>
      makeData({
        type: col.type,
        length: n,
        nullCount: bits ? nulls : 0,
        nullBitmap: bits,
        data: codes,
        dictionary: col.dictionary(),
      });
    const str = (values: string[], bits?: Uint8Array, nulls = 0): Data => utf8Data(values, bits, nulls, n);
    const children: Data[] = [
      dict(this.kinds, kind),
      num(1, ts),
      str(uid),
      str(saddr),
      num(4, sport),
      str(daddr),
      num(6, dport),
      dict(this.protos, proto),
      dict(this.sources, source, conn, connNulls),
      num(9, dur, conn, connNulls),
      str(appproto, conn, connNulls),
      str(state, conn, connNulls),
      str(history, conn, connNulls),
      num(13, sbytes, conn, connNulls),
      num(14, dbytes, conn, connNulls),
      num(15, spkts, conn, connNulls),
      num(16, dpkts, conn, connNulls),
      str(smac, conn, connNulls),
      str(dmac, conn, connNulls),
      str(dir, conn, connNulls),
      str(label, labels === n ? undefined : labelBits, n - labels),
      str(detailedLabel, detailed === n ? undefined : detailedBits, n - detailed),
      str(originFile),
      num(23, originLine),
      str(details, notConn, conns),
    ];
    return new RecordBatch(
      this.schema,
      makeData({ type: new Struct(fields), length: n, nullCount: 0, children }),
    );
  }
}

function invert(bits: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(bits.length);
  for (let i = 0; i < out.length; i++) out[i] = ~bits[i]! & 0xff;
  // Bits past the last row must stay clear.
  if (n & 7) out[out.length - 1]! &= (1 << (n & 7)) - 1;
  return out;
}
