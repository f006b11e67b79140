// One packet from link layer to connection: link layers, IPv4 and IPv6 (extension headers; both with
// fragment reassembly), tunnels (GRE, IP-in-IP, GTP-U: the inner flows are tracked, tunnel records kept), ARP. Every
// packet is counted once: accepted when it reached a connection or became an ARP record, skipped with a
// reason when it carries nothing the engine reads, rejected with its number when it is malformed.
import type { ArpRecord, FlowRecord, TunnelRecord } from '../../flow';
import type { Accounting } from '../accounting';
import { syntheticUid } from '../uid';
import { ipv4Text, ipv6Text, macText } from './addressText';
import type { PacketSink } from './captureParser';
import { IPPROTO_TCP, IPPROTO_UDP } from './connection';
import type { ConnTracker } from './connTracker';
import { Ipv4Reassembler } from './ipFragments';
import { Ipv6Reassembler } from './ipv6Fragments';
import {
  decodeLink,
  ETH_ARP,
  ETH_IP_ANY,
  ETH_IPV4,
  ETH_IPV6,
  LinkResult,
  LINKTYPE_ETHERNET,
} from './linkLayer';
import { PacketView } from './packetView';

const IPPROTO_IPIP = 4;
const IPPROTO_GRE = 47;
const IPPROTO_IPV6 = 41;
const GTP_U_PORT = 2152;
/** Tunnels inside tunnels followed before giving up. */
const MAX_TUNNEL_DEPTH = 4;

/** The outcome of one layer: used, skipped (with a reason) or rejected (with a reason). */
const enum Verdict {
  Used,
  Skip,
  Reject,
  /** A fragment kept until its datagram completes (counted then). */
  Held,
}

export class PacketDecoder implements PacketSink {
  readonly view = new PacketView();
  private readonly link = new LinkResult();
  private readonly fragments: Ipv4Reassembler;
  private readonly fragments6: Ipv6Reassembler;
  private readonly tunnels = new Map<string, string>();
  private reason = '';
  private depth = 0;
  private arpCount = 0;

  constructor(
    private readonly file: string,
    private readonly acc: Accounting,
    private readonly tracker: ConnTracker,
    private readonly emit: (rec: FlowRecord) => void,
  ) {
    this.fragments = new Ipv4Reassembler(file, acc);
    this.fragments6 = new Ipv6Reassembler(file, acc);
  }

  packet(
    linkType: number,
    ts: number,
    b: Buffer,
    off: number,
    caplen: number,
    _wirelen: number,
    no: number,
  ): void {
    const v = this.view;
    v.ts = ts;
    v.packetNo = no;
    v.tunnel = '';
    this.depth = 0;
    this.tracker.advance(ts);
    this.fragments.expire(ts);
    this.fragments6.expire(ts);
    const l = this.link;
    decodeLink(linkType, b, off, off + caplen, l);
    if (l.proto === 0) return this.count(l.reject ? Verdict.Reject : Verdict.Skip, l.reason);
    v.ethBuf = b;
    v.ethOff = l.ethOff;
    let verdict: Verdict;
    if (l.proto === ETH_ARP) verdict = this.arp(b, l.off, off + caplen, l.ethOff);
    else verdict = this.ip(b, l.proto, l.off, off + caplen);
    this.count(verdict, this.reason);
  }

  /** End of input: fragments that never completed are given up. */
  finish(): void {
    this.fragments.finish();
    this.fragments6.finish();
  }

  get pendingFragments(): number {
    return this.fragments.size + this.fragments6.size;
  }

  get heldFragmentBytes(): number {
    return this.fragments.heldBytes + this.fragments6.heldBytes;
  }

  private count(v: Verdict, reason: string): void {
    if (v === Verdict.Used) this.acc.accept();
    else if (v === Verdict.Skip) this.acc.skip(reason);
    else if (v === Verdict.Reject) this.acc.reject(this.file, this.view.packetNo, reason);
  }

  private fail(v: Verdict, reason: string): Verdict {
    this.reason = reason;
    return v;
  }

  private ip(b: Buffer, proto: number, o: number, end: number): Verdict {
    if (o >= end) return this.fail(Verdict.Reject, 'IP header missing');
    let p = proto;
    if (p === ETH_IP_ANY) {
      const ver = b[o]! >> 4;
      if (ver === 4) p = ETH_IPV4;
      else if (ver === 6) p = ETH_IPV6;
      else return this.fail(Verdict.Reject, `IP version ${ver}`);
    }
    return p === ETH_IPV4 ? this.ipv4(b, o, end) : this.ipv6(b, o, end);
  }

