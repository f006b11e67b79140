// The fields every eve event shares (slips-behaviour.md 2.5): time, flow_id → uid, the 5-tuple.
import type { FlowHeader } from '../../flow';
import { quote } from '../argus/fields';
import { isIpAddress } from '../ipAddress';
import { parseTimestamp } from '../timestamps';
import { syntheticUid } from '../uid';
import { canonicalIPv6 } from './canonicalIPv6';
import { num, port, str, type Json } from './eveValues';

/**
 * The shared header, or a reason to reject the event. `tsText` is where the event's time comes
 * from (flow.start for flow events, timestamp otherwise); `tsName` names it in the reason.
 */
export function eveHeader(
  o: Json,
  tsText: unknown,
  tsName: string,
  file: string,
  line: number,
): FlowHeader | string {
  const ts = typeof tsText === 'string' ? parseTimestamp(tsText) : undefined;
  if (ts === undefined) return `invalid ${tsName} ${quote(String(tsText))}`;
  const saddr = o.src_ip;
  if (typeof saddr !== 'string' || !isIpAddress(saddr)) return `invalid src_ip ${quote(String(saddr))}`;
  const daddr = o.dest_ip;
  if (typeof daddr !== 'string' || !isIpAddress(daddr)) return `invalid dest_ip ${quote(String(daddr))}`;
  const p = o.proto;
  const proto = typeof p === 'string' ? p.toLowerCase() : typeof p === 'number' ? String(p) : '';
  if (proto.length === 0) return `invalid proto ${quote(String(p))}`;

  // ICMP has no ports: Zeek puts the type in the source port and the code in the destination
  // port, and so do we, so detectors see the same numbers whatever the input.
  let sport = port(o.src_port);
  let dport = port(o.dest_port);
  if (o.src_port !== undefined && sport === undefined) return `invalid src_port ${quote(String(o.src_port))}`;
  if (o.dest_port !== undefined && dport === undefined)
    return `invalid dest_port ${quote(String(o.dest_port))}`;
  sport ??= num(o.icmp_type);
  dport ??= num(o.icmp_code);

  const id = o.flow_id;
  const uid = typeof id === 'number' || typeof id === 'string' ? String(id) : syntheticUid(file, line);
  return {
    ts,
    uid,
    saddr: saddr.indexOf(':') === -1 ? saddr : canonicalIPv6(saddr),
    sport,
    daddr: daddr.indexOf(':') === -1 ? daddr : canonicalIPv6(daddr),
    dport,
    proto,
    label: undefined,
    detailedLabel: undefined,
    origin: { file, line },
  };
}

/** MAC addresses when Suricata logged the `ether` object; '' otherwise. */
export function macs(o: Json): [string, string] {
  const e = o.ether;
  if (typeof e !== 'object' || e === null) return ['', ''];
  const ether = e as Json;
  return [str(ether.src_mac), str(ether.dest_mac)];
}
