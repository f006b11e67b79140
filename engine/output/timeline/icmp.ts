// What an ICMP flow was, for the timeline (4.1.6). Zeek puts the ICMP type in sport and the code in
// dport; Argus writes `0xCCTT` (code high byte, type low byte) in sport and, for a port unreachable,
// the unreachable port in dport, so a sport above 255 is read the Argus way.
// Upstream names numeric type 3 always "Net Unreachable"; here the code picks Host/Port/Net
// for both sources, and the "unreachable port" warning is given only where dport holds that port.

export interface IcmpDescription {
  name: string;
  warning: string;
  /** The type as `0x` + four hex digits, only for types the table does not name. */
  type?: string;
}

const ECHO = 'PING echo';

export function describeIcmp(proto: string, sport: number, dport: number): IcmpDescription {
  const argus = sport > 0xff;
  const type = argus ? sport & 0xff : sport;
  const code = argus ? sport >> 8 : dport;
  const v6 = proto === 'ipv6-icmp' || proto === 'icmp6';
  const unknown = (): IcmpDescription => ({
    name: 'ICMP Unknown type',
    warning: '',
    type: `0x${sport.toString(16).padStart(4, '0')}`,
  });
  if (v6) {
    if (type === 128) return { name: ECHO, warning: '' };
    if (type === 129) return { name: 'PING echo reply', warning: '' };
    if (type === 3) return { name: 'ICMP Time Excedded in Transit', warning: '' };
    if (type === 1)
      return { name: code === 4 ? 'ICMP Port Unreachable' : 'ICMP Destination Unreachable', warning: '' };
    return unknown();
  }
  switch (type) {
    case 8:
      return { name: ECHO, warning: '' };
    case 0:
      return { name: 'PING echo reply', warning: '' };
    case 11:
      // Upstream's spelling, kept so filters written for Slips still match.
      return { name: 'ICMP Time Excedded in Transit', warning: '' };
    case 3:
      if (code === 1) return { name: 'ICMP Host Unreachable', warning: '' };
      if (code === 3)
        return { name: 'ICMP Port Unreachable', warning: argus ? `unreachable port is ${dport}` : '' };
      return { name: 'ICMP Destination Net Unreachable', warning: '' };
    default:
      return unknown();
  }
}

/** The `type/ICMP` label: decimal as Zeek writes it, Argus' encoded form in hex. */
export function icmpLabel(sport: number, proto: string): string {
  const t = sport > 0xff ? `0x${sport.toString(16).padStart(4, '0')}` : String(sport);
  return `${t}/${proto.toUpperCase()}`;
}