  private ipv4(b: Buffer, o: number, end: number): Verdict {
    if (end - o < 20) return this.fail(Verdict.Reject, 'IPv4 header cut off');
    if (b[o]! >> 4 !== 4) return this.fail(Verdict.Reject, 'IPv4 header with another version number');
    const ihl = (b[o]! & 15) * 4;
    if (ihl < 20) return this.fail(Verdict.Reject, 'IPv4 header length below 20 bytes');
    if (end - o < ihl) return this.fail(Verdict.Reject, 'IPv4 options cut off');
    const rawTot = b.readUInt16BE(o + 2);
    // Segmentation offload leaves the length 0: the captured bytes are the packet.
    const tot = rawTot === 0 ? end - o : rawTot;
    if (tot < ihl) return this.fail(Verdict.Reject, `IPv4 total length ${tot} shorter than its header`);
    const capEnd = Math.min(end, o + tot);
    const frag = b.readUInt16BE(o + 6);
    const more = (frag & 0x2000) !== 0;
    const fragOff = (frag & 0x1fff) * 8;
    if (more || fragOff > 0) {
      if (capEnd < o + tot) return this.fail(Verdict.Reject, 'IPv4 fragment cut off by the capture length');
      const whole = this.fragments.add(b, o, ihl, tot - ihl, fragOff, more, this.view.ts, this.view.packetNo);
      if (whole === undefined) return Verdict.Held;
      return this.ipv4(whole, 0, whole.length);
    }
    const v = this.view;
    v.buf = b;
    v.v6 = false;
    v.s0 = b.readUInt32BE(o + 12);
    v.d0 = b.readUInt32BE(o + 16);
    v.s1 = v.s2 = v.s3 = v.d1 = v.d2 = v.d3 = 0;
    v.ipProto = b[o + 9]!;
    v.ipLen = rawTot;
    v.l4 = o + ihl;
    v.l4Len = tot - ihl;
    v.capEnd = capEnd;
    return this.transport(o);
  }

  private ipv6(b: Buffer, o: number, end: number): Verdict {
    if (end - o < 40) return this.fail(Verdict.Reject, 'IPv6 header cut off');
    if (b[o]! >> 4 !== 6) return this.fail(Verdict.Reject, 'IPv6 header with another version number');
    const rawPlen = b.readUInt16BE(o + 4);
    const plen = rawPlen === 0 ? end - o - 40 : rawPlen;
    const ipEnd = o + 40 + plen;
    const capEnd = Math.min(end, ipEnd);
    let nh = b[o + 6]!;
    let nhAt = o + 6;
    let p = o + 40;
    // Extension headers are skipped to reach the transport header.
    for (let i = 0; ; i++) {
      if (i > 16) return this.fail(Verdict.Reject, 'IPv6 extension header chain too long');
      if (nh === 0 || nh === 43 || nh === 60 || nh === 135 || nh === 139 || nh === 140) {
        if (capEnd - p < 2) return this.fail(Verdict.Reject, 'IPv6 extension header cut off');
        const next = b[p]!;
        nhAt = p;
        p += (b[p + 1]! + 1) * 8;
        nh = next;
      } else if (nh === 51) {
        if (capEnd - p < 2) return this.fail(Verdict.Reject, 'IPv6 authentication header cut off');
        const next = b[p]!;
        nhAt = p;
        p += (b[p + 1]! + 2) * 4;
        nh = next;
      } else if (nh === 44) {
        if (capEnd - p < 8) return this.fail(Verdict.Reject, 'IPv6 fragment header cut off');
        const fo = b.readUInt16BE(p + 2);
        if ((fo & 0xfff8) !== 0 || (fo & 1) !== 0) {
          if (capEnd < ipEnd) return this.fail(Verdict.Reject, 'IPv6 fragment cut off by the capture length');
          const whole = this.fragments6.add(b, o, p, nhAt, ipEnd, this.view.ts, this.view.packetNo);
          if (whole === undefined) return Verdict.Held;
          return this.ipv6(whole, 0, whole.length);
        }
        // An atomic fragment (offset 0, no more fragments) is the whole datagram.
        nh = b[p]!;
        nhAt = p;
        p += 8;
      } else break;
      if (p > ipEnd) return this.fail(Verdict.Reject, 'IPv6 extension headers longer than the packet');
    }
    const v = this.view;
    v.buf = b;
    v.v6 = true;
    v.s0 = b.readUInt32BE(o + 8);
    v.s1 = b.readUInt32BE(o + 12);
    v.s2 = b.readUInt32BE(o + 16);
    v.s3 = b.readUInt32BE(o + 20);
    v.d0 = b.readUInt32BE(o + 24);
    v.d1 = b.readUInt32BE(o + 28);
    v.d2 = b.readUInt32BE(o + 32);
    v.d3 = b.readUInt32BE(o + 36);
    v.ipProto = nh;
    v.ipLen = 40 + rawPlen;
    v.l4 = p;
    v.l4Len = ipEnd - p;
    v.capEnd = capEnd;
    return this.transport(o);
  }

