// DNS over UDP (one message per datagram) and TCP (messages framed by a 2-byte length) → dns.log-shaped
// records, as Zeek pairs them: a query waits for the reply with its transaction id; a reply logs the
// pair (rtt = reply time − query time); a reply with no query is logged on its own; queries never
// answered are logged when the connection ends. Messages are decoded by `dns-packet`; one it cannot
// decode is a weird (`dns_unparsable_message`) and, before anything on the connection decoded, ends
// the analysis of that connection (it is not DNS).
import * as dnsPacket from 'dns-packet';
import type { DnsRecord } from '../../../flow';
import type { Connection } from '../connection';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';

/** A DNS record from packets: dns.log's columns that DnsRecord has no field for ride along. */
export interface PacketDnsRecord extends DnsRecord {
  transId: number;
  /** Seconds between query and reply; undefined when either was not seen. */
  rtt: number | undefined;
  /** Numeric qclass / qtype / rcode; undefined when the message had no question (or no reply). */
  qclass: number | undefined;
  qtype: number | undefined;
  rcode: number | undefined;
  AA: boolean;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  rejected: boolean;
}

/** Queries waiting for a reply, per connection (a flood of unanswered ones is logged as it overflows). */
const MAX_PENDING = 1000;
/** A TCP DNS message is at most this long (its length field is 16 bits). */
const MAX_TCP_MESSAGE = 65535 + 2;

/** Zeek's class names (base/protocols/dns/consts). */
const CLASS_NAMES: Record<number, string> = {
  1: 'C_INTERNET',
  2: 'C_CSNET',
  3: 'C_CHAOS',
  4: 'C_HESIOD',
  254: 'C_NONE',
  255: 'C_ANY',
};
/** Zeek's query type names (base/protocols/dns/consts); others are `query-N`. */
const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  3: 'MD',
  4: 'MF',
  7: 'MB',
  8: 'MG',
  9: 'MR',
  14: 'MINFO',
  18: 'AFSDB',
  19: 'X25',
  20: 'ISDN',
  21: 'RT',
  22: 'NSAP',
  23: 'NSAP-PTR',
  26: 'PX',
  27: 'GPOS',
  30: 'NXT',
  31: 'EID',
  32: 'NIMLOC',
  34: 'ATMA',
  36: 'KX',
  37: 'CERT',
  38: 'A6',
  42: 'APL',
  45: 'IPSECKEY',
  49: 'DHCID',
  55: 'HIP',
  59: 'CDS',
  60: 'CDNSKEY',
  61: 'OPENPGPKEY',
  100: 'UINFO',
  101: 'UID',
  102: 'GID',
  103: 'UNSPEC',
  253: 'MAILB',
  254: 'MAILA',
  32768: 'TA',
  32769: 'DLV',
  5: 'CNAME',
  6: 'SOA',
  10: 'NULL',
  11: 'WKS',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  17: 'RP',
  24: 'SIG',
  25: 'KEY',
  28: 'AAAA',
  29: 'LOC',
  33: 'SRV',
  35: 'NAPTR',
  39: 'DNAME',
  41: 'OPT',
  43: 'DS',
  44: 'SSHFP',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  50: 'NSEC3',
  52: 'TLSA',
  64: 'SVCB',
  65: 'HTTPS',
  99: 'SPF',
  249: 'TKEY',
  250: 'TSIG',
  251: 'IXFR',
  252: 'AXFR',
  255: '*',
  257: 'CAA',
};

interface Pending {
  ts: number;
  rec: PacketDnsRecord;
}

export class DnsAnalyzer implements AppAnalyzer {
  readonly service = 'dns';
  confirmed = false;
  failed = false;
  private readonly pending = new Map<number, Pending[]>();
  private pendingCount = 0;
  /** TCP: bytes of a message not complete yet, per direction. */
  private partial: [Buffer | undefined, Buffer | undefined] = [undefined, undefined];

