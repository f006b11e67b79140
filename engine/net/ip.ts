// Address classes the profiler and detectors need, on strings, without allocating.
import { isIP } from 'node:net';

export function isValidIp(s: string): boolean {
  return s.length > 0 && isIP(s) !== 0;
}

function firstOctet(s: string): number {
  let n = 0;
  for (let i = 0; i < 3 && i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Multicast, broadcast, link-local, loopback and reserved targets: never real scan victims
 * (3.3: "only multicast/link-local/loopback/reserved targets are skipped").
 */
export function isSpecialTarget(ip: string): boolean {
  if (ip.includes(':')) {
    const l = ip.toLowerCase();
    return (
      l === '::1' ||
      l === '::' ||
      l.startsWith('ff') ||
      l.startsWith('fe8') ||
      l.startsWith('fe9') ||
      l.startsWith('fea') ||
      l.startsWith('feb')
    );
  }
  const a = firstOctet(ip);
  if (a === 0 || a === 127 || a >= 224) return true;
  return a === 169 && ip.startsWith('169.254.');
}

/** RFC 1918 and unique-local IPv6: the hosts a local network is learnt from. */
export function isPrivateIp(ip: string): boolean {
  if (ip.includes(':')) {
    const l = ip.toLowerCase();
    return l.startsWith('fc') || l.startsWith('fd');
  }
  const a = firstOctet(ip);
  if (a === 10) return true;
  if (a === 192) return ip.startsWith('192.168.');
  if (a === 172) {
    const b = Number(ip.split('.', 2)[1]);
    return b >= 16 && b <= 31;
  }
  return false;
}
