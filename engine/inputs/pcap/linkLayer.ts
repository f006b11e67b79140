// Link layers and the encapsulations below IP (facts from the tcpdump link-type list and the IEEE/IETF
// formats): Ethernet with 802.1Q / Q-in-Q tags, MPLS label stacks, PPPoE sessions and Cisco FabricPath;
// Linux cooked captures (SLL, SLL2); raw IP; BSD null/loopback. The result is the network protocol
// (as an EtherType) and where its header starts, written into a reused object (no allocation per packet).

export const ETH_IPV4 = 0x0800;
export const ETH_ARP = 0x0806;
export const ETH_IPV6 = 0x86dd;
/** Not a real EtherType: the network layer is IP whose version nibble decides (raw IP, MPLS payload). */
export const ETH_IP_ANY = -1;

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;
/** DLT_RAW as some systems number it in pcap files. */
const DLT_RAW_12 = 12;
const DLT_RAW_14 = 14;
const LINKTYPE_PPP = 9;

const ETH_VLAN = 0x8100;
const ETH_QINQ = 0x88a8;
const ETH_QINQ_OLD = 0x9100;
const ETH_MPLS = 0x8847;
const ETH_MPLS_MC = 0x8848;
const ETH_PPPOE_SESSION = 0x8864;
const ETH_FABRICPATH = 0x8903;
const PPP_IPV4 = 0x0021;
const PPP_IPV6 = 0x0057;
/** Encapsulation layers followed before giving up (hostile captures can stack tags forever). */
const MAX_LAYERS = 16;

export class LinkResult {
  /** EtherType of the network layer, ETH_IP_ANY, or 0 when nothing usable was found. */
  proto = 0;
  off = 0;
  /** Offset of the Ethernet header whose MACs carried the packet, or -1. */
  ethOff = -1;
  /** Why the packet was not usable, when proto is 0: a skip when `reject` is false. */
  reason = '';
  reject = false;
}

function fail(r: LinkResult, reason: string, reject: boolean): void {
  r.proto = 0;
  r.reason = reason;
  r.reject = reject;
}

/** Decodes the link layer of one packet (`end` = end of captured bytes). */
export function decodeLink(linkType: number, b: Buffer, off: number, end: number, r: LinkResult): void {
  r.ethOff = -1;
  r.reason = '';
  r.reject = false;
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return ethernet(b, off, end, r);
    case LINKTYPE_RAW:
    case DLT_RAW_12:
    case DLT_RAW_14:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      r.proto = linkType === LINKTYPE_IPV4 ? ETH_IPV4 : linkType === LINKTYPE_IPV6 ? ETH_IPV6 : ETH_IP_ANY;
      r.off = off;
      return;
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (end - off < 4) return fail(r, 'loopback header cut off', true);
      // DLT_NULL writes the family in the capturing host's byte order; LOOP in network order.
      let fam = linkType === LINKTYPE_LOOP ? b.readUInt32BE(off) : b.readUInt32LE(off);
      if (linkType === LINKTYPE_NULL && fam > 0xffff) fam = b.readUInt32BE(off);
      r.off = off + 4;
      if (fam === 2) r.proto = ETH_IPV4;
      else if (fam === 10 || fam === 24 || fam === 28 || fam === 30) r.proto = ETH_IPV6;
      else return fail(r, 'loopback packet of a non-IP address family', false);
      return;
    }
    case LINKTYPE_LINUX_SLL:
      if (end - off < 16) return fail(r, 'Linux cooked header cut off', true);
      return etherType(b, b.readUInt16BE(off + 14), off + 16, end, r, 0);
    case LINKTYPE_LINUX_SLL2:
      if (end - off < 20) return fail(r, 'Linux cooked v2 header cut off', true);
      return etherType(b, b.readUInt16BE(off), off + 20, end, r, 0);
    case LINKTYPE_PPP:
      if (end - off < 4) return fail(r, 'PPP header cut off', true);
      return ppp(
        b,
        b[off] === 0xff ? b.readUInt16BE(off + 2) : b.readUInt16BE(off),
        b[off] === 0xff ? off + 4 : off + 2,
        r,
      );
    default:
      return fail(r, `link type ${linkType} not supported`, false);
  }
}

function ethernet(b: Buffer, off: number, end: number, r: LinkResult): void {
  if (end - off < 14) return fail(r, 'Ethernet header cut off', true);
  r.ethOff = off;
  const type = b.readUInt16BE(off + 12);
  // Values up to 1500 are 802.3 lengths (LLC/SNAP frames: spanning tree, CDP, ...), not IP.
  if (type <= 1500) return fail(r, 'Ethernet 802.3/LLC frame (not IP)', false);
  etherType(b, type, off + 14, end, r, 0);
}

function etherType(b: Buffer, type: number, off: number, end: number, r: LinkResult, depth: number): void {
  if (depth > MAX_LAYERS) return fail(r, 'too many stacked encapsulation headers', true);
  switch (type) {
    case ETH_IPV4:
    case ETH_IPV6:
    case ETH_ARP:
      r.proto = type;
      r.off = off;
      return;
    case ETH_VLAN:
    case ETH_QINQ:
    case ETH_QINQ_OLD:
      if (end - off < 4) return fail(r, 'VLAN tag cut off', true);
      return etherType(b, b.readUInt16BE(off + 2), off + 4, end, r, depth + 1);
    case ETH_MPLS:
    case ETH_MPLS_MC: {
      let o = off;
      for (let i = 0; ; i++) {
        if (end - o < 4) return fail(r, 'MPLS label cut off', true);
        if (i > MAX_LAYERS) return fail(r, 'too many MPLS labels', true);
        const bottom = (b[o + 2]! & 1) === 1;
        o += 4;
        if (bottom) break;
      }
      r.proto = ETH_IP_ANY;
      r.off = o;
      return;
    }
    case ETH_PPPOE_SESSION:
      if (end - off < 8) return fail(r, 'PPPoE header cut off', true);
      return ppp(b, b.readUInt16BE(off + 6), off + 8, r);
    case ETH_FABRICPATH:
      // The FabricPath tag (2 bytes) is followed by the original frame's MACs and EtherType.
      if (end - off < 16) return fail(r, 'FabricPath header cut off', true);
      r.ethOff = off + 2;
      return etherType(b, b.readUInt16BE(off + 14), off + 16, end, r, depth + 1);
    default:
      return fail(r, `EtherType 0x${type.toString(16).padStart(4, '0')} (not IP or ARP)`, false);
  }
}

function ppp(b: Buffer, proto: number, off: number, r: LinkResult): void {
  void b;
  if (proto === PPP_IPV4) r.proto = ETH_IPV4;
  else if (proto === PPP_IPV6) r.proto = ETH_IPV6;
  else return fail(r, `PPP protocol 0x${proto.toString(16).padStart(4, '0')} (not IP)`, false);
  r.off = off;
}
