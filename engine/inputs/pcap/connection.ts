// One tracked connection: its 5-tuple (orig = the side Zeek calls the originator), counters, history and
// per-protocol state, and how it becomes a conn.log-shaped record when it ends.
import type { ConnRecord } from '../../flow';
import { ipv4Text, ipv6Text } from './addressText';
import type { AppSession } from './analyzers/appLayer';
import { TcpEndpoint, TcpState } from './tcpEndpoint';

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_ICMPV6 = 58;

/** A connection record from packets: conn.log's columns that ConnRecord has no field for ride along. */
export interface PacketConnRecord extends ConnRecord {
  ipProto: number;
  origIpBytes: number;
  respIpBytes: number;
  missedBytes: number;
  tunnelParents: string[];
}

export class Connection {
  /** Next connection with the same hash in the table. */
  next: Connection | undefined;
  removed = false;
  /** Bumped to cancel pending timers: the inactivity timer, and all the protocol analyzer's timers. */
  inactivityTimer = 0;
  analyzerTimers = 0;

  // Originator and responder addresses: IPv4 in word 0 (other words 0), IPv6 in all four.
  o0 = 0;
  o1 = 0;
  o2 = 0;
  o3 = 0;
  r0 = 0;
  r1 = 0;
  r2 = 0;
  r3 = 0;
  oPort = 0;
  rPort = 0;

  startTs: number;
  /** Zeek's last_time: not moved by packets after both sides closed. */
  lastTs: number;
  /** Time of the newest packet, whatever it was. */
  lastPacketTs: number;
  inactivity: number;

  history = '';
  histSeen = 0;
  origPkts = 0;
  origIpBytes = 0;
  respPkts = 0;
  respIpBytes = 0;
  /** UDP/ICMP payload bytes; -1 = that side sent nothing (Zeek's UDP_INACTIVE). */
  origSize = -1;
  respSize = -1;
  missedBytes = 0;
  smac = '';
  dmac = '';
  service = '';
  /** Number of the packet that opened the connection (the record's origin). */
  firstPacket = 0;
  /** Application analysis: undefined = not decided yet (TCP before payload), null = none. */
  app: AppSession | null | undefined = undefined;

  /** TCP only. */
  orig: TcpEndpoint | undefined;
  resp: TcpEndpoint | undefined;
  /** TCP analyzer still live (Zeek's is_active): its own timers run only while it is. */
  active = true;
  /** TCP: the long (TCP) inactivity timeout applies once the handshake is over. */
  tcpTimeoutSet = false;

  constructor(
    readonly v6: boolean,
    readonly ipProto: number,
    readonly uid: string,
    ts: number,
    inactivity: number,
    readonly tunnelParent: string,
  ) {
    this.startTs = ts;
    this.lastTs = ts;
    this.lastPacketTs = ts;
    this.inactivity = inactivity;
    if (ipProto === IPPROTO_TCP) {
      this.orig = new TcpEndpoint();
      this.resp = new TcpEndpoint();
    }
  }

  /** Adds a history letter the first time its kind is seen for that side; true when seen before. */
  checkHistory(mask: number, code: string): boolean {
    if ((this.histSeen & mask) === 0) {
      this.histSeen |= mask;
      this.history += code;
      return false;
    }
    return true;
  }

  /** Zeek's orig/resp swap: addresses, ports, endpoints, first-seen bits, and a `^` in the history. */
  flip(): void {
    let t = this.o0;
    this.o0 = this.r0;
    this.r0 = t;
    t = this.o1;
    this.o1 = this.r1;
    this.r1 = t;
    t = this.o2;
    this.o2 = this.r2;
    this.r2 = t;
    t = this.o3;
    this.o3 = this.r3;
    this.r3 = t;
    t = this.oPort;
    this.oPort = this.rPort;
    this.rPort = t;
    const e = this.orig;
    this.orig = this.resp;
    this.resp = e;
    const m = this.smac;
    this.smac = this.dmac;
    this.dmac = m;
    this.histSeen = ((this.histSeen & 0xffff) << 16) | (this.histSeen >>> 16);
    this.history += '^';
  }

