// Why a built Zeek record cannot be kept, if it cannot: no usable timestamp, a number that is not one,
// or an address that is not an IP where the kind needs one. Cheap enough to run on every record.
import { isIP } from 'node:net';
import type { FlowRecord } from '../../flow';
import type { AddressRule } from './zeekKindSpec';
import { TS_SLOT, type ZeekRow } from './zeekRow';

/**
 * Dotted-quad IPv4 without leading zeros (as node:net accepts), checked by hand: this runs twice per
 * conn line and is several times faster than isIP's regular expression.
 */
function isIpv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let value = 0;
  let digits = 0;
  let lead = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || (digits > 1 && lead === 0)) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) lead = c - 48;
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

/** Recent IPv6 verdicts: node's IPv6 expression is slow and hosts repeat; cleared when full to bound memory. */
const ipv6Seen = new Map<string, boolean>();
const IPV6_MEMORY = 8192;

function isIpv6(s: string): boolean {
  let ok = ipv6Seen.get(s);
  if (ok === undefined) {
    ok = isIP(s) === 6;
    if (ipv6Seen.size >= IPV6_MEMORY) ipv6Seen.clear();
    ipv6Seen.set(s, ok);
  }
  return ok;
}

export function isIpAddress(s: string): boolean {
  return isIpv4(s) || (s.indexOf(':') !== -1 && isIpv6(s));
}

function badAddress(name: string, value: string, required: boolean): string | undefined {
  if (value === '') return required ? `${name} is missing` : undefined;
  return isIpAddress(value) ? undefined : `${name} is not an IP address: ${JSON.stringify(value)}`;
}

/** The reason to reject `rec`, or undefined when it is fine. */
export function recordProblem(rec: FlowRecord, row: ZeekRow, rule: AddressRule): string | undefined {
  if (rec.ts - rec.ts !== 0) return `invalid ts ${JSON.stringify(row.raw(TS_SLOT))}`;
  if (row.bad !== '') return row.bad;
  if (rule === 'none') return undefined;
  return (
    badAddress('source address', rec.saddr, rule !== 'present') ??
    badAddress('destination address', rec.daddr, rule === 'both')
  );
}
