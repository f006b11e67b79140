// Is this text an IP address? Every reader asks for every flow's addresses, so this is hand-written
// and cached rather than node:net's isIP, whose regular expressions cost several times more per call.
import { isIP } from 'node:net';

/** Dotted-quad IPv4 without leading zeros (as node:net accepts), checked by hand. */
function isIPv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let dots = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
      octet = 0;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9) return false;
      if (digits > 0 && octet === 0) return false; // leading zero
      octet = octet * 10 + d;
      if (octet > 255) return false;
      digits++;
    }
  }
  return dots === 3 && digits > 0;
}

/** Recent IPv6 verdicts: node's IPv6 expression is slow and hosts repeat; cleared when full to bound memory. */
const ipv6Seen = new Map<string, boolean>();
const IPV6_MEMORY = 8192;

function isIPv6(s: string): boolean {
  let ok = ipv6Seen.get(s);
  if (ok === undefined) {
    ok = isIP(s) === 6;
    if (ipv6Seen.size >= IPV6_MEMORY) ipv6Seen.clear();
    ipv6Seen.set(s, ok);
  }
  return ok;
}

/** An IPv4 or IPv6 address as text. */
export function isIpAddress(s: string): boolean {
  return s.indexOf(':') === -1 ? isIPv4(s) : isIPv6(s);
}
