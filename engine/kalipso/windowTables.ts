// The hotkey views' tables of one window, taken from the window's behaviour while it closes (its detail
// is released right after). Only TCP and UDP, split into established and not established, as upstream's
// `<Direction><Role><TCP|UDP><Established|NotEstablished>` keys are (slips-behaviour.md 3.3, 8.1).
import type { FlowRecord } from '../flow';
import type { RoleFeatures, Totals, Tuple, WindowBehaviour } from '../profiler/types';
import { UNKNOWN, type TimelineEntry } from '../output/timeline/activity';
import type { CountRow, PortIpRow, SplitTable, TupleRow, WindowTables } from './source';

const PROTOS = ['TCP', 'UDP'];

export function byBytes(a: CountRow, b: CountRow): number {
  return b.bytes - a.bytes || b.flows - a.flows || compare(a.proto + a.key, b.proto + b.key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptySplit<T>(): SplitTable<T> {
  return { established: [], notEstablished: [] };
}

/** The features of one role, per established-ness, TCP before UDP. */
function featureGroups(b: WindowBehaviour, role: 'Client' | 'Server') {
  const groups: { established: boolean; f: RoleFeatures }[] = [];
  for (const proto of PROTOS)
    for (const state of ['Established', 'NotEstablished']) {
      const f = b.features.get(`${role}|${proto}|${state}`);
      if (f) groups.push({ established: state === 'Established', f });
    }
  return groups;
}

function countTable<K>(
  b: WindowBehaviour,
  role: 'Client' | 'Server',
  pick: (f: RoleFeatures) => Map<K, Totals>,
): SplitTable<CountRow> {
  const out = emptySplit<CountRow>();
  for (const { established, f } of featureGroups(b, role)) {
    const rows = established ? out.established : out.notEstablished;
    for (const [key, t] of pick(f))
      rows.push({ proto: f.proto, key: String(key), flows: t.flows, pkts: t.pkts, bytes: t.bytes });
  }
  out.established.sort(byBytes);
  out.notEstablished.sort(byBytes);
  return out;
}

function portIpTable(b: WindowBehaviour): SplitTable<PortIpRow> {
  const out = emptySplit<PortIpRow>();
  for (const { established, f } of featureGroups(b, 'Client')) {
    const rows = established ? out.established : out.notEstablished;
    const ports = [...f.dstPorts].sort(([pa, a], [pb, b]) => b.bytes - a.bytes || pa - pb);
    for (const [port, pf] of ports) {
      const ips = [...pf.ips].sort(([ia, a], [ib, b]) => b - a || compare(ia, ib));
      for (const [ip, pkts] of ips) rows.push({ proto: f.proto, port: String(port), ip, pkts });
    }
  }
  return out;
}

/** Peer → what the window knows of its names: DNS names from the timeline, SNI from TLS records. */
export function peerNames(entries: readonly TimelineEntry[], altFlows: readonly FlowRecord[]) {
  const dns = new Map<string, string>();
  for (const e of entries) {
    const a = e.activity;
    const peer = String(a.daddr ?? a.saddr ?? '');
    const names = a.dns_resolution;
    if (dns.has(peer) || names === UNKNOWN || names === undefined) continue;
    dns.set(peer, Array.isArray(names) ? names.join(',') : String(names));
  }
  const sni = new Map<string, string>();
  for (const r of altFlows)
    if (r.kind === 'ssl' && r.serverName && !sni.has(r.daddr)) sni.set(r.daddr, r.serverName);
  return { dns, sni };
}

function tupleRows(
  tuples: Map<string, Tuple>,
  names: ReturnType<typeof peerNames>,
  peerOf: (key: string) => string,
): TupleRow[] {
  const rows: TupleRow[] = [];
  for (const [key, t] of tuples) {
    const peer = peerOf(key);
    rows.push({
      key,
      letters: t.letters,
      flows: t.flows,
      dns: names.dns.get(peer) ?? '',
      sni: names.sni.get(peer) ?? '',
    });
  }
  return rows.sort((a, b) => b.flows - a.flows || compare(a.key, b.key));
}

/** A tuple key is `<ip>-<port>-<proto>`; IPv6 addresses hold no `-`, so the peer is what precedes the last two. */
export function tuplePeer(key: string): string {
  const end = key.lastIndexOf('-', key.lastIndexOf('-') - 1);
  return end > 0 ? key.slice(0, end) : key;
}

export function windowTables(
  b: WindowBehaviour,
  entries: readonly TimelineEntry[],
  altFlows: readonly FlowRecord[],
): WindowTables {
  const names = peerNames(entries, altFlows);
  return {
    srcPortsClient: countTable(b, 'Client', (f) => f.srcPorts),
    dstIpsClient: countTable(b, 'Client', (f) => f.peers),
    dstPortsServer: countTable(b, 'Server', (f) => f.dstPorts),
    dstPortsClient: countTable(b, 'Client', (f) => f.dstPorts),
    dstPortsClientIps: portIpTable(b),
    outTuples: tupleRows(b.outTuples, names, tuplePeer),
    inTuples: tupleRows(b.inTuples, names, tuplePeer),
  };
}