  private transport(ipOff: number): Verdict {
    const v = this.view;
    const p = v.ipProto;
    if (p === IPPROTO_GRE) return this.gre(ipOff);
    if (p === IPPROTO_IPIP || p === IPPROTO_IPV6) {
      if (this.depth >= MAX_TUNNEL_DEPTH) return this.fail(Verdict.Reject, 'tunnels nested too deep');
      this.depth++;
      v.tunnel = this.tunnel('Tunnel::IP', 0, 0);
      return this.ip(v.buf, p === IPPROTO_IPIP ? ETH_IPV4 : ETH_IPV6, v.l4, v.capEnd);
    }
    const why = this.tracker.packet(v);
    if (why !== '') return this.fail(Verdict.Reject, why);
    if (p === IPPROTO_UDP && this.tracker.last!.rPort === GTP_U_PORT) return this.gtp();
    void IPPROTO_TCP;
    return Verdict.Used;
  }

  /** The tunnel's uid, recording it (Zeek's tunnel.log DISCOVER) the first time it is seen. */
  private tunnel(type: string, sport: number, dport: number, outerUid = ''): string {
    const v = this.view;
    const src = v.v6 ? ipv6Text(v.s0, v.s1, v.s2, v.s3) : ipv4Text(v.s0);
    const dst = v.v6 ? ipv6Text(v.d0, v.d1, v.d2, v.d3) : ipv4Text(v.d0);
    const key = `${type} ${src} ${sport} ${dst} ${dport}`;
    let uid = this.tunnels.get(key);
    if (uid !== undefined) return uid;
    uid = outerUid || syntheticUid(`${this.file} tunnel`, this.tunnels.size + 1);
    this.tunnels.set(key, uid);
    const rec: TunnelRecord = {
      kind: 'tunnel',
      ts: v.ts,
      uid,
      saddr: src,
      sport,
      daddr: dst,
      dport,
      proto: '',
      origin: { file: this.file, line: v.packetNo },
      tunnelType: type,
      action: 'Tunnel::DISCOVER',
    };
    this.emit(rec);
    return uid;
  }

  private gre(ipOff: number): Verdict {
    void ipOff;
    const v = this.view;
    const b = v.buf;
    const o = v.l4;
    if (v.capEnd - o < 4) return this.fail(Verdict.Reject, 'GRE header cut off');
    if (this.depth >= MAX_TUNNEL_DEPTH) return this.fail(Verdict.Reject, 'tunnels nested too deep');
    const flags = b.readUInt16BE(o);
    const version = flags & 7;
    const proto = b.readUInt16BE(o + 2);
    if (flags & 0x4000) return this.fail(Verdict.Skip, 'GRE with source routing (not supported)');
    let len = 4;
    if (version === 0) {
      if (flags & 0x8000) len += 4;
      if (flags & 0x2000) len += 4;
      if (flags & 0x1000) len += 4;
    } else if (version === 1) {
      // Enhanced GRE (PPTP): key always present, sequence and acknowledgement optional.
      len += 4;
      if (flags & 0x1000) len += 4;
      if (flags & 0x0080) len += 4;
    } else return this.fail(Verdict.Skip, `GRE version ${version} (not supported)`);
    let inner = o + len;
    const end = v.capEnd;
    if (inner > end) return this.fail(Verdict.Reject, 'GRE header cut off');
    let net: number;
    if (proto === ETH_IPV4 || proto === ETH_IPV6) net = proto;
    else if (proto === 0x880b) {
      // PPP inside enhanced GRE: optional address/control bytes, then a 1- or 2-byte protocol.
      if (end - inner >= 2 && b[inner] === 0xff && b[inner + 1] === 0x03) inner += 2;
      if (end - inner < 1) return this.fail(Verdict.Reject, 'PPP header cut off');
      let pp: number;
      if (b[inner]! & 1) {
        pp = b[inner]!;
        inner += 1;
      } else {
        if (end - inner < 2) return this.fail(Verdict.Reject, 'PPP header cut off');
        pp = b.readUInt16BE(inner);
        inner += 2;
      }
      if (pp === 0x21) net = ETH_IPV4;
      else if (pp === 0x57) net = ETH_IPV6;
      else return this.fail(Verdict.Skip, 'PPP in GRE carrying no IP');
    } else if (proto === 0x6558) {
      const l = this.link;
      decodeLink(LINKTYPE_ETHERNET, b, inner, end, l);
      if (l.proto === 0) return this.fail(l.reject ? Verdict.Reject : Verdict.Skip, l.reason);
      v.ethBuf = b;
      v.ethOff = l.ethOff;
      v.tunnel = this.tunnel('Tunnel::GRE', 0, 0);
      this.depth++;
      if (l.proto === ETH_ARP) return this.arp(b, l.off, end, l.ethOff);
      return this.ip(b, l.proto, l.off, end);
    } else return this.fail(Verdict.Skip, `GRE carrying protocol 0x${proto.toString(16)} (not supported)`);
    v.tunnel = this.tunnel('Tunnel::GRE', 0, 0);
    this.depth++;
    return this.ip(b, net, inner, end);
  }