  constructor(
    private readonly ctx: AppContext,
    private readonly transport: 'udp' | 'tcp',
  ) {}

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    if (this.transport === 'udp') return this.message(c, isOrig, b.subarray(off, off + len), ts);
    const side = isOrig ? 0 : 1;
    const held = this.partial[side];
    let buf =
      held === undefined ? b.subarray(off, off + len) : Buffer.concat([held, b.subarray(off, off + len)]);
    while (buf.length >= 2) {
      const n = buf.readUInt16BE(0);
      if (buf.length < 2 + n) break;
      this.message(c, isOrig, buf.subarray(2, 2 + n), ts);
      if (this.failed) return;
      buf = buf.subarray(2 + n);
    }
    // Copied: the capture's buffer is reused after this call.
    this.partial[side] = buf.length === 0 ? undefined : Buffer.from(buf);
    if (buf.length > MAX_TCP_MESSAGE) this.partial[side] = undefined;
  }

  gap(_c: Connection, isOrig: boolean): void {
    // Message boundaries are lost in a TCP stream with a hole.
    this.partial[isOrig ? 0 : 1] = undefined;
    this.ctx.weird('dns_content_gap');
    this.failed = true;
  }

  end(c: Connection): void {
    const left: Pending[] = [];
    for (const list of this.pending.values()) left.push(...list);
    left.sort((a, b) => a.ts - b.ts);
    for (const p of left) this.ctx.emit(p.rec);
    this.pending.clear();
    this.pendingCount = 0;
    void c;
  }

  private message(c: Connection, isOrig: boolean, msg: Buffer, ts: number): void {
    let p: dnsPacket.DecodedPacket;
    try {
      p = dnsPacket.decode(msg);
    } catch {
      this.ctx.weird('dns_unparsable_message');
      if (!this.confirmed) this.failed = true;
      return;
    }
    const flags = msg.readUInt16BE(2);
    if (
      !this.confirmed &&
      isOrig &&
      flags & 0x8000 &&
      c.respPkts === 0 &&
      this.transport === 'udp' &&
      !toGroup(c)
    ) {
      // The first message is a reply from the originator: Zeek swaps the roles (not for multicast replies).
      c.flip();
      c.swapCounters();
    }
    this.confirmed = true;
    if (flags & 0x8000) this.reply(c, p, msg, flags, ts);
    else this.query(c, p, msg, flags, ts);
  }

  private query(c: Connection, p: dnsPacket.DecodedPacket, msg: Buffer, flags: number, ts: number): void {
    const rec = this.record(c, p, msg, flags, ts);
    rec.AA = rec.TC = rec.RA = false;
    rec.rcode = undefined;
    rec.rcodeName = '';
    if (this.pendingCount >= MAX_PENDING) this.evictOldest();
    const id = p.id ?? 0;
    const list = this.pending.get(id);
    if (list === undefined) this.pending.set(id, [{ ts, rec }]);
    else list.push({ ts, rec });
    this.pendingCount++;
  }

  private reply(c: Connection, p: dnsPacket.DecodedPacket, msg: Buffer, flags: number, ts: number): void {
    const id = p.id ?? 0;
    const list = this.pending.get(id);
    const q = list?.shift();
    if (list !== undefined && list.length === 0) this.pending.delete(id);
    const rec = this.record(c, p, msg, flags, ts);
    // Zeek takes RD from the query only, and AA, RA and the rtt only from a reply with answers.
    rec.RD = q?.rec.RD ?? false;
    if (rec.answers.length === 0) rec.AA = rec.RA = false;
    if (q === undefined) rec.qtype = rec.qclass = undefined;
    if (q === undefined) rec.qtypeName = rec.qclassName = '';
    if (q !== undefined) {
      this.pendingCount--;
      rec.ts = q.ts;
      if (rec.answers.length > 0) rec.rtt = ts - q.ts;
      if (rec.query === '' || rec.qtype === undefined) {
        rec.query = q.rec.query;
        rec.qtype = q.rec.qtype;
        rec.qtypeName = q.rec.qtypeName;
        rec.qclass = q.rec.qclass;
        rec.qclassName = q.rec.qclassName;
      }
    }
    this.ctx.emit(rec);
  }

  private evictOldest(): void {
    let oldest: number | undefined;
    let at = Infinity;
    for (const [id, list] of this.pending) {
      if (list[0]!.ts < at) {
        at = list[0]!.ts;
        oldest = id;
      }
    }
    const list = this.pending.get(oldest!)!;
    this.ctx.emit(list.shift()!.rec);
    if (list.length === 0) this.pending.delete(oldest!);
    this.pendingCount--;
  }

  private record(
    c: Connection,
    p: dnsPacket.DecodedPacket,
    msg: Buffer,
    flags: number,
    ts: number,
  ): PacketDnsRecord {
    const q = p.questions?.[0];
    const answers: string[] = [];
    const ttls: number[] = [];
    for (const a of p.answers ?? []) {
      const text = answerText(a);
      // Zeek logs no answer for a TXT record whose strings are all empty.
      if (text === '') continue;
      answers.push(text);
      ttls.push('ttl' in a && typeof a.ttl === 'number' ? a.ttl : 0);
    }
    let query = q?.name ?? '';
    // Zeek logs queries in lower case (a decoded NetBIOS name comes out upper case).
    query = query.toLowerCase();
    if (c.rPort === 137 || c.oPort === 137) query = netbiosName(query);
    // A reply without a question is logged under its first answer's name, as Zeek does.
    if (q === undefined && p.answers !== undefined && p.answers.length > 0) query = p.answers[0]!.name;
    // The numeric type and class straight from the message (dns-packet only gives names).
    let qtype: number | undefined;
    let qclass: number | undefined;
    if (q !== undefined && msg.readUInt16BE(4) > 0) {
      const end = questionEnd(msg);
      if (end > 0) {
        qtype = msg.readUInt16BE(end);
        qclass = msg.readUInt16BE(end + 2);
      }
    }
    const rcode = flags & 0xf;
    const h = appHeader(c, this.ctx.file, this.transport);
    return {
      kind: 'dns',
      ...h,
      ts,
      query,
      qclassName: qclass === undefined ? '' : (CLASS_NAMES[qclass] ?? `${qclass}`),
      qtypeName: qtype === undefined ? '' : typeName(qtype),
      rcodeName: rcodeName(rcode),
      answers,
      ttls,
      transId: p.id ?? 0,
      rtt: undefined,
      qclass,
      qtype,
      rcode,
      AA: (flags & 0x0400) !== 0,
      TC: (flags & 0x0200) !== 0,
      RD: (flags & 0x0100) !== 0,
      RA: (flags & 0x0080) !== 0,
      rejected: false,
    };
  }
}

