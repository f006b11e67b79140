// A worker's store: the RedisStore of its partition (its own key prefix), writing only the profiles the
// partition owns. The worker's profiler also keeps, in memory only, the profiles of records it received
// for another partition's sake (knowledge records, the other end of a flow with direction `all`): the
// profiler needs them to place those records, but their results belong to the owning partition.
import type { Redis } from 'ioredis';
import type { Alert, Evidence } from '../evidence/types';
import type { Profile, TimeWindow } from '../profiler/types';
import { MemoryStore } from '../store/memoryStore';
import { RedisStore, type RedisStoreOptions } from '../store/redis/redisStore';

export class OwnedStore extends RedisStore {
  constructor(
    redis: Redis,
    opts: RedisStoreOptions,
    private readonly owns: (ip: string) => boolean,
  ) {
    super(redis, opts);
  }

  override profile(ip: string, ts: number): Profile {
    return this.owns(ip) ? super.profile(ip, ts) : MemoryStore.prototype.profile.call(this, ip, ts);
  }

  override windowClosed(tw: TimeWindow): void {
    if (this.owns(tw.profileIp)) super.windowClosed(tw);
    else MemoryStore.prototype.windowClosed.call(this, tw);
  }

  override addEvidence(tw: TimeWindow, e: Evidence): void {
    if (this.owns(tw.profileIp)) super.addEvidence(tw, e);
    else MemoryStore.prototype.addEvidence.call(this, tw, e);
  }

  override addAlert(tw: TimeWindow, a: Alert): void {
    if (this.owns(tw.profileIp)) super.addAlert(tw, a);
    else MemoryStore.prototype.addAlert.call(this, tw, a);
  }

  /** The owned profiles only: what finishAnalysis writes and a reconnection rewrites. */
  override *profiles(): IterableIterator<Profile> {
    for (const p of super.profiles()) if (this.owns(p.ip)) yield p;
  }

  /** Owned profiles and their windows, the partition's share of the one-process summary counts. */
  ownedCounts(): { profiles: number; timewindows: number } {
    let profiles = 0;
    let timewindows = 0;
    for (const p of this.profiles()) {
      profiles++;
      timewindows += p.windows.size;
    }
    return { profiles, timewindows };
  }
}
