// One timeline entry ("activity") per connection of a profile: where it belongs (profile, timewindow),
// then the newest timeline's keys (slips-behaviour.md 4.1.6, 4.2.11). The key order is fixed here so
// every line reads the same.
import type { ConnRecord } from '../../flow';
import type { InterpretedState, Role } from '../../profiler/types';
import { humanSize } from '../format/size';
import { humanUtc } from '../format/time';
import { altInfo, type AltRecord } from './altInfo';
import { describeIcmp, icmpLabel } from './icmp';
import type { ServiceNames } from '../../data/services';

/** A connection of the closing window: how the profile saw it, and the names its peer had been
 *  resolved from when the connection arrived. */
export interface PendingFlow {
  rec: ConnRecord;
  role: Role;
  state: InterpretedState;
  names: readonly string[] | undefined;
}

export interface TimelineEntry {
  ts: number;
  activity: Record<string, unknown>;
}

/** Which profile and window an activity belongs to: the first keys of each timeline.jsonl line. */
export interface ActivityPlace {
  profile: string;
  timewindow: number;
}

export interface ActivityOptions {
  humanTimestamp: boolean;
  ports: ServiceNames;
}

export const UNKNOWN = '????';
export const NOT_RECOGNIZED = 'Protocol not recognized by Slips nor Zeek.';
export const NO_DATA = 'No data exchange!';

const ICMP = new Set(['icmp', 'ipv6-icmp', 'icmp6']);
const LOWER_STATE: Record<InterpretedState, string> = {
  Established: 'established',
  'Not Established': 'not established',
  'ICMP Echo': 'icmp echo',
  'ICMP Reply': 'icmp reply',
  'ICMP Host Unreachable': 'icmp host unreachable',
  'ICMP Port Unreachable': 'icmp port unreachable',
};
const PORTED = new Set(['tcp', 'udp', 'sctp']);

/** Upstream shows up to three names; with more, only the last one fits on the line. */
function dnsResolutionValue(names: readonly string[] | undefined): string | readonly string[] {
  if (!names || names.length === 0) return UNKNOWN;
  return names.length > 3 ? names[names.length - 1]! : names;
}

interface Naming {
  name: string;
  portProto: string;
  warning: string;
  critical: string;
  icmpType?: string;
}

function naming(rec: ConnRecord, ports: ServiceNames): Naming {
  const proto = rec.proto.toLowerCase();
  const portProto = `${rec.dport}/${proto.toUpperCase()}`;
  if (ICMP.has(proto)) {
    const d = describeIcmp(proto, rec.sport, rec.dport);
    return {
      name: d.name,
      portProto: icmpLabel(rec.sport, proto),
      warning: d.warning,
      critical: '',
      icmpType: d.type,
    };
  }
  if (PORTED.has(proto)) {
    // Zeek's own service guess comes first, then the port list; neither knowing it is worth flagging.
    const name = rec.appproto ? rec.appproto.toUpperCase() : ports.upperName(rec.dport, proto);
    return name
      ? { name, portProto, warning: '', critical: '' }
      : { name: UNKNOWN, portProto, warning: '', critical: NOT_RECOGNIZED };
  }
  return { name: proto ? proto.toUpperCase() : UNKNOWN, portProto, warning: '', critical: '' };
}

export function buildActivity(
  p: PendingFlow,
  alt: AltRecord | undefined,
  opts: ActivityOptions,
  place: ActivityPlace,
): Record<string, unknown> {
  const { rec } = p;
  const n = naming(rec, opts.ports);
  const client = p.role === 'Client';
  const total = rec.sbytes + rec.dbytes;
  const warning = total === 0 ? (n.warning ? `${n.warning}, ${NO_DATA}` : NO_DATA) : n.warning;
  let info: unknown = '';
  if (alt) info = altInfo(alt);
  else if (n.icmpType) info = { type: n.icmpType };
  const timestamp = opts.humanTimestamp ? humanUtc(rec.ts) : rec.ts;
  const dns = dnsResolutionValue(p.names);
  const state = LOWER_STATE[p.state] ?? p.state.toLowerCase();
  const tot = humanSize(total);
  // Sources write microseconds; rounding drops float noise such as 7.522781999999999.
  const duration = Math.round(rec.dur * 1e6) / 1e6;
  // One literal per direction, so every activity of a direction shares one object shape (fast to serialise).
  const activity: Record<string, unknown> = client
    ? {
        profile: place.profile,
        timewindow: place.timewindow,
        timestamp,
        dport_name: n.name,
        preposition: 'to',
        dns_resolution: dns,
        daddr: rec.daddr,
        'dport/proto': n.portProto,
        state,
        warning,
        info,
        sent: rec.sbytes,
        recv: rec.dbytes,
        tot,
        duration,
        'critical warning': n.critical,
      }
    : {
        profile: place.profile,
        timewindow: place.timewindow,
        timestamp,
        dport_name: n.name,
        preposition: 'from',
        dns_resolution: dns,
        saddr: rec.saddr,
        'dport/proto': n.portProto,
        state,
        warning,
        info,
        sent: rec.sbytes,
        recv: rec.dbytes,
        tot,
        duration,
        'critical warning': n.critical,
      };
  return activity;
}
