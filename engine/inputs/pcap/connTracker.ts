// Connection tracking with Zeek's conn.log semantics: packets → connections by 5-tuple, the originator
// chosen as Zeek does (first sender, flipped by the likely-server-port rule), counters, history, and the
// removal rules (inactivity, TCP and DNS session timers, all in traffic time). A connection becomes a
// record when it is removed, as in Zeek's conn.log: records come out in order of connection end, not
// start. The profiler accepts that: a record only has to reach its time window before the traffic has
// moved a full window width past it, and a connection is removed at most an inactivity timeout (1 hour
// for TCP, as Slips configures Zeek) after its last packet, so with the default 1-hour windows a record
// can reach a window that already closed only for connections idle for the whole timeout.
import { macText } from './addressText';
import { AppLayer } from './analyzers/appLayer';
import {
  Connection,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type PacketConnRecord,
} from './connection';
import type { FlowRecord } from '../../flow';
import type { PacketView } from './packetView';
import { isLikelyServerPort, serviceByPort } from './ports';
import { ACK, SYN, TCP_SYN_TIMEOUT, TcpSession, type Segment } from './tcpSession';
import { MAX_EXPIRES, TimerHeap, TimerKind } from './timers';

export interface TrackerOptions {
  /** Seconds a TCP connection may be idle once established (Slips configures Zeek with 1 hour). */
  tcpInactivity: number;
  /** Zeek's udp_inactivity_timeout (also used for TCP handshakes and other IP protocols). */
  udpInactivity: number;
  /** Zeek's icmp_inactivity_timeout. */
  icmpInactivity: number;
  /** A deterministic uid for the n-th connection. */
  uid(n: number): string;
  emit(rec: PacketConnRecord): void;
  /** Records of the application analyzers (dns, http, ssl, x509, ssh, weird). */
  emitApp(rec: FlowRecord): void;
  file: string;
}

/** Why a transport header could not be used; '' when it was. */
export type TransportVerdict = '' | string;

const HASH_MASK = 0x3fffffff;

export class ConnTracker {
  private readonly table = new Map<number, Connection>();
  private readonly timers = new TimerHeap();
  private readonly tcp: TcpSession;
  private readonly seg: Segment = { flags: 0, seq: 0, ack: 0, win: 0, len: 0, capLen: 0, off: 0 };
  readonly apps: AppLayer;
  private created = 0;
  /** Connections currently tracked. */
  open = 0;
  /** The connection the last packet went to (for tunnels inside it). */
  last: Connection | undefined;

  constructor(private readonly opts: TrackerOptions) {
    this.tcp = new TcpSession(opts.tcpInactivity, this.timers);
    this.apps = new AppLayer(opts.file, opts.emitApp);
  }

  /** Fires the timers due before a packet at `t` is processed (removing connections whose time is up). */
  advance(t: number): void {
    this.apps.advance(t);
    const h = this.timers;
    let fired = 0;
    while (fired < MAX_EXPIRES && h.next() <= t) {
      const c = h.pop();
      if (c === undefined) continue;
      fired++;
      this.fire(c, h.firedKind, t);
    }
  }

  private fire(c: Connection, kind: TimerKind, t: number): void {
    switch (kind) {
      case TimerKind.Inactivity:
        if (c.lastTs + c.inactivity <= t) this.remove(c);
        else this.timers.add(c, c.lastTs + c.inactivity, TimerKind.Inactivity);
        return;
      case TimerKind.Dns:
        // One second of slack lets a single request and its reply share one check.
        if (t - c.lastTs >= DNS_SESSION_TIMEOUT - 1) this.remove(c);
        else this.timers.add(c, t + DNS_SESSION_TIMEOUT, TimerKind.Dns);
        return;
      default:
        if (this.tcp.fire(c, kind, t) === 'remove') this.remove(c);
    }
  }

