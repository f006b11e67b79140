// What a feed field is: an IP, a CIDR range, a domain, an ASN, a URL, or a hash of one kind.
import { isIP } from 'node:net';
import { parseCidr } from '../../net/cidr';
import type { FeedKind, IocKind } from './types';

export interface Classified {
  kind: IocKind;
  /** The value as the index stores it (lower case, no trailing dot, `AS` stripped from ASNs). */
  value: string;
}

const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ASN = /^as(\d{1,10})$/;
const MD5 = /^[0-9a-f]{32}$/;
const SHA1 = /^[0-9a-f]{40}$/;
const JARM = /^[0-9a-f]{62}$/;

export const THREAT_LEVEL_NAMES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export function classify(raw: string, feed: FeedKind): Classified | undefined {
  const v = raw.trim().toLowerCase();
  if (!v) return undefined;
  switch (feed) {
    case 'ja3':
      return MD5.test(v) ? { kind: 'ja3', value: v } : undefined;
    case 'ssl':
      return SHA1.test(v) ? { kind: 'sslSha1', value: v } : undefined;
    case 'jarm':
      return JARM.test(v) ? { kind: 'jarm', value: v } : undefined;
    default:
      return classifyIoc(v);
  }
}

function classifyIoc(v: string): Classified | undefined {
  if (isIP(v)) return { kind: 'ip', value: v };
  if (v.includes('/')) {
    if (v.startsWith('http://') || v.startsWith('https://')) return { kind: 'url', value: v };
    const c = parseCidr(v);
    if (!c) return undefined;
    const full = c.v6 ? c.prefix === 128 : c.prefix === 32;
    return full ? { kind: 'ip', value: v.slice(0, v.indexOf('/')) } : { kind: 'range', value: v };
  }
  const asn = ASN.exec(v);
  if (asn) return { kind: 'asn', value: asn[1]! };
  let d = v.endsWith('.') ? v.slice(0, -1) : v;
  if (d.startsWith('*.')) d = d.slice(2);
  return DOMAIN.test(d) ? { kind: 'domain', value: d } : undefined;
}
