// The embedded default store: everything in process memory. Closed windows keep their summary,
// evidence and alerts; their flows, tuples and feature maps are released so endless input stays bounded.
import type { FlowRecord } from '../flow';
import type { Alert, Evidence } from '../evidence/types';
import { profileId, type Profile, type TimeWindow } from '../profiler/types';
import type { Store } from './store';
import { emptyWindow } from '../profiler/window';

export class MemoryStore implements Store {
  private readonly byIp = new Map<string, Profile>();
  private windows = 0;

  profile(ip: string, ts: number): Profile {
    let p = this.byIp.get(ip);
    if (!p) {
      p = { ip, id: profileId(ip), firstSeen: ts, windows: new Map(), info: new Map() };
      this.byIp.set(ip, p);
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
    }
    return tw;
  }

  recordAdded(_tw: TimeWindow, _rec: FlowRecord): void {}

  windowClosed(tw: TimeWindow): void {
    tw.closed = true;
    tw.features = new Map();
    tw.outTuples = new Map();
    tw.inTuples = new Map();
    tw.dstIps = new Map();
    tw.srcIps = new Map();
    tw.scans = { tcp: { vertical: new Map(), horizontal: new Map() }, udp: { vertical: new Map(), horizontal: new Map() } };
    tw.flows = [];
    tw.altFlows = [];
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
