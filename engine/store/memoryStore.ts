// The embedded default store: everything in process memory. Closed windows keep their summary,
// evidence and alerts; their flows, tuples and feature maps are released. A notebook session keeps
// every closed window (its queries read them); a command-line run, whose outputs are written as it
// goes, can also drop windows that closed long ago (in traffic time) into per-profile totals, so a
// capture that never ends reaches a steady state instead of growing by a window per host per hour.
import type { FlowRecord } from '../flow';
import type { Alert, Evidence } from '../evidence/types';
import { profileId, type Profile, type ProfileTotals, type TimeWindow } from '../profiler/types';
import type { Store } from './store';
import { ownString } from '../ownString';
import { emptyDetail, emptyWindow } from '../profiler/window';

export interface MemoryStoreOptions {
  /**
   * Drop a closed window once another window closes this many seconds (traffic time) after its end; its
   * summary goes into its profile's `evicted` totals. Undefined keeps every window.
   */
  evictClosedAfter?: number;
}

/** What a command-line run keeps: a day of closed windows. Records arriving a day late are rare enough
 *  (Zeek logs a connection at its end with its start time) that their window may start afresh. */
export const CLI_EVICT_CLOSED_AFTER = 86_400;

export class MemoryStore implements Store {
  private readonly byIp = new Map<string, Profile>();
  private windows = 0;
  /** Closed windows in the order they closed, oldest first, while eviction is on. */
  private closedQueue: TimeWindow[] = [];
  private closedHead = 0;

  constructor(private readonly retention: MemoryStoreOptions = {}) {}

  profile(ip: string, ts: number): Profile {
    let p = this.byIp.get(ip);
    if (!p) {
      const own = ownString(ip);
      p = { ip: own, id: profileId(own), firstSeen: ts, windows: new Map(), info: new Map() };
      this.byIp.set(own, p);
    }
    return p;
  }

  getProfile(ip: string): Profile | undefined {
    return this.byIp.get(ip);
  }

  profiles(): IterableIterator<Profile> {
    return this.byIp.values();
  }

  get profileCount(): number {
    return this.byIp.size;
  }

  get windowCount(): number {
    return this.windows;
  }

  window(profile: Profile, number: number, start: number, end: number): TimeWindow {
    let tw = profile.windows.get(number);
    if (!tw) {
      tw = emptyWindow(profile.ip, number, start, end);
      profile.windows.set(number, tw);
      this.windows++;
    } else if (tw.closed) {
      tw.closed = false;
      tw.detail = emptyDetail();
    }
    return tw;
  }

  recordAdded(_tw: TimeWindow, _rec: FlowRecord): void {}

  windowClosed(tw: TimeWindow): void {
    tw.closed = true;
    tw.detail = undefined;
    const after = this.retention.evictClosedAfter;
    if (after === undefined) return;
    this.closedQueue.push(tw);
    const q = this.closedQueue;
    while (this.closedHead < q.length && q[this.closedHead]!.end + after <= tw.end)
      this.evict(q[this.closedHead++]!);
    if (this.closedHead > 4096 && this.closedHead * 2 > q.length) {
      this.closedQueue = q.slice(this.closedHead);
      this.closedHead = 0;
    }
  }

  /** A closed window leaves its profile; its numbers stay in the profile's totals. */
  private evict(tw: TimeWindow): void {
    const p = this.byIp.get(tw.profileIp);
    // A window reopened by a late record is queued again when it closes again.
    if (!p || !tw.closed || p.windows.get(tw.number) !== tw) return;
    p.windows.delete(tw.number);
    const t = (p.evicted ??= { windows: 0, flows: 0, records: 0, pkts: 0, bytes: 0, evidence: 0, alerts: 0 });
    const s = tw.summary;
    t.windows++;
    t.flows += s.flows;
    t.records += s.records;
    t.pkts += s.pkts;
    t.bytes += s.bytes;
    t.evidence += s.evidence;
    t.alerts += s.alerts;
  }

  addEvidence(tw: TimeWindow, e: Evidence): void {
    tw.evidence.push(e);
    tw.summary.evidence++;
  }

  addAlert(tw: TimeWindow, a: Alert): void {
    tw.alerts.push(a);
    tw.summary.alerts++;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
