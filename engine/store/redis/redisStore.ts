// The Redis store: the working state stays in memory (it is a MemoryStore, so the profiler and detectors
// never wait on the network), and what the analysis makes is mirrored to Redis with the newest Slips key
// names through a write-behind queue: a profile when it appears, a window's features when it closes,
// evidence and alerts as they come. If Redis restarts empty mid-run, everything still in memory is
// written again (idempotent writes, so nothing is doubled).
import type { Redis } from 'ioredis';
import type { Alert, Evidence } from '../../evidence/types';
import { profileId, type Profile, type TimeWindow } from '../../profiler/types';
import { windowBehaviour } from '../../profiler/windowBehaviour';
import type { Summary } from '../../summary';
import { ENGINE_VERSION } from '../../version';
import { MemoryStore } from '../memoryStore';
import { KEYS, SCHEMA, evidenceKey, timelineKey, tuplesKey, twKey, twid, twsKey } from './slipsKeys';
import type { TimelineEntry } from '../../output/timeline/activity';
import {
  alertsField,
  evidenceDict,
  profileFields,
  tupleFields,
  windowFeatureFields,
  windowRecord,
} from './slipsShapes';
import { RedisUnavailableError, WriteBehind, type Command, type ReconnectPlan } from './writeBehind';

export interface RedisStoreOptions {
  /** Time window width, the `duration` of each profile hash. */
  width: number;
  /** Problems worth a line to the user (a key Redis refused, data a restart lost). */
  onProblem(message: string): void;
  /** How long flush() waits for an unreachable Redis before failing. */
  giveUpAfterMs?: number;
}

