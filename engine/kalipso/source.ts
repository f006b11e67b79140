// What Kalipso reads: the contract between the terminal UI and where an analysis lives. One
// implementation today (an analysis run in this process, analysisSource.ts); a Redis-backed source
// reading Slips' keys (profile_<ip>, <profile>_<tw>_timeline, SrcPortsClientTCPEstablished, ...)
// can implement the same interface, which is why every call is asynchronous.
import type { Evidence } from '../evidence/types';
import type { TimelineEntry } from '../output/timeline/activity';

export interface WindowNode {
  number: number;
  /** Epoch seconds. */
  start: number;
  flows: number;
  evidence: number;
  alerts: number;
  /** Still receiving traffic: its timeline and tables exist once it closes. */
  open: boolean;
}

export interface ProfileNode {
  ip: string;
  /** Sorted by number. */
  windows: WindowNode[];
  alerts: number;
}

/** One row of a per-port or per-IP table (upstream's `{totalflows, totalpkt, totalbytes}`). */
export interface CountRow {
  proto: string;
  key: string;
  flows: number;
  pkts: number;
  bytes: number;
}

/** One row of the `t` view: a destination port expanded per destination IP. */
export interface PortIpRow {
  proto: string;
  port: string;
  ip: string;
  pkts: number;
}

export interface TupleRow {
  /** `<ip>-<port>-<proto>` */
  key: string;
  letters: string;
  flows: number;
  /** DNS names the peer was resolved from, and the SNI of TLS to it, when known. */
  dns: string;
  sni: string;
  /** The peer's AS number and country (upstream's `asn | geo` columns), from the offline IP database. */
  asn?: string;
  geo?: string;
}

/** A table split as Kalipso shows it: TCP/UDP established on top, not established below. */
export interface SplitTable<Row> {
  established: Row[];
  notEstablished: Row[];
}

/** The tables behind the hotkey views of one window, each sorted as shown (bytes, then key). */
export interface WindowTables {
  srcPortsClient: SplitTable<CountRow>;
  dstIpsClient: SplitTable<CountRow>;
  /** Quirk Q13: read from the server-side ports (upstream's `DstPortsServer…`), so `r` is not always empty. */
  dstPortsServer: SplitTable<CountRow>;
  dstPortsClient: SplitTable<CountRow>;
  dstPortsClientIps: SplitTable<PortIpRow>;
  outTuples: TupleRow[];
  inTuples: TupleRow[];
}

export interface KalipsoSource {
  /** What is being shown (the input path, a Redis URL), for the title bar. */
  readonly title: string;
  /** One line on the state of the analysis (running, finished, records, problems). */
  status(): string;
  /** Profiles sorted by address. */
  profiles(): Promise<ProfileNode[]>;
  /** Host facts learnt from the traffic (MAC, host name, user agent...). */
  facts(ip: string): Promise<[string, string][]>;
  /** The window's timeline in flow time order; undefined while the window is open or unknown. */
  timeline(ip: string, tw: number): Promise<readonly TimelineEntry[] | undefined>;
  /** Evidence of one window, or of every window of the profile when `tw` is undefined. */
  evidence(ip: string, tw?: number): Promise<readonly Evidence[]>;
  tables(ip: string, tw: number): Promise<WindowTables | undefined>;
}