  /** GTP-U on the responder port 2152: a G-PDU whose payload is an IP packet is decapsulated. */
  private gtp(): Verdict {
    const v = this.view;
    const b = v.buf;
    let o = v.l4 + 8;
    const end = v.capEnd;
    if (end - o < 8 || this.depth >= MAX_TUNNEL_DEPTH) return Verdict.Used;
    const flags = b[o]!;
    // Version 1, protocol type GTP, message type G-PDU; anything else is left as plain UDP.
    if (flags >> 5 !== 1 || (flags & 0x10) === 0 || b[o + 1] !== 255) return Verdict.Used;
    let p = o + 8;
    if (flags & 0x07) {
      if (end - p < 4) return Verdict.Used;
      let ext = b[p + 3]!;
      p += 4;
      while (flags & 0x04 && ext !== 0) {
        if (end - p < 1) return Verdict.Used;
        const n = b[p]! * 4;
        if (n === 0 || end - p < n) return Verdict.Used;
        ext = b[p + n - 1]!;
        p += n;
      }
    }
    if (p >= end) return Verdict.Used;
    const ver = b[p]! >> 4;
    if (ver !== 4 && ver !== 6) return Verdict.Used;
    const outer = this.tracker.last!;
    outer.service = 'gtpv1';
    v.tunnel = this.tunnel('Tunnel::GTPv1', outer.oPort, outer.rPort, outer.uid);
    this.depth++;
    void o;
    o = p;
    const inner = this.ip(b, ETH_IP_ANY, o, end);
    // The outer datagram was already counted into its connection; a bad inner packet is only reported.
    if (inner === Verdict.Reject)
      this.acc.fileError(this.file, v.packetNo, `inside GTP tunnel: ${this.reason}`);
    return Verdict.Used;
  }

  private arp(b: Buffer, o: number, end: number, ethOff: number): Verdict {
    if (end - o < 8) return this.fail(Verdict.Reject, 'ARP header cut off');
    const htype = b.readUInt16BE(o);
    const ptype = b.readUInt16BE(o + 2);
    if (htype !== 1 || ptype !== ETH_IPV4 || b[o + 4] !== 6 || b[o + 5] !== 4)
      return this.fail(Verdict.Skip, 'ARP for other than Ethernet and IPv4');
    if (end - o < 28) return this.fail(Verdict.Reject, 'ARP message cut off');
    const op = b.readUInt16BE(o + 6);
    if (op !== 1 && op !== 2) return this.fail(Verdict.Skip, `ARP operation ${op} (not request or reply)`);
    const v = this.view;
    const rec: ArpRecord = {
      kind: 'arp',
      ts: v.ts,
      uid: syntheticUid(`${this.file} arp`, ++this.arpCount),
      saddr: ipv4Text(b.readUInt32BE(o + 14)),
      sport: 0,
      daddr: ipv4Text(b.readUInt32BE(o + 24)),
      dport: 0,
      proto: 'arp',
      origin: { file: this.file, line: v.packetNo },
      operation: op === 1 ? 'request' : 'reply',
      srcHw: macText(b, o + 8),
      dstHw: macText(b, o + 18),
      smac: ethOff >= 0 ? macText(b, ethOff + 6) : '',
      dmac: ethOff >= 0 ? macText(b, ethOff) : '',
    };
    this.emit(rec);
    return Verdict.Used;
  }
}
