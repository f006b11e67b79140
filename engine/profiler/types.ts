// What the profiler builds: profiles per IP, their time windows, and the per-window features of
// slips-behaviour.md 3.3. These shapes are the contract for the store, detectors and output writers.
import type { ConnRecord, FlowRecord } from '../flow';
import type { Alert, Evidence, TimeWindowRef } from '../evidence/types';
import type { SmallSet } from '../smallSet';

/** Interpreted connection state (2.7, newest spelling), plus Argus ICMP states. */
export type InterpretedState =
  | 'Established'
  | 'Not Established'
  | 'ICMP Echo'
  | 'ICMP Reply'
  | 'ICMP Host Unreachable'
  | 'ICMP Port Unreachable';

/** A profile sees a flow as the Client (it is the source) or as the Server (it is the destination). */
export type Role = 'Client' | 'Server';

export interface Totals {
  flows: number;
  pkts: number;
  bytes: number;
}

/** Per peer IP: totals and packets per destination port (upstream `{ip: {totalflows, totalpkt, totalbytes, dstports}}`). */
export interface IpFeature extends Totals {
  ports: Map<number, number>;
}

/** Per port: totals and packets per peer IP (upstream `{port: {totalflows, totalpkt, totalbytes, dstips|srcips}}`). */
export interface PortFeature extends Totals {
  ips: Map<string, number>;
}

/**
 * The features of one (role, proto, state) combination, i.e. upstream's
 * `DstIPsClientTCPEstablished` + `DstPortsClientTCPEstablished` + `SrcPortsClient...` fields.
 * As Client the peer is the destination; as Server the peer is the source.
 */
export interface RoleFeatures {
  role: Role;
  /** Upper-case proto: TCP, UDP, ICMP, IPV6-ICMP, ... */
  proto: string;
  /** `Established` or `NotEstablished` (upstream key spelling), or an ICMP state without spaces. */
  state: string;
  peers: Map<string, IpFeature>;
  dstPorts: Map<number, PortFeature>;
  /** Source ports carry only totals: they are mostly ephemeral, and a peer map per port would dominate memory. */
  srcPorts: Map<number, Totals>;
}

/** A tuple's behaviour: `<ip>-<dport>-<proto>` → letters (3.4). */
export interface Tuple {
  letters: string;
  /** Start of the flow before the previous one, and of the previous one (undefined until seen). */
  t0: number | undefined;
  t1: number | undefined;
  flows: number;
  uids: string[];
}

/** Vertical-scan index for one destination IP (newest keys `…:not_estab:<ip>:dstports`). */
export interface VerticalIndex {
  firstSeen: number;
  lastSeen: number;
  /** Distinct destination ports. */
  ports: SmallSet<number>;
  /** Sum of source packets sent to this IP. */
  srcPkts: number;
  uids: string[];
}

/** Horizontal-scan index for one destination port (newest keys `…:dstport:<p>:dstips`). */
export interface HorizontalIndex {
  totalPkts: number;
  /** Distinct destination IPs. */
  ips: SmallSet<string>;
  /** Earliest flow to any of them. */
  firstSeen: number;
  uids: string[];
}

/** Not-established TCP/UDP scan counters of one window, per proto (`tcp`, `udp`). */
export interface ScanCounters {
  vertical: Map<string, VerticalIndex>;
  horizontal: Map<number, HorizontalIndex>;
}

/** What stays of a window after it closes: enough for listings, summaries and charts. */
export interface WindowSummary {
  flows: number;
  records: number;
  pkts: number;
  bytes: number;
  distinctPeers: number;
  distinctDstPorts: number;
  evidence: number;
  alerts: number;
}

/** A window's tuples (3.4), folded from its connections on demand (windowBehaviour.ts). */
export interface WindowTuples {
  /** How many of the window's connections are folded in. */
  folded: number;
  outTuples: Map<string, Tuple>;
  inTuples: Map<string, Tuple>;
}

/** A window's features, peers and tuples, folded from its connections on demand (windowBehaviour.ts). */
export interface WindowBehaviour extends WindowTuples {
  /** Per-(role, proto, state) features, keyed `<role>|<PROTO>|<state>`. */
  features: Map<string, RoleFeatures>;
  /** Destination IPs (as Client) and source IPs (as Server) → flows, as upstream's DstIPs / SrcIPs. */
  dstIps: Map<string, number>;
  srcIps: Map<string, number>;
}

/**
 * The detail of an open window: the records themselves, scan counters, and the behaviour folded from
 * the records when asked for. Released when the window closes, so a long run keeps only summaries.
 */
export interface WindowDetail {
  /** Connection records of the window, in arrival order. */
  flows: ConnRecord[];
  /** Non-connection records (dns, http, ssl, ...) of the window. */
  altFlows: FlowRecord[];
  /** Created on the first not-established TCP/UDP flow of the window (most windows have none). */
  scans: { tcp?: ScanCounters; udp?: ScanCounters };
  /** Read them through windowTuples(tw) / windowBehaviour(tw), which fold the flows that arrived since the last call. */
  tuples: WindowTuples | undefined;
  behaviour: WindowBehaviour | undefined;
}

export interface TimeWindow {
  profileIp: string;
  /** `timewindow<number>`; may be 0 or negative for flows before the first one. */
  number: number;
  start: number;
  end: number;
  /** The window as evidence and alerts name it: one object shared by all of them. */
  ref: TimeWindowRef;
  /** Traffic time of the last record added. */
  lastModified: number;
  closed: boolean;
  summary: WindowSummary;
  /** Present while the window is open (and in onWindowClosed listeners); undefined once closed. */
  detail: WindowDetail | undefined;
  evidence: Evidence[];
  alerts: Alert[];
}

export interface Profile {
  ip: string;
  /** `profile_<ip>` */
  id: string;
  firstSeen: number;
  /** Windows by number. Closed ones keep only their summary and evidence. */
  windows: Map<number, TimeWindow>;
  /** Host facts learnt from the traffic: MAC, host name, user agents, software... */
  info: Map<string, string>;
  /** Totals of windows a command-line run dropped after they closed (MemoryStore eviction). */
  evicted?: ProfileTotals;
}

export interface ProfileTotals {
  windows: number;
  flows: number;
  records: number;
  pkts: number;
  bytes: number;
  evidence: number;
  alerts: number;
}

export function profileId(ip: string): string {
  return `profile_${ip}`;
}
