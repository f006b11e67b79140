// The text of one `<profile ip>/<TW start>.timewindow<n>` file (0.7.1 layout, 5.4), from the window's
// features as they are when it closes. Sections keep upstream's order. Quirk Q14 is fixed: upstream's
// second block (per role/proto/state peer IPs) never printed because of singular key names; here each
// (role, proto, state) prints its Dst ports, Src ports and peer IPs.
import { windowBehaviour } from '../../profiler/windowBehaviour';
import type { Evidence } from '../../evidence/types';
import type { RoleFeatures, TimeWindow, Tuple } from '../../profiler/types';
import { profileId } from '../../profiler/types';
import { fileStamp } from '../format/time';

const PROTO_ORDER = ['TCP', 'UDP', 'ICMP', 'IPV6-ICMP'];
const STATE_ORDER = ['Established', 'NotEstablished'];

export function windowFileName(tw: Pick<TimeWindow, 'start' | 'number'>): string {
  return `${fileStamp(tw.start)}.timewindow${tw.number}`;
}

/** Upstream's evidence key shape `<what>:<value>:<type>`, naming what the evidence is about. */
function evidenceKey(e: Evidence): string {
  const about = e.victim ?? e.attacker;
  return `${about.iocType.toLowerCase()}:${about.value}:${e.evidenceType}`;
}

export function evidenceDetail(e: Evidence): string {
  return `\tEvidence Description: ${e.description}. Confidence: ${e.confidence}. Threat Level: ${e.threatLevel} (key:${evidenceKey(e)})\n`;
}

function rank(list: readonly string[], v: string): number {
  const i = list.indexOf(v);
  return i === -1 ? list.length : i;
}

function byRoleProtoState(a: RoleFeatures, b: RoleFeatures): number {
  if (a.role !== b.role) return a.role === 'Client' ? -1 : 1;
  const p = rank(PROTO_ORDER, a.proto) - rank(PROTO_ORDER, b.proto) || a.proto.localeCompare(b.proto);
  if (p) return p;
  return rank(STATE_ORDER, a.state) - rank(STATE_ORDER, b.state) || a.state.localeCompare(b.state);
}

function ips(title: string, m: ReadonlyMap<string, number>): string {
  if (m.size === 0) return '';
  let s = `${title}:\n`;
  for (const [ip, n] of m) s += `\t${ip} (${n} times). Info: -\n`;
  return s;
}

function tuples(title: string, m: ReadonlyMap<string, Tuple>): string {
  if (m.size === 0) return '';
  let s = `${title}:\n`;
  for (const [id, t] of m) s += `\t${id} (${JSON.stringify([t.letters, [t.t0 ?? null, t.t1 ?? null]])})\n`;
  return s;
}

function roleBlocks(f: RoleFeatures): string {
  const head = `As ${f.role}, ${f.proto} ${f.state}`;
  let s = '';
  for (const [dir, ports] of [
    ['Dst', f.dstPorts],
    ['Src', f.srcPorts],
  ] as const) {
    if (ports.size === 0) continue;
    s += `${head} ${dir} ports:\n`;
    for (const p of [...ports.keys()].sort((a, b) => a - b)) {
      const v = ports.get(p)!;
      s += `\tPort ${p}. Total Flows: ${v.flows}. Total Pkts: ${v.pkts}. TotalBytes: ${v.bytes}.\n`;
    }
  }
  if (f.peers.size) {
    s += `${head} ${f.role === 'Client' ? 'Dst' : 'Src'} IPs:\n`;
    for (const [ip, v] of f.peers) {
      const ports = [...v.ports.keys()].sort((a, b) => a - b).map((p) => `${p} (${v.ports.get(p)} pkts)`);
      s += `\tIP ${ip}. Total Flows: ${v.flows}. Total Pkts: ${v.pkts}. TotalBytes: ${v.bytes}. Dst ports: ${ports.join(', ')}.\n`;
    }
  }
  return s;
}

export function renderWindowReport(tw: TimeWindow): string {
  let s = `ProfileID: ${profileId(tw.profileIp)}\n`;
  if (tw.alerts.length) s += 'Was requested to block in this time window: True\n';
  if (tw.evidence.length) {
    s += 'Evidence of detections in this TW:\n';
    for (const e of tw.evidence) s += `\tEvidence: ${evidenceKey(e)}\n`;
  }
  const b = windowBehaviour(tw);
  if (b) {
    s += ips('DstIP', b.dstIps);
    s += ips('SrcIP', b.srcIps);
    s += tuples('OutTuples', b.outTuples);
    s += tuples('InTuples', b.inTuples);
    for (const f of [...b.features.values()].sort(byRoleProtoState)) s += roleBlocks(f);
  }
  if (tw.evidence.length) {
    s += 'Evidence of detections in this TW:\n';
    for (const e of tw.evidence) s += evidenceDetail(e);
  }
  return s + '\n';
}