/** The responder is a multicast or the broadcast address (mDNS, LLMNR, NetBIOS announcements). */
function toGroup(c: Connection): boolean {
  if (c.v6) return c.r0 >>> 24 === 0xff;
  return c.r0 >>> 28 === 14 || c.r0 === 0xffffffff;
}

/** Offset of the first question's type field (after its name), or 0 when the name runs off the message. */
function questionEnd(msg: Buffer): number {
  let o = 12;
  while (o < msg.length) {
    const n = msg[o]!;
    if (n === 0) return o + 5 <= msg.length ? o + 1 : 0;
    if ((n & 0xc0) === 0xc0) return o + 6 <= msg.length ? o + 2 : 0;
    o += n + 1;
  }
  return 0;
}

/** A NetBIOS name (RFC 1001 first-level encoding: 32 letters A–P) decoded, as Zeek logs it. */
function netbiosName(name: string): string {
  const dot = name.indexOf('.');
  const label = dot < 0 ? name : name.slice(0, dot);
  if (!/^[A-P]{32}$/i.test(label)) return name;
  let out = '';
  for (let i = 0; i < 30; i += 2) {
    const hi = label.toUpperCase().charCodeAt(i) - 65;
    const lo = label.toUpperCase().charCodeAt(i + 1) - 65;
    out += String.fromCharCode((hi << 4) | lo);
  }
  return out.replace(/[ \0]+$/, '');
}

const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

function rcodeName(n: number): string {
  return RCODES[n] ?? `rcode-${n}`;
}

function typeName(n: number): string {
  return TYPE_NAMES[n] ?? `query-${n}`;
}

/** An answer as dns.log writes it: the address or name; TXT as `TXT <length> <text>` per string. */
function answerText(a: dnsPacket.Answer): string {
  const d = (a as { data?: unknown }).data;
  switch (a.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return String(d);
    case 'MX':
      return (d as dnsPacket.MxData).exchange;
    case 'SRV':
      return (d as dnsPacket.SrvData).target;
    case 'SOA':
      return (d as dnsPacket.SoaData).mname;
    case 'TXT': {
      const parts = Array.isArray(d) ? d : [d];
      return parts
        .filter((x) => x.length > 0)
        .map((x) => {
          const s = Buffer.isBuffer(x) ? x.toString('latin1') : String(x);
          return `TXT ${s.length} ${s}`;
        })
        .join(' ');
    }
    default:
      return `<unknown type=${dnsTypeNumber(a.type)}>`;
  }
}

function dnsTypeNumber(name: string): string {
  const m = /^UNKNOWN_(\d+)$/.exec(name);
  return m ? m[1]! : name;
}
