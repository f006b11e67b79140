// The embedded default store: everything in process memory. Closed windows keep their summary,
// evidence and alerts; their flows, tuples and feature maps are released so endless input stays bounded.
import type { FlowRecord } from '../flow';
import type { Alert, Evidence } from '../evidence/types';
import { profileId, type Profile, type TimeWindow } from '../profiler/types';
import type { Store } from './store';
import { ownString } from '../ownString';
import { emptyDetail, emptyWindow } from '../profiler/window';

export class MemoryStore implements Store {
  private readonly byIp = new Map<string, Profile>();
  private windows = 0;

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
