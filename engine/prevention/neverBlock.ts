// Addresses the blocking must never cut off, whatever the alerts say: the host's own addresses (blocking
// them would cut the sensor off its own network), its default gateways (everything behind them), the
// whitelist's IP entries (a user's explicit trust, whichever direction or job the entry names), and
// addresses that are not one host (loopback, unspecified, broadcast, multicast).
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Whitelist } from '../whitelist/whitelist';

export class NeverBlock {
  constructor(
    readonly own: ReadonlySet<string>,
    readonly gateways: ReadonlySet<string>,
    public whitelist?: Pick<Whitelist, 'ipMask'>,
  ) {}

  /** Why `ip` must not be blocked, or undefined when it may be. */
  reason(ip: string): string | undefined {
    const v = isIP(ip);
    if (v === 0) return 'not an IP address';
    if (notOneHost(ip, v)) return 'not a single host address';
    if (this.own.has(ip)) return 'an address of this host';
    if (this.gateways.has(ip)) return 'the default gateway';
    if (this.whitelist && this.whitelist.ipMask(ip) !== 0) return 'whitelisted';
    return undefined;
  }
}

function notOneHost(ip: string, v: number): boolean {
  if (v === 4) {
    const first = Number(ip.split('.')[0]);
    return first === 127 || first === 0 || first >= 224 || ip === '255.255.255.255';
  }
  const l = ip.toLowerCase();
  return l === '::' || l === '::1' || l.startsWith('ff');
}

/** Every address configured on this host's interfaces (in the network namespace it runs in). */
export function hostAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) out.add(a.address.replace(/%.*$/, ''));
  return out;
}

/** Default gateways from the kernel's routing tables (IPv4 and IPv6); none when unreadable. */
export function defaultGateways(
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): Set<string> {
  const out = new Set<string>();
  try {
    for (const g of ipv4Gateways(read('/proc/net/route'))) out.add(g);
  } catch {
    // no IPv4 routing table readable: nothing known
  }
  try {
    for (const g of ipv6Gateways(read('/proc/net/ipv6_route'))) out.add(g);
  } catch {
    // no IPv6 routing table readable: nothing known
  }
  return out;
}

/** /proc/net/route: `Iface Destination Gateway Flags …`, addresses as little-endian hex. */
export function ipv4Gateways(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || f[1] !== '00000000' || f[2] === '00000000') continue;
    const n = parseInt(f[2]!, 16);
    if (!Number.isFinite(n)) continue;
    out.push([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.'));
  }
  return out;
}

/** /proc/net/ipv6_route: `dest dest_len src src_len next_hop …`, 32 hex digits each; default is ::/0. */
export function ipv6Gateways(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[0] !== '0'.repeat(32) || f[1] !== '00' || /^0+$/.test(f[4]!)) continue;
    const groups = f[4]!.match(/.{4}/g)!.map((g) => parseInt(g, 16).toString(16));
    out.push(compressV6(groups));
  }
  return out;
}

/** The canonical text form (RFC 5952) so it compares equal to what the alerts carry. */
function compressV6(groups: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
