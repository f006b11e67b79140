// The Store holds profiles and time windows. The profiler and detectors only talk to this interface,
// so a Redis-backed store (write-through with pipelines, hot data cached locally) can replace the
// in-memory one without touching them. Hooks are synchronous: a remote store batches and flushes.
import type { FlowRecord } from '../flow';
import type { Alert, Evidence } from '../evidence/types';
import type { Profile, TimeWindow } from '../profiler/types';

export interface Store {
  /** The profile of `ip`, created at traffic time `ts` if new. */
  profile(ip: string, ts: number): Profile;
  getProfile(ip: string): Profile | undefined;
  profiles(): IterableIterator<Profile>;
  readonly profileCount: number;
  readonly windowCount: number;

  /** The window `number` of `profile`, created with the given bounds if new (a closed one is reopened). */
  window(profile: Profile, number: number, start: number, end: number): TimeWindow;

  /** A record was added to a window (after the profiler updated its features). */
  recordAdded(tw: TimeWindow, rec: FlowRecord): void;
  /** The window closed in traffic time: keep its summary and evidence, drop detail. */
  windowClosed(tw: TimeWindow): void;
  addEvidence(tw: TimeWindow, e: Evidence): void;
  addAlert(tw: TimeWindow, a: Alert): void;

  flush(): Promise<void>;
  close(): Promise<void>;
}