  /** After a flip decided by an analyzer once packets were counted: the counters follow the roles. */
  swapCounters(): void {
    let t = this.origPkts;
    this.origPkts = this.respPkts;
    this.respPkts = t;
    t = this.origIpBytes;
    this.origIpBytes = this.respIpBytes;
    this.respIpBytes = t;
    t = this.origSize;
    this.origSize = this.respSize;
    this.respSize = t;
  }

  origText(): string {
    return this.v6 ? ipv6Text(this.o0, this.o1, this.o2, this.o3) : ipv4Text(this.o0);
  }

  respText(): string {
    return this.v6 ? ipv6Text(this.r0, this.r1, this.r2, this.r3) : ipv4Text(this.r0);
  }

  /** conn.log's conn_state (the rules of Zeek's conn script, from endpoint states). */
  connState(): string {
    if (this.ipProto === IPPROTO_TCP) return tcpConnState(this.orig!, this.resp!, this.history);
    if (this.ipProto === IPPROTO_UDP) {
      if (this.origSize >= 0) return this.respSize >= 0 ? 'SF' : 'S0';
      return this.respSize >= 0 ? 'SHR' : 'OTH';
    }
    return 'OTH';
  }

  toRecord(file: string): PacketConnRecord {
    const dur = this.lastTs - this.startTs;
    let sbytes = 0;
    let dbytes = 0;
    // Zeek logs sizes only for connections that lasted (a single-packet connection has them unset).
    if (dur > 0) {
      if (this.orig !== undefined) {
        sbytes = this.orig.size(this.resp!);
        dbytes = this.resp!.size(this.orig);
      } else {
        sbytes = Math.max(this.origSize, 0);
        dbytes = Math.max(this.respSize, 0);
      }
    }
    return {
      kind: 'conn',
      ts: this.startTs,
      uid: this.uid,
      saddr: this.origText(),
      sport: this.oPort,
      daddr: this.respText(),
      dport: this.rPort,
      proto: protoName(this.ipProto),
      origin: { file, line: this.firstPacket },
      source: 'zeek',
      dur: dur > 0 ? dur : 0,
      appproto: this.service,
      sbytes,
      dbytes,
      spkts: this.origPkts,
      dpkts: this.respPkts,
      state: this.connState(),
      history: this.history,
      smac: this.smac,
      dmac: this.dmac,
      dir: '->',
      ipProto: this.ipProto,
      origIpBytes: this.origIpBytes,
      respIpBytes: this.respIpBytes,
      missedBytes: this.missedBytes,
      tunnelParents: this.tunnelParent ? [this.tunnelParent] : [],
    };
  }
}

function protoName(p: number): string {
  if (p === IPPROTO_TCP) return 'tcp';
  if (p === IPPROTO_UDP) return 'udp';
  if (p === IPPROTO_ICMP || p === IPPROTO_ICMPV6) return 'icmp';
  // Zeek logs other IP protocols as `unknown_transport`; the Zeek readers turn that into ''.
  return '';
}

function tcpConnState(o: TcpEndpoint, r: TcpEndpoint, history: string): string {
  const os = o.state;
  const rs = r.state;
  const oInactive = os === TcpState.Inactive || os === TcpState.Partial;
  const rInactive = rs === TcpState.Inactive || rs === TcpState.Partial;
  if (rs === TcpState.Reset) {
    if (
      os === TcpState.SynSent ||
      os === TcpState.SynAckSent ||
      (os === TcpState.Reset && o.size(r) === 0 && r.size(o) === 0)
    )
      return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === TcpState.Reset) {
    if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === TcpState.Closed && os === TcpState.Closed) return 'SF';
  if (os === TcpState.Closed) return rInactive ? 'SH' : 'S2';
  if (rs === TcpState.Closed) return oInactive ? 'SHR' : 'S3';
  if (os === TcpState.SynSent && rs === TcpState.Inactive) return 'S0';
  if (os === TcpState.Established && rs === TcpState.Established) return 'S1';
  return 'OTH';
}
