// Address classes as upstream tests them (Python's `ipaddress` properties behind `utils.is_private_ip`
// and `utils.is_ignored_ip`), on strings and without allocating for IPv4. They differ from
// engine/net/ip.ts on purpose: upstream's "private" also covers loopback, link-local, documentation
// ranges, 240/4 and the limited broadcast, and the conn detections inherit that.
import { ipv4ToInt } from '../../../net/cidr';

/**
 * Python's `IPv4Address.is_private`, on the address as a 32-bit number: 0/8, 10/8, 127/8, 169.254/16,
 * 172.16/12, 192.0.0.0/29, 192.0.0.170/31, 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24,
 * 203.0.113/24, 240/4 and 255.255.255.255. Branches on the first octet: most addresses are public.
 */
export function isPrivateV4(n: number): boolean {
  switch (n >>> 24) {
    case 0:
    case 10:
    case 127:
      return true;
    case 169:
      return n >>> 16 === 0xa9fe;
    case 172:
      return n >>> 20 === 0xac1;
    case 192:
      return (
        n >>> 16 === 0xc0a8 ||
        n >>> 3 === 0xc0000000 >>> 3 ||
        n >>> 1 === 0xc00000aa >>> 1 ||
        n >>> 8 === 0xc00002
      );
    case 198:
      return n >>> 17 === 0xc612 >>> 1 || n >>> 8 === 0xc63364;
    case 203:
      return n >>> 8 === 0xcb0071;
    default:
      return n >>> 28 === 0xf;
  }
}

/** IPv4 helpers on the address as a 32-bit number, for callers that test one address several ways. */
export const isLinkLocalV4 = (n: number): boolean => n >>> 16 === 0xa9fe;
export const isLoopbackV4 = (n: number): boolean => n >>> 24 === 127;
/** 240/4, the limited broadcast included. */
export const isReservedV4 = (n: number): boolean => n >>> 28 === 0xf;
/** 0.0.0.0/8 and the limited broadcast (see isUnspecifiedOrBroadcast). */
export const isUnspecifiedOrBroadcastV4 = (n: number): boolean => n >>> 24 === 0 || n === 0xffffffff;

/** First hextet of an IPv6 literal (`::…` → 0), or -1 when it is not one. */
function firstHextet(ip: string): number {
  let h = 0;
  for (let i = 0; i < ip.length && i < 5; i++) {
    const c = ip.charCodeAt(i);
    if (c === 58) return h;
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    h = h * 16 + d;
  }
  return -1;
}

function isPrivateV6(ip: string): boolean {
  const l = ip.toLowerCase();
  if (l === '::1' || l === '::' || l.startsWith('::ffff:') || l.startsWith('2001:db8:')) return true;
  const h = firstHextet(l);
  // fc00::/7 unique local, fe80::/10 link-local
  return (h & 0xfe00) === 0xfc00 || (h & 0xffc0) === 0xfe80;
}

export function isIpv4(ip: string): boolean {
  return ipv4ToInt(ip) !== undefined;
}

/** Upstream's `utils.is_private_ip` (Python `is_private`). */
export function isPrivate(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return isPrivateV4(n);
  return ip.includes(':') && isPrivateV6(ip);
}

export function isMulticast(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return n >>> 28 === 0xe;
  return ip.length > 1 && (ip.charCodeAt(0) | 32) === 102 && (ip.charCodeAt(1) | 32) === 102;
}

export function isLinkLocal(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return isLinkLocalV4(n);
  return (firstHextet(ip) & 0xffc0) === 0xfe80;
}

export function isLoopback(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return isLoopbackV4(n);
  return ip === '::1';
}

/** Python `is_reserved`: 240/4 for IPv4 (the limited broadcast included); IPv6 outside the assigned blocks. */
export function isReserved(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return isReservedV4(n);
  const h = firstHextet(ip);
  if (h < 0) return false;
  if (h === 0) return !isPrivateV6(ip);
  return h < 0x2000 || (h >= 0x4000 && h < 0xfc00) || (h >= 0xfe00 && h < 0xfe80);
}

/** Upstream's `utils.is_ignored_ip`: not an IP, multicast, private, link-local, loopback or reserved. */
export function isIgnoredIp(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== undefined) return n >>> 28 >= 0xe || isPrivateV4(n);
  if (!ip.includes(':')) return true;
  return isMulticast(ip) || isPrivateV6(ip) || isReserved(ip);
}

/**
 * 0.0.0.0/8 ("this host on this network", RFC 1122) and the limited broadcast: what hosts without an
 * address send from and to. Upstream names only 0.0.0.0 itself; Argus writes IGMP as going to 0.0.0.1.
 */
export function isUnspecifiedOrBroadcast(ip: string): boolean {
  const n = ipv4ToInt(ip);
  return n !== undefined && isUnspecifiedOrBroadcastV4(n);
}
