// The profiler: turns records into profiles, time windows and per-window features (slips-behaviour.md 3),
// and closes windows in traffic time (quirk Q3: a window closes once the newest traffic is a full width
// past its last modification). Nothing here depends on wall-clock time.
import type { ConnRecord, FlowRecord } from '../flow';
import { isSpecialTarget, isValidIp } from '../net/ip';
import type { Store } from '../store/store';
import { SmallSet } from '../smallSet';
import { interpretState } from './state';
import type { TimeWindowGrid } from './timeWindows';
import type { InterpretedState, Profile, Role, ScanCounters, TimeWindow, WindowDetail } from './types';

export type AnalysisDirection = 'out' | 'all';

/** Who is told what the profiler did: detectors, the timeline, sinks. */
export interface ProfilerListener {
  /** After a record was added to the window of `profile` (called once per profile it was added to). */
  onRecord?(
    rec: FlowRecord,
    profile: Profile,
    tw: TimeWindow,
    role: Role,
    state: InterpretedState | undefined,
  ): void;
  /** A window closed in traffic time (before its detail is dropped). */
  onWindowClosed?(tw: TimeWindow, profile: Profile): void;
}

/** Scan counters keep at most this many flow uids each: enough to explain, bounded for floods. */
const MAX_UIDS = 1000;

export class Profiler {
  /** Newest traffic time seen. */
  internalTime = -Infinity;
  /** Open windows and their profiles. */
  private readonly open = new Map<TimeWindow, Profile>();
  private readonly listeners: ProfilerListener[] = [];
  /** Names the organisation behind a MAC when a host's MAC is learnt (MAC_vendor), if the engine has a lookup. */
  macVendorOf: ((mac: string) => string | undefined) | undefined;

  constructor(
    private readonly store: Store,
    readonly grid: TimeWindowGrid,
    private readonly direction: AnalysisDirection,
  ) {}

  listen(l: ProfilerListener): void {
    this.listeners.push(l);
  }

  add(rec: FlowRecord): void {
    const ts = rec.ts;
    if (ts > this.internalTime) this.internalTime = ts;
    const n = this.grid.number(ts);
    if (rec.kind === 'conn') {
      // Readers only emit connections whose addresses are valid IPs (or empty).
      const srcOk = rec.saddr.length > 0;
      const dstOk = rec.daddr.length > 0;
      const state = interpretState(rec.state, rec.spkts + rec.dpkts, rec.source);
      if (srcOk) this.addConn(rec, rec.saddr, 'Client', n, state);
      if (dstOk && this.direction === 'all' && rec.daddr !== rec.saddr)
        this.addConn(rec, rec.daddr, 'Server', n, state);
      return;
    }
    const srcOk = isValidIp(rec.saddr);
    const dstOk = isValidIp(rec.daddr);
    if (srcOk) this.addOther(rec, rec.saddr, 'Client', n);
    if (dstOk && this.direction === 'all' && rec.kind !== 'software' && rec.daddr !== rec.saddr)
      this.addOther(rec, rec.daddr, 'Server', n);
  }

  /** Closes every open window whose last modification is a full width behind the newest traffic. */
  advance(): void {
    const limit = this.internalTime - this.grid.width;
    for (const [tw, profile] of this.open) if (tw.lastModified <= limit) this.close(tw, profile);
  }

  /** End of input: every window closes. Windows close in (start, profile) order for deterministic output. */
  finish(): void {
    const rest = [...this.open].sort(
      ([a], [b]) => a.start - b.start || (a.profileIp < b.profileIp ? -1 : a.profileIp > b.profileIp ? 1 : 0),
    );
    for (const [tw, profile] of rest) this.close(tw, profile);
  }

  get openWindows(): number {
    return this.open.size;
  }

  /** The profile of the last windowOf() call (a field, not a returned pair: this runs per record). */
  private lastProfile!: Profile;

  private windowOf(ip: string, n: number, ts: number): TimeWindow {
    const profile = this.store.profile(ip, ts);
    let tw = profile.windows.get(n);
    if (!tw || tw.closed) {
      tw = this.store.window(profile, n, this.grid.start(n), this.grid.end(n));
      this.open.set(tw, profile);
    }
    if (ts > tw.lastModified) tw.lastModified = ts;
    this.lastProfile = profile;
    return tw;
  }

