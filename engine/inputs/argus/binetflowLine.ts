// One binetflow line → a ConnRecord, or a header that redefines the columns, or a counted skip/reject.
// Stateful only in the current column map, so a header re-appearing mid-file takes effect at once.
import type { ConnRecord } from '../../flow';
import type { Accounting } from '../accounting';
import { isIpAddress } from '../ipAddress';
import { MAX_LINE_BYTES } from '../lines';
import { parseTimestamp } from '../timestamps';
import { syntheticUid } from '../uid';
import { REQUIRED, headerColumns, headerlessColumns, type ArgusColumns } from './columns';
import { field, isMacAddress, parseCount, parsePort, parseSeconds, quote } from './fields';

/** Argus protocols that are not IP: their "addresses" are MACs or nothing, so no IP profile can hold them. */
const NON_IP = new Set(['llc', 'arp', 'rarp', 'stp', 'lldp', 'ipx', '802.1q', 'loop']);

/** Fewest fields a header-less line needs: StartTime..State in upstream's fixed layout. */
const HEADERLESS_MIN_FIELDS = 9;

export class BinetflowLineParser {
  private cols: ArgusColumns | undefined;
  /** Set when the current header lacks a column every flow needs; data lines under it are rejected. */
  private missing: string | undefined;

  constructor(
    private readonly file: string,
    private readonly acc: Accounting,
  ) {}

  /** The separator in use, once a header or the first data line has decided it. */
  get separator(): ',' | '\t' | undefined {
    return this.cols?.sep;
  }

