// One line of `nfdump -o csv` output → a ConnRecord (slips-behaviour.md 2.4). Columns are found by
// the header's names (`ts,te,td,sa,da,sp,dp,pr,flg,...`) because nfdump versions add and move columns;
// output without a header (`-q`) uses upstream's fixed indices. Counters are integers (quirk Q8:
// upstream kept them as strings, so pkts = spkts + dpkts concatenated).
import type { ConnRecord } from '../../flow';
import type { Accounting } from '../accounting';
import { MAX_LINE_BYTES } from '../lines';
import { field, parseCount, parsePort, parseSeconds, quote } from '../argus/fields';
import { isIpAddress } from '../ipAddress';
import { parseTimestamp } from '../timestamps';
import { syntheticUid } from '../uid';

interface NfColumns {
  ts: number;
  te: number;
  td: number;
  sa: number;
  da: number;
  sp: number;
  dp: number;
  pr: number;
  flg: number;
  ipkt: number;
  ibyt: number;
  opkt: number;
  obyt: number;
  /** Fields a data line must have. */
  count: number;
  /** Line of the header, 0 for the fixed layout. */
  headerLine: number;
}

/** Upstream's indices for header-less output; 23 covers its highest index (22, `dir`). */
const FIXED: NfColumns = {
  ts: 0,
  te: 1,
  td: 2,
  sa: 3,
  da: 4,
  sp: 5,
  dp: 6,
  pr: 7,
  flg: 8,
  ipkt: 11,
  ibyt: 12,
  opkt: 13,
  obyt: 14,
  count: 15,
  headerLine: 0,
};

const NAMES = [
  'ts',
  'te',
  'td',
  'sa',
  'da',
  'sp',
  'dp',
  'pr',
  'flg',
  'ipkt',
  'ibyt',
  'opkt',
  'obyt',
] as const;
const REQUIRED = ['ts', 'sa', 'da', 'pr'] as const;

export class NfdumpCsvParser {
  private cols: NfColumns | undefined;
  /** Lines of nfdump's closing `Summary` block (a header and one line of totals) still to pass over. */
  private summaryLeft = 0;

  constructor(
    private readonly file: string,
    private readonly acc: Accounting,
  ) {}

  /** A record, or undefined for headers, the summary, blank lines and skipped/rejected lines (counted). */
  parse(line: string, lineNo: number): ConnRecord | undefined {
    if (line.length === 0) return undefined;
    if (this.summaryLeft > 0) {
      this.summaryLeft--;
      return undefined;
    }
    // lines.ts caps lines that span read chunks; one inside a single chunk arrives whole.
    if (line.length > MAX_LINE_BYTES) return this.reject(lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
    const c0 = line.charCodeAt(0);
    if (c0 < 48 || c0 > 57) return this.nonData(line, lineNo);
    const cols = (this.cols ??= FIXED);
    if (line.indexOf('\uFFFD') !== -1) return this.reject(lineNo, 'line is not valid UTF-8 text');
    const f = line.split(',');
    if (f.length < cols.count) {
      const want =
        cols.headerLine > 0
          ? `the header at line ${cols.headerLine} has ${cols.count}`
          : `at least ${cols.count} are needed`;
      return this.reject(lineNo, `${f.length} fields where ${want}`);
    }

    const ts = parseTimestamp(field(f, cols.ts));
    if (ts === undefined) return this.reject(lineNo, `invalid ts ${quote(field(f, cols.ts))}`);
    const saddr = field(f, cols.sa);
    if (!isIpAddress(saddr)) return this.reject(lineNo, `invalid sa ${quote(saddr)}`);
    const daddr = field(f, cols.da);
    if (!isIpAddress(daddr)) return this.reject(lineNo, `invalid da ${quote(daddr)}`);
    const proto = field(f, cols.pr).trim().toLowerCase();
    if (proto.length === 0) return this.reject(lineNo, 'empty pr');
    const dur = parseSeconds(field(f, cols.td).trim());
    if (dur < 0) return this.reject(lineNo, `invalid td ${quote(field(f, cols.td))}`);
    let sport = parsePort(field(f, cols.sp));
    if (sport < 0) return this.reject(lineNo, `invalid sp ${quote(field(f, cols.sp))}`);
    let dport = parsePort(field(f, cols.dp));
    if (dport < 0) return this.reject(lineNo, `invalid dp ${quote(field(f, cols.dp))}`);
    if (proto === 'icmp' || proto === 'icmp6' || proto === 'ipv6-icmp') {
      // nfdump puts type << 8 | code in dp; Zeek (and so the detectors) expect type in sport, code in dport.
      sport = dport >> 8;
      dport = dport & 0xff;
    }
    const spkts = parseCount(field(f, cols.ipkt));
    if (spkts < 0) return this.reject(lineNo, `invalid ipkt ${quote(field(f, cols.ipkt))}`);
    const sbytes = parseCount(field(f, cols.ibyt));
    if (sbytes < 0) return this.reject(lineNo, `invalid ibyt ${quote(field(f, cols.ibyt))}`);
    const dpkts = parseCount(field(f, cols.opkt));
    if (dpkts < 0) return this.reject(lineNo, `invalid opkt ${quote(field(f, cols.opkt))}`);
    const dbytes = parseCount(field(f, cols.obyt));
    if (dbytes < 0) return this.reject(lineNo, `invalid obyt ${quote(field(f, cols.obyt))}`);

    this.acc.accept();
    return {
      kind: 'conn',
      source: 'nfdump',
      ts,
      uid: syntheticUid(this.file, lineNo),
      saddr,
      sport,
      daddr,
      dport,
      proto,
      label: undefined,
      detailedLabel: undefined,
      origin: { file: this.file, line: lineNo },
      dur,
      appproto: '',
      sbytes,
      dbytes,
      spkts,
      dpkts,
      state: field(f, cols.flg),
      history: '',
      smac: '',
      dmac: '',
      // NetFlow records are one direction each.
      dir: '->',
    };
  }

  /** Header, summary, nfdump's notes (`No matching flows`), or garbage. */
  private nonData(line: string, lineNo: number): undefined {
    if (line.startsWith('ts,')) {
      this.cols = headerColumns(line.split(','), lineNo);
      const absent = REQUIRED.filter((r) => this.cols![r] < 0);
      if (absent.length > 0)
        this.acc.fileError(this.file, lineNo, `nfdump header without ${absent.join('/')} columns`);
      return undefined;
    }
    if (line === 'Summary') {
      this.summaryLeft = 2;
      return undefined;
    }
    if (line === 'No matching flows' || line.trim().length === 0) return undefined;
    return this.reject(lineNo, `not an nfdump CSV line: ${quote(line)}`);
  }

  private reject(lineNo: number, reason: string): undefined {
    this.acc.reject(this.file, lineNo, reason);
    return undefined;
  }
}

function headerColumns(names: string[], lineNo: number): NfColumns {
  const cols: NfColumns = { ...FIXED, count: names.length, headerLine: lineNo };
  for (const n of NAMES) cols[n] = names.indexOf(n);
  return cols;
}