  private addConn(rec: ConnRecord, ip: string, role: Role, n: number, state: InterpretedState): void {
    const tw = this.windowOf(ip, n, rec.ts);
    const profile = this.lastProfile;
    const d = tw.detail!;
    const s = tw.summary;
    s.flows++;
    s.pkts += rec.spkts + rec.dpkts;
    s.bytes += rec.sbytes + rec.dbytes;
    const client = role === 'Client';
    // Features, peers and tuples are folded from `flows` when asked for (windowBehaviour.ts); the scan
    // counters are kept as flows arrive, as the scan detectors read them on every not-established flow.
    if (
      client &&
      state === 'Not Established' &&
      (rec.proto === 'tcp' || rec.proto === 'udp') &&
      !isSpecialTarget(rec.daddr)
    )
      addScan(
        rec.proto === 'tcp' ? (d.scans.tcp ??= emptyScans()) : (d.scans.udp ??= emptyScans()),
        rec,
        rec.spkts + rec.dpkts,
      );

    if (client && rec.smac && !profile.info.has('MAC')) learnMac(profile, rec.smac, this.macVendorOf);
    d.flows.push(rec);
    this.store.recordAdded(tw, rec);
    for (const l of this.listeners) l.onRecord?.(rec, profile, tw, role, state);
  }

  private addOther(rec: FlowRecord, ip: string, role: Role, n: number): void {
    const tw = this.windowOf(ip, n, rec.ts);
    const profile = this.lastProfile;
    const d = tw.detail!;
    tw.summary.records++;
    d.altFlows.push(rec);
    if (role === 'Client') learnHostFacts(profile, rec, this.macVendorOf);
    this.store.recordAdded(tw, rec);
    for (const l of this.listeners) l.onRecord?.(rec, profile, tw, role, undefined);
  }

  private close(tw: TimeWindow, profile: Profile): void {
    this.open.delete(tw);
    countDistinct(tw);
    for (const l of this.listeners) l.onWindowClosed?.(tw, profile);
    this.store.windowClosed(tw);
  }
}

/** The summary's distinct peers (as destination or source) and destination ports of a closing window. */
function countDistinct(tw: TimeWindow): void {
  const flows = tw.detail!.flows;
  const peers = new Set<string>();
  const ports = new Set<number>();
  for (const rec of flows) {
    peers.add(rec.saddr === tw.profileIp ? rec.daddr : rec.saddr);
    ports.add(rec.dport);
  }
  tw.summary.distinctPeers = peers.size;
  tw.summary.distinctDstPorts = ports.size;
}

function emptyScans(): ScanCounters {
  return { vertical: new Map(), horizontal: new Map() };
}

function addScan(c: ScanCounters, rec: ConnRecord, pkts: number): void {
  const v = c.vertical.get(rec.daddr);
  if (!v)
    c.vertical.set(rec.daddr, {
      firstSeen: rec.ts,
      lastSeen: rec.ts,
      ports: new SmallSet(rec.dport),
      srcPkts: rec.spkts,
      uids: [rec.uid],
    });
  else {
    if (rec.ts < v.firstSeen) v.firstSeen = rec.ts;
    if (rec.ts > v.lastSeen) v.lastSeen = rec.ts;
    v.ports.add(rec.dport);
    v.srcPkts += rec.spkts;
    if (v.uids.length < MAX_UIDS) v.uids.push(rec.uid);
  }
  // A flipped Zeek connection (`^` in history) is not evidence of a horizontal scan (Wi-Fi change false positives).
  if (rec.history.includes('^')) return;
  const h = c.horizontal.get(rec.dport);
  if (!h) {
    c.horizontal.set(rec.dport, {
      totalPkts: pkts,
      ips: new SmallSet(rec.daddr),
      firstSeen: rec.ts,
      uids: [rec.uid],
    });
    return;
  }
  h.totalPkts += pkts;
  h.ips.add(rec.daddr);
  if (rec.ts < h.firstSeen) h.firstSeen = rec.ts;
  if (h.uids.length < MAX_UIDS) h.uids.push(rec.uid);
}

/** Facts about the host behind a profile that later views show (3.6). */
function learnHostFacts(profile: Profile, rec: FlowRecord, macVendorOf: Profiler['macVendorOf']): void {
  switch (rec.kind) {
    case 'dhcp':
      if (rec.hostName) profile.info.set('host_name', rec.hostName);
      if (rec.smac) learnMac(profile, rec.smac, macVendorOf);
      break;
    case 'http':
      if (rec.userAgent && !profile.info.has('first user-agent'))
        profile.info.set('first user-agent', rec.userAgent);
      break;
    case 'software':
      if (rec.softwareName) profile.info.set('used_software', rec.softwareName);
      break;
    default:
      break;
  }
}

/** The host's MAC, with the organisation its OUI is registered to (upstream's MAC_vendor) when known. */
function learnMac(profile: Profile, mac: string, vendorOf: Profiler['macVendorOf']): void {
  if (profile.info.get('MAC') === mac) return;
  profile.info.set('MAC', mac);
  const vendor = vendorOf?.(mac);
  if (vendor) profile.info.set('MAC_vendor', vendor);
  else profile.info.delete('MAC_vendor');
}