  /** Every connection still open, as records in order of start (end of input). */
  finish(): void {
    const rest: Connection[] = [];
    for (let c of this.table.values()) {
      for (; c !== undefined; c = c.next!) rest.push(c);
    }
    rest.sort((a, b) => a.startTs - b.startTs || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
    for (const c of rest) this.remove(c);
    this.apps.finish();
  }

  /** One IP packet (transport header at v.l4). Returns '' when used, else the reason it was rejected. */
  packet(v: PacketView): TransportVerdict {
    const b = v.buf;
    const p = v.ipProto;
    const l4 = v.l4;
    const cap = v.capEnd - l4;
    let sport = 0;
    let dport = 0;
    if (p === IPPROTO_TCP) {
      if (cap < 20 || v.l4Len < 20) return 'TCP header cut off';
      const hl = (b[l4 + 12]! >> 4) * 4;
      if (hl < 20) return 'TCP header length below 20 bytes';
      if (hl > cap || hl > v.l4Len) return 'TCP header (with options) cut off';
      sport = b.readUInt16BE(l4);
      dport = b.readUInt16BE(l4 + 2);
      const s = this.seg;
      s.flags = b[l4 + 13]!;
      s.seq = b.readUInt32BE(l4 + 4);
      s.ack = b.readUInt32BE(l4 + 8);
      s.win = b.readUInt16BE(l4 + 14);
      s.len = v.l4Len - hl;
      s.capLen = cap - hl;
      s.off = l4 + hl;
    } else if (p === IPPROTO_UDP) {
      if (cap < 8 || v.l4Len < 8) return 'UDP header cut off';
      sport = b.readUInt16BE(l4);
      dport = b.readUInt16BE(l4 + 2);
    } else if (p === IPPROTO_ICMP || p === IPPROTO_ICMPV6) {
      if (cap < 8 || v.l4Len < 8) return 'ICMP header cut off';
      const type = b[l4]!;
      const code = b[l4 + 1]!;
      sport = type;
      dport = p === IPPROTO_ICMP ? icmp4Counterpart(type, code) : icmp6Counterpart(type, code);
    }

    const h = hashTuple(v, sport, dport);
    let c = this.find(h, v, sport, dport);
    if (c !== undefined && p === IPPROTO_TCP && this.tcp.isReuse(c, this.seg.flags, this.seg.seq)) {
      this.remove(c);
      c = undefined;
    }
    if (c === undefined) c = this.create(h, v, sport, dport);
    this.last = c;

    const isOrig = sameAddr(v, c, true) && c.oPort === sport;
    if (isOrig) {
      c.origPkts++;
      c.origIpBytes += v.ipLen;
    } else {
      c.respPkts++;
      c.respIpBytes += v.ipLen;
    }
    c.lastPacketTs = v.ts;
    if (p === IPPROTO_TCP) {
      this.tcp.packet(c, isOrig, this.seg, v.ts);
      // Only connections still being analysed (or not yet decided and carrying payload) go further.
      if (c.app !== null && (c.app !== undefined || this.seg.len > 0)) this.apps.tcp(c, isOrig, v, this.seg);
    } else {
      c.lastTs = v.ts;
      let size = 0;
      if (p === IPPROTO_UDP) {
        size = b.readUInt16BE(l4 + 4) - 8;
        if (size < 0) size = 0;
        c.checkHistory(isOrig ? 0x1 : 0x10000, isOrig ? 'D' : 'd');
      } else if (p === IPPROTO_ICMP || p === IPPROTO_ICMPV6) size = v.l4Len - 8;
      if (isOrig) c.origSize = (c.origSize < 0 ? 0 : c.origSize) + size;
      else c.respSize = (c.respSize < 0 ? 0 : c.respSize) + size;
      if (c.app) this.apps.udp(c, isOrig, v);
    }
    return '';
  }

  private find(h: number, v: PacketView, sport: number, dport: number): Connection | undefined {
    for (let c = this.table.get(h); c !== undefined; c = c.next) {
      if (c.ipProto !== v.ipProto || c.v6 !== v.v6 || c.removed) continue;
      if (sameAddr(v, c, true) && c.oPort === sport && sameAddr(v, c, false) && c.rPort === dport) return c;
      if (sameAddrRev(v, c) && c.oPort === dport && c.rPort === sport) return c;
    }
    return undefined;
  }

  private create(h: number, v: PacketView, sport: number, dport: number): Connection {
    const p = v.ipProto;
    const timeout =
      p === IPPROTO_ICMP || p === IPPROTO_ICMPV6 ? this.opts.icmpInactivity : this.opts.udpInactivity;
    const c = new Connection(v.v6, p, this.opts.uid(++this.created), v.ts, timeout, v.tunnel);
    c.o0 = v.s0;
    c.o1 = v.s1;
    c.o2 = v.s2;
    c.o3 = v.s3;
    c.r0 = v.d0;
    c.r1 = v.d1;
    c.r2 = v.d2;
    c.r3 = v.d3;
    c.oPort = sport;
    c.rPort = dport;
    c.firstPacket = v.packetNo;
    this.apps.open(c);
    if (v.ethOff >= 0) {
      c.smac = macText(v.ethBuf, v.ethOff + 6);
      c.dmac = macText(v.ethBuf, v.ethOff);
    }
    if (wantsFlip(p, sport, dport, this.seg.flags) && !(!v.v6 && v.d0 === 0xffffffff)) c.flip();
    this.timers.add(c, v.ts + timeout, TimerKind.Inactivity);
    if (p === IPPROTO_TCP) this.timers.add(c, v.ts + TCP_SYN_TIMEOUT, TimerKind.Expire);
    else if (p === IPPROTO_UDP && isDnsPort(c.rPort))
      this.timers.add(c, v.ts + DNS_SESSION_TIMEOUT, TimerKind.Dns);
    c.next = this.table.get(h);
    this.table.set(h, c);
    this.open++;
    return c;
  }

  private remove(c: Connection): void {
    c.removed = true;
    const h = hashConn(c);
    let head = this.table.get(h);
    if (head === c) {
      if (c.next === undefined) this.table.delete(h);
      else this.table.set(h, c.next);
    } else {
      while (head !== undefined && head.next !== c) head = head.next;
      if (head !== undefined) head.next = c.next;
    }
    c.next = undefined;
    this.open--;
    this.apps.end(c, c.lastPacketTs);
    if (c.service === '') c.service = serviceFor(c);
    this.opts.emit(c.toRecord(this.opts.file));
  }
}

/** Zeek's dns_session_timeout: the DNS analyzer's check interval on UDP. */
const DNS_SESSION_TIMEOUT = 10;

/** UDP ports Zeek's DNS analyzer is attached to (DNS, NetBIOS name service, mDNS, LLMNR). */
function isDnsPort(port: number): boolean {
  return port === 53 || port === 137 || port === 5353 || port === 5355;
}

/** Zeek decides the roles of a connection whose first packet is not a SYN by likely server ports. */
function wantsFlip(p: number, sport: number, dport: number, flags: number): boolean {
  if (p === IPPROTO_UDP) return isLikelyServerPort(p, sport) && !isLikelyServerPort(p, dport);
  if (p !== IPPROTO_TCP) return false;
  if (flags & SYN && (flags & ACK) === 0) return false;
  if (!isLikelyServerPort(p, sport)) return false;
  // Both plausible: flip only a non-SYN towards the higher port (never a SYN-ACK: stealth scans send those).
  if (isLikelyServerPort(p, dport)) return (flags & SYN) === 0 && sport < dport;
  return true;
}

/**
 * Zeek's service is the analyzer that confirmed the protocol. DNS, HTTP, TLS and SSH are recognised by
 * content (the analyzers set `service`, and no port guess stands in for them); protocols without an
 * analyzer here keep the responder port's name once the connection carried data both ways.
 */
function serviceFor(c: Connection): string {
  let name = '';
  if (c.ipProto === IPPROTO_UDP)
    name = c.origSize >= 0 || c.respSize >= 0 ? serviceByPort(c.ipProto, c.rPort) : '';
  else if (c.ipProto === IPPROTO_TCP) {
    const h = c.history;
    name = h.includes('D') && h.includes('d') ? serviceByPort(c.ipProto, c.rPort) : '';
  }
  return ANALYZED_SERVICES.has(name) ? '' : name;
}

const ANALYZED_SERVICES = new Set(['dns', 'http', 'ssl', 'ssh']);

function sameAddr(v: PacketView, c: Connection, orig: boolean): boolean {
  if (orig) return v.s0 === c.o0 && v.s1 === c.o1 && v.s2 === c.o2 && v.s3 === c.o3;
  return v.d0 === c.r0 && v.d1 === c.r1 && v.d2 === c.r2 && v.d3 === c.r3;
}

function sameAddrRev(v: PacketView, c: Connection): boolean {
  return (
    v.s0 === c.r0 &&
    v.s1 === c.r1 &&
    v.s2 === c.r2 &&
    v.s3 === c.r3 &&
    v.d0 === c.o0 &&
    v.d1 === c.o1 &&
    v.d2 === c.o2 &&
    v.d3 === c.o3
  );
}

function mix(a: number, b: number, c: number, d: number, port: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ b ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ c ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ d ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ port ^ (h >>> 16), 0x27d4eb2f);
  return h ^ (h >>> 15);
}

