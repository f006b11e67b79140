// Which connection(s) a slice is about: a uid as the reader assigned it, or a 5-tuple written
// `saddr:sport-daddr:dport/proto` (either direction; IPv6 addresses may be bracketed), and optionally a
// traffic-time range that limits the packets taken.
import { isIP } from 'node:net';
import { canonicalIPv6 } from '../../suricata/canonicalIPv6';
import type { Connection } from '../connection';

export type SliceTarget =
  | { kind: 'uid'; uids: ReadonlySet<string> }
  | { kind: 'tuple'; a: string; aPort: number; b: string; bPort: number; proto: string };

export interface SliceSelection {
  target: SliceTarget;
  /** Epoch seconds, inclusive; packets outside are left out. */
  from: number;
  to: number;
}

export class SliceSyntaxError extends Error {}

const PROTOS: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmp' };

export function protoName(ipProto: number): string {
  return PROTOS[ipProto] ?? String(ipProto);
}

/** `10.0.0.1:1234-10.0.0.2:80/tcp`, `[2001:db8::1]:5353-[ff02::fb]:5353/udp`. */
export function parseTuple(text: string): SliceTarget {
  const m = /^(.+):(\d+)-(.+):(\d+)\/([a-z0-9]+)$/i.exec(text.trim());
  const a = m ? address(m[1]!) : '';
  const b = m ? address(m[3]!) : '';
  const aPort = m ? Number(m[2]) : NaN;
  const bPort = m ? Number(m[4]) : NaN;
  if (!m || a === '' || b === '' || aPort > 65535 || bPort > 65535)
    throw new SliceSyntaxError(
      `'${text}' is not a connection tuple; write it as saddr:sport-daddr:dport/proto, e.g. 10.0.0.1:40000-10.0.0.2:80/tcp`,
    );
  return { kind: 'tuple', a, aPort, b, bPort, proto: m[5]!.toLowerCase() };
}

function address(s: string): string {
  const bare = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  const v = isIP(bare);
  if (v === 4) return bare;
  if (v === 6) return canonicalIPv6(bare);
  return '';
}

/** True when the connection is one the slice is about (the time range is checked per packet). */
export function selects(t: SliceTarget, c: Connection): boolean {
  if (t.kind === 'uid') return t.uids.has(c.uid);
  if (protoName(c.ipProto) !== t.proto) return false;
  const o = c.origText();
  const r = c.respText();
  return (
    (o === t.a && c.oPort === t.aPort && r === t.b && c.rPort === t.bPort) ||
    (o === t.b && c.oPort === t.bPort && r === t.a && c.rPort === t.aPort)
  );
}
