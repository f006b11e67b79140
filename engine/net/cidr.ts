// CIDR ranges for IPv4 and IPv6, matched on strings without allocating per lookup for IPv4.
import { isIP } from 'node:net';

export interface Cidr {
  text: string;
  v6: boolean;
  /** IPv4: network as a 32-bit number and mask; IPv6: the address as 8 hextets and the prefix length. */
  net: number;
  mask: number;
  hextets?: number[];
  prefix: number;
}

export function ipv4ToInt(ip: string): number | undefined {
  let n = 0;
  let part = 0;
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

function hextets(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const a = parse(head);
  const b = parse(tail);
  if (tail === undefined) return a.length === 8 ? a : undefined;
  return [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, len] = text.split('/');
  if (!addr) return undefined;
  const v4 = ipv4ToInt(addr);
  if (v4 !== undefined) {
    const prefix = len === undefined ? 32 : Number(len);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { text, v6: false, net: (v4 & mask) >>> 0, mask, prefix };
  }
  const h = hextets(addr);
  if (!h) return undefined;
  const prefix = len === undefined ? 128 : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128) return undefined;
  return { text, v6: true, net: 0, mask: 0, hextets: h, prefix };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  if (!c.v6) {
    const n = ipv4ToInt(ip);
    return n !== undefined && (n & c.mask) >>> 0 === c.net;
  }
  const h = hextets(ip);
  if (!h) return false;
  let bits = c.prefix;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const m = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((h[i]! & m) !== (c.hextets![i]! & m)) return false;
  }
  return true;
}