/** Direction-independent hash of the tuple (the two endpoints are XOR-ed). */
function hashTuple(v: PacketView, sport: number, dport: number): number {
  return ((mix(v.s0, v.s1, v.s2, v.s3, sport) ^ mix(v.d0, v.d1, v.d2, v.d3, dport)) + v.ipProto) & HASH_MASK;
}

function hashConn(c: Connection): number {
  return (
    ((mix(c.o0, c.o1, c.o2, c.o3, c.oPort) ^ mix(c.r0, c.r1, c.r2, c.r3, c.rPort)) + c.ipProto) & HASH_MASK
  );
}

/** ICMPv4 request/reply pairs share a connection: the "responder port" is the counterpart type. */
function icmp4Counterpart(type: number, code: number): number {
  switch (type) {
    case 8:
      return 0;
    case 0:
      return 8;
    case 13:
      return 14;
    case 14:
      return 13;
    case 15:
      return 16;
    case 16:
      return 15;
    case 10:
      return 9;
    case 9:
      return 10;
    case 17:
      return 18;
    case 18:
      return 17;
    default:
      // One-way messages: the code stands in for the responder port.
      return code;
  }
}

function icmp6Counterpart(type: number, code: number): number {
  switch (type) {
    case 128:
      return 129;
    case 129:
      return 128;
    case 133:
      return 134;
    case 134:
      return 133;
    case 135:
      return 136;
    case 136:
      return 135;
    case 130:
      return 131;
    case 131:
      return 130;
    case 139:
      return 140;
    case 140:
      return 139;
    case 141:
      return 142;
    case 142:
      return 141;
    case 144:
      return 145;
    case 145:
      return 144;
    case 146:
      return 147;
    case 147:
      return 146;
    default:
      return code;
  }
}
