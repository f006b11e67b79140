// A threat-intelligence feed of the size heavy deployments reach by combining many feed lists
// (ipsum, blocklist.de, firehol, DROP, ad and tracker hosts): one million indicators, mostly public
// IPv4 addresses, then CIDR ranges of the prefix lengths block lists use, then domains. Seeded, so
// every bench run loads the same feed.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface TiFeedMix {
  ips: number;
  ranges: number;
  domains: number;
}

export const MILLION_IOCS: TiFeedMix = { ips: 700_000, ranges: 50_000, domains: 250_000 };

const TLDS = ['com', 'net', 'org', 'info', 'ru', 'cn', 'xyz', 'top', 'io', 'biz', 'online', 'site'];
/**
 * Prefix lengths as block lists have them: mostly /24, some wider networks down to /18. Together the
 * ranges cover about 2% of the address space, so most lookups miss, as with real traffic.
 */
const PREFIXES = [24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 23, 22, 21, 20, 19, 18];

/** mulberry32: small, fast, and the same sequence for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A first octet of routable unicast space (no 0, 10, 127, 169, 172, 192, 224+). */
function publicOctet(r: () => number): number {
  for (;;) {
    const o = 1 + Math.floor(r() * 222);
    if (o !== 10 && o !== 127 && o !== 169 && o !== 172 && o !== 192) return o;
  }
}

export async function generateTiFeed(path: string, mix: TiFeedMix = MILLION_IOCS): Promise<number> {
  const r = rng(0x5eed71);
  const out = createWriteStream(path);
  let buf = '# indicator,description (bench-generated)\n';
  const flush = async () => {
    if (!out.write(buf)) await once(out, 'drain');
    buf = '';
  };
  const octet = () => Math.floor(r() * 256);
  for (let i = 0; i < mix.ips; i++) {
    buf += `${publicOctet(r)}.${octet()}.${octet()}.${octet()},scanner ${i % 97}\n`;
    if (buf.length > 1 << 16) await flush();
  }
  for (let i = 0; i < mix.ranges; i++) {
    const prefix = PREFIXES[Math.floor(r() * PREFIXES.length)]!;
    const n = ((publicOctet(r) << 24) | (octet() << 16) | (octet() << 8)) >>> 0;
    const net = (n & (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0)) >>> 0;
    buf += `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix},hijacked range ${i % 13}\n`;
    if (buf.length > 1 << 16) await flush();
  }
  for (let i = 0; i < mix.domains; i++) {
    const label = Math.floor(r() * 36 ** 8).toString(36);
    buf += `${label}${i % 3 ? '' : '-cdn'}.${TLDS[i % TLDS.length]},tracker ${i % 31}\n`;
    if (buf.length > 1 << 16) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return mix.ips + mix.ranges + mix.domains;
}
