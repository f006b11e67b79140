// Kalipso over an analysis kept in Redis (`slips -f … --redis URL`, running or finished), read through
// the Slips keys the Redis store writes: `profiles`, `tws<profileid>`, the window hashes and tuples, the
// `_timeline` and `_evidence` of each window, and our `sn:` records of window summaries and alerts.
// Every call reads Redis again, so the periodic refresh shows the analysis growing; windows appear
// when they close, as the Redis store writes them then.
import type { Redis } from 'ioredis';
import type { Evidence } from '../evidence/types';
import type { TimelineEntry } from '../output/timeline/activity';
import { connectRedis, RedisStoreError } from '../store/redis/openRedis';
import { KEYS, SCHEMA, tuplesKey, twKey } from '../store/redis/slipsKeys';
import {
  readProfileInfo,
  readProfiles,
  readTimeline,
  readWindowEvidence,
  readWindows,
  type StoredWindow,
} from '../store/redis/readWindows';
import { compareIps } from './ipOrder';
import { redisWindowTables } from './redisTables';
import { IpGeoLookup } from '../enrich/geo/ipGeo';
import { addPeerGeo } from './peerGeo';
import type { KalipsoSource, ProfileNode, WindowTables } from './source';

export class RedisSource implements KalipsoSource {
  private state = 'unknown';
  private counts = { profiles: 0, windows: 0, evidence: 0, alerts: 0 };
  /** Stored values that could not be read, by key, so each is counted once. */
  private readonly problems = new Set<string>();
  private windows = new Map<string, StoredWindow[]>();
  /** Redis holds no per-peer IP info of ours: the tuple views' asn/geo come from the shipped offline databases. */
  private readonly geo = new IpGeoLookup();

  private constructor(
    readonly title: string,
    private readonly redis: Redis,
  ) {}

  /** Connects and checks the database holds an analysis of this engine (one sentence if not). */
  static async open(url: string): Promise<RedisSource> {
    const redis = await connectRedis(url);
    const schema =
      (await redis.type(KEYS.marker)) === 'hash' ? await redis.hget(KEYS.marker, 'schema') : null;
    if (schema !== SCHEMA) {
      redis.disconnect();
      throw new RedisStoreError(
        `${url} holds no analysis of this engine: run slips -f FILE --redis ${url} first`,
      );
    }
    return new RedisSource(url, redis);
  }

  close(): void {
    this.redis.disconnect();
  }

  /** True once the run finished writing (Kalipso stops refreshing then). */
  get complete(): boolean {
    return this.state === 'complete';
  }

  private problem = (m: string) => this.problems.add(m);

  status(): string {
    const c = this.counts;
    const problems = this.problems.size ? `, ${this.problems.size} stored values unreadable` : '';
    const what = this.state === 'complete' ? 'finished' : this.state === 'running' ? 'analysing' : this.state;
    return `${what}: ${c.profiles} profiles, ${c.windows} TWs, ${c.evidence} evidence, ${c.alerts} alerts${problems}`;
  }

  private last: ProfileNode[] = [];

  /** A Redis that went away mid-session shows in the status line; the screen keeps what it read last. */
  private async guarded<T>(read: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      const v = await read();
      if (this.state.startsWith('Redis unreachable')) this.state = 'unknown';
      return v;
    } catch (err) {
      this.state = `Redis unreachable (${(err as Error).message})`;
      return otherwise;
    }
  }

  async profiles(): Promise<ProfileNode[]> {
    return (this.last = await this.guarded(() => this.readProfiles(), this.last));
  }

  private async readProfiles(): Promise<ProfileNode[]> {
    this.state = (await this.redis.hget(KEYS.marker, 'state').catch(() => null)) ?? 'unknown';
    const stored = await readProfiles(this.redis);
    this.windows = await readWindows(this.redis, this.problem);
    const counts = { profiles: stored.length, windows: 0, evidence: 0, alerts: 0 };
    const out: ProfileNode[] = [];
    for (const p of stored) {
      const ws = this.windows.get(p.id) ?? [];
      let alerts = 0;
      const windows = ws.map((w) => {
        alerts += w.summary.alerts;
        counts.evidence += w.summary.evidence;
        return {
          number: w.number,
          start: w.start,
          flows: w.summary.flows,
          evidence: w.summary.evidence,
          alerts: w.summary.alerts,
          open: false,
        };
      });
      counts.windows += windows.length;
      counts.alerts += alerts;
      out.push({ ip: p.ip, windows, alerts });
    }
    this.counts = counts;
    return out.sort((a, b) => compareIps(a.ip, b.ip));
  }

  async facts(ip: string): Promise<[string, string][]> {
    const info = await this.guarded(() => readProfileInfo(this.redis, `profile_${ip}`), []);
    return info.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private known(ip: string, tw: number): boolean {
    return (this.windows.get(`profile_${ip}`) ?? []).some((w) => w.number === tw);
  }

  async timeline(ip: string, tw: number): Promise<readonly TimelineEntry[] | undefined> {
    const entries = await this.guarded(
      () => readTimeline(this.redis, `profile_${ip}`, tw, this.problem),
      undefined,
    );
    return entries ?? (this.known(ip, tw) ? [] : undefined);
  }

  async evidence(ip: string, tw?: number): Promise<readonly Evidence[]> {
    const id = `profile_${ip}`;
    const numbers = tw !== undefined ? [tw] : (this.windows.get(id) ?? []).map((w) => w.number);
    const out: Evidence[] = [];
    for (const n of numbers) {
      const got = await this.guarded(() => readWindowEvidence(this.redis, id, n, this.problem), []);
      for (const x of got) out.push(x.evidence);
    }
    return out;
  }

  async tables(ip: string, tw: number): Promise<WindowTables | undefined> {
    if (!this.known(ip, tw)) return undefined;
    const id = `profile_${ip}`;
    const hash = async (key: string) =>
      (await this.redis.type(key)) === 'hash' ? await this.redis.hgetall(key) : {};
    const read = () =>
      Promise.all([hash(twKey(id, tw)), hash(tuplesKey(id, tw, 'Out')), hash(tuplesKey(id, tw, 'In'))]);
    const got = await this.guarded(read, undefined);
    if (!got) return undefined;
    const entries = await this.timeline(ip, tw);
    return addPeerGeo(redisWindowTables(got[0], got[1], got[2], entries ?? []), this.geo);
  }
}