export class RedisStore extends MemoryStore {
  private readonly out: WriteBehind;
  /** Evidence and alerts in the order the run made them, so a reopened analysis lists them the same way. */
  private readonly seqOf = new WeakMap<Evidence | Alert, number>();
  private seq = 0;
  /** Windows whose features were written: a server that lost its data cannot get those back. */
  private closedWithFeatures = 0;
  private failure: RedisUnavailableError | undefined;
  /** How many host facts each profile hash had when last written. */
  private readonly infoWritten = new WeakMap<Profile, number>();

  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisStoreOptions,
  ) {
    super();
    this.out = new WriteBehind(redis, {
      onReconnect: () => this.reconnectPlan(),
      onRefused: (key, message) =>
        opts.onProblem(`Redis refused a write to '${key}' (${message}); that key holds something else`),
      giveUpAfterMs: opts.giveUpAfterMs ?? 60_000,
    });
    for (const c of this.markerCommands('running')) this.out.push(c);
  }

  get writeStats(): WriteBehind['stats'] {
    return this.out.stats;
  }

  override profile(ip: string, ts: number): Profile {
    const before = this.profileCount;
    const p = super.profile(ip, ts);
    if (this.profileCount !== before) {
      this.out.push(['zadd', KEYS.profiles, p.firstSeen, p.id]);
      this.writeProfile(p);
    }
    return p;
  }

  override windowClosed(tw: TimeWindow): void {
    const pid = profileId(tw.profileIp);
    const b = windowBehaviour(tw);
    if (b) {
      const fields = windowFeatureFields(b);
      if (fields.length) this.out.push(['hset', twKey(pid, tw.number), ...fields]);
      if (b.outTuples.size)
        this.out.push(['hset', tuplesKey(pid, tw.number, 'Out'), ...tupleFields(b.outTuples)]);
      if (b.inTuples.size)
        this.out.push(['hset', tuplesKey(pid, tw.number, 'In'), ...tupleFields(b.inTuples)]);
      this.closedWithFeatures++;
    }
    for (const c of this.windowCommands(pid, tw)) this.out.push(c);
    // Host facts change rarely: the profile hash is written again only when it gained one (and at the end).
    const p = this.getProfile(tw.profileIp);
    if (p && p.info.size !== this.infoWritten.get(p)) this.writeProfile(p);
    super.windowClosed(tw);
  }

  override addEvidence(tw: TimeWindow, e: Evidence): void {
    super.addEvidence(tw, e);
    this.seqOf.set(e, this.seq++);
    for (const c of this.evidenceCommands(e)) this.out.push(c);
  }

  override addAlert(tw: TimeWindow, a: Alert): void {
    super.addAlert(tw, a);
    this.seqOf.set(a, this.seq++);
    for (const c of this.alertCommands(profileId(tw.profileIp), tw)) this.out.push(c);
  }

  /**
   * A closed window's timeline as upstream keeps it (`<profileid>_<twid>_timeline`: activity JSON → flow
   * ts), for Kalipso over Redis. Each member carries its position (`sn_n`) so identical activities in one
   * window stay separate members of the zset.
   */
  writeTimeline(profileIp: string, tw: number, entries: readonly TimelineEntry[]): void {
    if (!entries.length) return;
    const c: Command = ['zadd', timelineKey(profileId(profileIp), tw)];
    entries.forEach((e, n) => c.push(e.ts, JSON.stringify({ ...e.activity, sn_n: n })));
    this.out.push(c);
  }

  private writeProfile(p: Profile): void {
    this.infoWritten.set(p, p.info.size);
    this.out.push(['hset', p.id, ...profileFields(p, this.opts.width)]);
  }

  /** End of the run: the profiles' final host facts, upstream's `analysis` hash and counters, and our marker with the final summary. */
  finishAnalysis(summary: Summary): void {
    for (const p of this.profiles()) this.writeProfile(p);
    this.out.push([
      'hset',
      KEYS.analysis,
      'file_start',
      String(summary.first_ts ?? ''),
      'input_type',
      summary.input_format,
      'total_flows',
      String(summary.records_parsed),
    ]);
    this.out.push(['set', KEYS.numberOfEvidence, String(summary.evidence)]);
    this.out.push(['set', KEYS.numberOfAlerts, String(summary.alerts)]);
    for (const c of this.markerCommands('complete', summary)) this.out.push(c);
  }

  /**
   * Waits until Redis stored everything so far. A Redis that stays away does not fail the engine's run
   * (its files are written by then): the failure is kept and close() reports it.
   */
  override async flush(): Promise<void> {
    try {
      await this.out.flush();
    } catch (err) {
      if (!(err instanceof RedisUnavailableError)) throw err;
      this.failure = err;
    }
  }

  /** Drops the connection without writing more (the run did not start). */
  abandon(): void {
    this.redis.disconnect();
  }

  /** Writes what is left and disconnects; rejects with RedisUnavailableError if Redis stayed away. */
  override async close(): Promise<void> {
    try {
      await this.out.close();
    } catch (err) {
      this.redis.disconnect();
      throw err instanceof RedisUnavailableError ? err : (this.failure ?? err);
    }
  }

  private markerCommands(state: 'running' | 'complete', summary?: Summary): Command[] {
    const c: Command = [
      'hset',
      KEYS.marker,
      'schema',
      SCHEMA,
      'engine_version',
      ENGINE_VERSION,
      'state',
      state,
    ];
    if (summary) c.push('summary', JSON.stringify(summary));
    return [c];
  }

  private profileCommands(p: Profile): Command[] {
    return [
      ['zadd', KEYS.profiles, p.firstSeen, p.id],
      ['hset', p.id, ...profileFields(p, this.opts.width)],
    ];
  }

  private windowCommands(pid: string, tw: TimeWindow): Command[] {
    const key = twKey(pid, tw.number);
    return [
      ['zadd', twsKey(pid), tw.start, twid(tw.number)],
      ['zadd', KEYS.modifiedTimewindows, tw.lastModified, key],
      ['hset', KEYS.windows, key, windowRecord(tw)],
    ];
  }

  private evidenceCommands(e: Evidence): Command[] {
    const d = evidenceDict(e);
    (d.sn as Record<string, unknown>).seq = this.seqOf.get(e);
    return [
      ['hset', evidenceKey(e.profile, e.timewindow.number), e.id, JSON.stringify(d)],
      ['hset', KEYS.flowsCausingEvidence, e.id, JSON.stringify(e.uids)],
    ];
  }

  private alertCommands(pid: string, tw: TimeWindow): Command[] {
    const c: Command[] = [['hset', twKey(pid, tw.number), 'alerts', alertsField(tw.alerts)]];
    for (const a of tw.alerts)
      c.push(['hset', KEYS.alerts, a.id, JSON.stringify({ seq: this.seqOf.get(a), alert: a })]);
    c.push(['sadd', KEYS.maliciousProfiles, pid]);
    return c;
  }

  /**
   * After a reconnection: if the marker survived, Redis kept its data and only unacknowledged batches
   * go again; if not, the server restarted empty and everything still in memory is written again.
   */
  private async reconnectPlan(): Promise<ReconnectPlan> {
    if ((await this.redis.exists(KEYS.marker)) === 1) return { before: [], after: [] };
    const lost = this.closedWithFeatures;
    if (lost)
      this.opts.onProblem(
        `Redis came back empty (restarted without persistence?): profiles, windows, evidence and alerts are written again, ` +
          `but the per-window features and tuples of ${lost} windows closed before cannot be`,
      );
    return { before: [this.markerCommands('running')], after: [this.allState()] };
  }

  private allState(): Command[] {
    const c: Command[] = [];
    for (const p of this.profiles()) {
      c.push(...this.profileCommands(p));
      for (const tw of p.windows.values()) {
        c.push(...this.windowCommands(p.id, tw));
        for (const e of tw.evidence) c.push(...this.evidenceCommands(e));
        if (tw.alerts.length) c.push(...this.alertCommands(p.id, tw));
      }
    }
    return c;
  }
}
