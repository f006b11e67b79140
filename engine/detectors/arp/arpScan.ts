// ARP scan (slips-behaviour.md 4.2.7): one host asks "who has X?" (requests with target hardware address
// 00:00:00:00:00:00) for 5 or more different addresses within 30 s. Low, confidence 0.8; upstream's test
// looks for "performing an arp scan". Not from 0.0.0.0 (address probes of hosts configuring themselves),
// not from the gateway (routers resolve their neighbours all the time), gratuitous replies never count.
//
// A scan of a /24 makes 50 such groups of 5. Upstream reports the first at once and then, to avoid 50
// evidence, waits 10 s (wall clock) and reports everything that came meanwhile as one. Here the wait is
// 10 s of traffic time: further groups of the same host and window are gathered from the first one's time
// until traffic passes it by 10 s, and reported then as one evidence (at the time of the last group), or
// when the window closes or the input ends. Upstream's "reported once" flag is global to the module, so
// only the very first scan of a run was reported immediately; here it is per host and window.
import type { FlowRecord } from '../../flow';
import type { Evidence } from '../../evidence/types';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { PerWindow } from '../networkDiscovery/perWindow';
import { UNSPECIFIED_IP, ZERO_MAC, isGratuitous, isRequest, sameMac } from './arpFacts';
import type { HostBindings } from './hostBindings';

/** Upstream `arp_scan_threshold`: different addresses asked for... */
const MIN_ADDRESSES = 5;
/** ...within this many seconds. */
const WITHIN_SECONDS = 30;
/** Upstream `time_to_wait`: later groups within this many seconds are reported together. */
const COMBINE_SECONDS = 10;
const CONFIDENCE = 0.8;
const MAX_UIDS = 100;

interface Pending {
  tw: TimeWindow;
  firstTs: number;
  lastTs: number;
  groups: number;
  addresses: number;
  uids: string[];
}

interface ScanState {
  /** Address asked for → time of its latest request, oldest first. */
  recent: Map<string, number>;
  uids: string[];
  reported: boolean;
  pending: Pending | undefined;
}

export class ArpScan implements Detector {
  readonly name = 'arp';
  private readonly state = new PerWindow<ScanState>(() => ({
    recent: new Map(),
    uids: [],
    reported: false,
    pending: undefined,
  }));
  /** Windows with gathered groups, and the earliest time one of them is due. */
  private readonly waiting = new Set<ScanState>();
  private nextDue = Infinity;

  constructor(private readonly hosts: HostBindings) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.ts > this.nextDue) this.flushDue(rec.ts, ctx.emit);
    if (rec.kind !== 'arp' || ctx.role !== 'Client') return;
    if (isGratuitous(rec) || !isRequest(rec) || !sameMac(rec.dstHw, ZERO_MAC)) return;
    if (rec.saddr === UNSPECIFIED_IP || rec.saddr === this.hosts.gatewayIp || !rec.daddr) return;
    const s = this.state.of(ctx.tw);
    const from = rec.ts - WITHIN_SECONDS;
    for (const [addr, ts] of s.recent) {
      if (ts >= from) break;
      s.recent.delete(addr);
    }
    s.recent.delete(rec.daddr);
    s.recent.set(rec.daddr, rec.ts);
    if (s.uids.length < MAX_UIDS) s.uids.push(rec.uid);
    if (s.recent.size < MIN_ADDRESSES) return;
    const addresses = s.recent.size;
    const uids = s.uids;
    s.recent.clear();
    s.uids = [];
    if (!s.reported) {
      s.reported = true;
      ctx.emit(this.evidence(ctx.tw, rec.ts, uids, 1, addresses));
    } else if (s.pending) {
      const p = s.pending;
      p.lastTs = rec.ts;
      p.groups++;
      p.addresses += addresses;
      for (const u of uids) if (p.uids.length < MAX_UIDS) p.uids.push(u);
    } else {
      s.pending = { tw: ctx.tw, firstTs: rec.ts, lastTs: rec.ts, groups: 1, addresses, uids };
      this.waiting.add(s);
      this.nextDue = Math.min(this.nextDue, rec.ts + COMBINE_SECONDS);
    }
  }

  onWindowClosed(tw: TimeWindow, ctx: { emit(e: Evidence): void }): void {
    const s = this.state.drop(tw);
    if (s) this.flush(s, ctx.emit);
  }

  onEnd(ctx: { emit(e: Evidence): void }): void {
    for (const s of [...this.waiting]) this.flush(s, ctx.emit);
  }

  private flushDue(now: number, emit: (e: Evidence) => void): void {
    this.nextDue = Infinity;
    for (const s of [...this.waiting]) {
      const due = s.pending!.firstTs + COMBINE_SECONDS;
      if (now > due) this.flush(s, emit);
      else this.nextDue = Math.min(this.nextDue, due);
    }
  }

  private flush(s: ScanState, emit: (e: Evidence) => void): void {
    const p = s.pending;
    if (!p) return;
    s.pending = undefined;
    this.waiting.delete(s);
    emit(this.evidence(p.tw, p.lastTs, p.uids, p.groups, p.addresses));
  }

  private evidence(tw: TimeWindow, ts: number, uids: string[], groups: number, addresses: number): Evidence {
    return makeEvidence({
      type: 'ARP_SCAN',
      description: `performing an arp scan. Confidence ${CONFIDENCE}.`,
      attacker: ipParty(tw.profileIp, 'SRC'),
      threatLevel: 'low',
      confidence: CONFIDENCE,
      tw,
      uids,
      timestamp: ts,
      proto: 'arp',
      module: this.name,
      facts: { addressesAsked: addresses, groupsOf5: groups, withinSeconds: WITHIN_SECONDS },
    });
  }
}
