// The upper 64 bits of an IPv6 address as a bigint: enough to place it in a routed range.
import { isIP } from 'node:net';

export function ipv6Hextets(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const dot = s.lastIndexOf(':');
  if (s.indexOf('.', dot) > 0) {
    const v4 = s
      .slice(dot + 1)
      .split('.')
      .map(Number);
    s = `${s.slice(0, dot + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const parse = (p: string | undefined) => (p ? p.split(':').map((h) => parseInt(h, 16)) : []);
  const a = parse(head);
  if (tail === undefined) return a.length === 8 ? a : undefined;
  const b = parse(tail);
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

export function ipv6High64(ip: string): bigint | undefined {
  const h = ipv6Hextets(ip);
  if (!h) return undefined;
  return (BigInt(h[0]!) << 48n) | (BigInt(h[1]!) << 32n) | (BigInt(h[2]!) << 16n) | BigInt(h[3]!);
}

/** One spelling per address (full hextets, lower case), so feeds and traffic compare equal. */
export function canonicalIpv6(ip: string): string | undefined {
  return ipv6Hextets(ip)
    ?.map((h) => h.toString(16))
    .join(':');
}