  /** A record, or undefined when the line was blank, a header, or skipped/rejected (both counted). */
  parse(line: string, lineNo: number): ConnRecord | undefined {
    if (line.length === 0) return undefined;
    // lines.ts caps lines that span read chunks; one inside a single chunk arrives whole.
    if (line.length > MAX_LINE_BYTES) return this.reject(lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
    const c0 = line.charCodeAt(0);
    // Data lines start with a digit (the start time); anything else may be a header.
    if (c0 < 48 || c0 > 57) {
      if ((c0 === 32 || c0 === 9) && line.trim().length === 0) return undefined;
      const header = headerColumns(line, lineNo);
      if (header) {
        this.setColumns(header);
        return undefined;
      }
    }
    const cols = this.cols ?? this.setColumns(headerlessColumns(line));
    if (this.missing !== undefined) return this.reject(lineNo, this.missing);
    if (line.indexOf('\uFFFD') !== -1) return this.reject(lineNo, 'line is not valid UTF-8 text');

    const f = line.split(cols.sep);
    if (cols.count > 0 ? f.length !== cols.count : f.length < HEADERLESS_MIN_FIELDS) {
      const want =
        cols.count > 0
          ? `the header at line ${cols.headerLine} has ${cols.count}`
          : `at least ${HEADERLESS_MIN_FIELDS} are needed`;
      return this.reject(lineNo, `${f.length} fields where ${want}`);
    }
    const idx = cols.idx;
    const names = cols.names;

    const proto = field(f, idx.proto).trim().toLowerCase();
    if (proto === 'man') return this.skip('argus man record');
    if (NON_IP.has(proto)) return this.skip(`argus non-IP record (${proto})`);
    if (proto.length === 0) return this.reject(lineNo, `empty ${names[idx.proto]}`);

    const saddr = field(f, idx.saddr).trim();
    const daddr = field(f, idx.daddr).trim();
    if (!isIpAddress(saddr) || !isIpAddress(daddr)) {
      if (isMacAddress(saddr) && isMacAddress(daddr))
        return this.skip(`argus non-IP record (${proto.slice(0, 20)})`);
      const [name, value] = isIpAddress(saddr) ? [names[idx.daddr], daddr] : [names[idx.saddr], saddr];
      return this.reject(lineNo, `invalid ${name} ${quote(value)}`);
    }

    const startText = field(f, idx.starttime);
    const ts = parseTimestamp(startText);
    if (ts === undefined) return this.reject(lineNo, `invalid ${names[idx.starttime]} ${quote(startText)}`);

    let dur = parseSeconds(field(f, idx.dur));
    if (dur < 0) return this.reject(lineNo, `invalid ${names[idx.dur]} ${quote(field(f, idx.dur))}`);
    if (idx.dur < 0 && idx.endtime >= 0) {
      const end = parseTimestamp(field(f, idx.endtime));
      if (end === undefined || end < ts)
        return this.reject(lineNo, `invalid ${names[idx.endtime]} ${quote(field(f, idx.endtime))}`);
      dur = end - ts;
    }

    const sport = parsePort(field(f, idx.sport));
    if (sport < 0) return this.reject(lineNo, `invalid ${names[idx.sport]} ${quote(field(f, idx.sport))}`);
    const dport = parsePort(field(f, idx.dport));
    if (dport < 0) return this.reject(lineNo, `invalid ${names[idx.dport]} ${quote(field(f, idx.dport))}`);

    const pkts = parseCount(field(f, idx.pkts));
    if (pkts < 0) return this.reject(lineNo, `invalid ${names[idx.pkts]} ${quote(field(f, idx.pkts))}`);
    const bytes = parseCount(field(f, idx.bytes));
    if (bytes < 0) return this.reject(lineNo, `invalid ${names[idx.bytes]} ${quote(field(f, idx.bytes))}`);
    const spkts = parseCount(field(f, idx.spkts));
    if (spkts < 0) return this.reject(lineNo, `invalid ${names[idx.spkts]} ${quote(field(f, idx.spkts))}`);
    const sbytes = parseCount(field(f, idx.sbytes));
    if (sbytes < 0) return this.reject(lineNo, `invalid ${names[idx.sbytes]} ${quote(field(f, idx.sbytes))}`);
    // Argus files usually give totals and the source side only: the destination side is the rest.
    const dpktsText = field(f, idx.dpkts);
    const dpkts = dpktsText.length === 0 ? Math.max(0, pkts - spkts) : parseCount(dpktsText);
    if (dpkts < 0) return this.reject(lineNo, `invalid ${names[idx.dpkts]} ${quote(dpktsText)}`);
    const dbytesText = field(f, idx.dbytes);
    const dbytes = dbytesText.length === 0 ? Math.max(0, bytes - sbytes) : parseCount(dbytesText);
    if (dbytes < 0) return this.reject(lineNo, `invalid ${names[idx.dbytes]} ${quote(dbytesText)}`);

    const label = field(f, idx.label);
    this.acc.accept();
    return {
      kind: 'conn',
      source: 'argus',
      ts,
      uid: syntheticUid(this.file, lineNo),
      saddr,
      sport,
      daddr,
      dport,
      proto,
      label: label.length > 0 ? label : undefined,
      detailedLabel: undefined,
      origin: { file: this.file, line: lineNo },
      dur,
      appproto: field(f, idx.appproto),
      sbytes,
      dbytes,
      spkts,
      dpkts,
      state: field(f, idx.state).trim(),
      history: '',
      smac: '',
      dmac: '',
      dir: field(f, idx.dir).trim(),
    };
  }

  private setColumns(cols: ArgusColumns): ArgusColumns {
    this.cols = cols;
    const absent = REQUIRED.filter(([f]) => cols.idx[f] < 0).map(([, title]) => title);
    this.missing =
      absent.length === 0
        ? undefined
        : `the header at line ${cols.headerLine} has no ${absent.join('/')} column, so no flow can be built from this line`;
    return cols;
  }

  private skip(reason: string): undefined {
    this.acc.skip(reason);
    return undefined;
  }

  private reject(lineNo: number, reason: string): undefined {
    this.acc.reject(this.file, lineNo, reason);
    return undefined;
  }
}
