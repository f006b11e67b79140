// Lookups of one remote service (VirusTotal, RDAP, reverse DNS) that run beside the analysis. The
// engine asks with request(), which never waits; the answers arrive in the background, through the
// persistent cache first (an entry younger than the refresh period is used as it is, an older one is
// fetched again and kept if the refresh fails), and are read later with answer().
//
// The service turns itself off for the run, with one line, when it says the lookups cannot work (an
// API key refused) or when several lookups in a row fail (offline, service down): a broken network
// costs a few attempts, not one per name. A replayed enrichment.json answers everything instead,
// without network or cache, so a re-run sees exactly what the recorded run saw.
import type { EnrichmentCache } from './enrichmentCache';
import { type LookupClock, systemClock } from './lookupClock';

/** What a service answered: a value, or null when it has nothing about the key (also an answer). */
export type Answer<V> = V | null;

export interface LookupSource<V> {
  /** Cache namespace and enrichment.json section. */
  readonly namespace: string;
  /** Name in messages (`VirusTotal`, `RDAP`, `reverse DNS`). */
  readonly label: string;
  /** The answer; throws when the lookup failed (nothing is cached then). */
  fetch(key: string, signal: AbortSignal): Promise<Answer<V>>;
}

/** Thrown by a source when no lookup of this run can work (the message says why, in one line). */
export class LookupsOff extends Error {}

export interface BackgroundLookupsOptions<V> {
  source: LookupSource<V>;
  /** Persistent cache; none = every answer is fetched. */
  cache?: EnrichmentCache;
  /** Seconds an answer stays fresh in the cache. */
  refreshSeconds: number;
  clock?: LookupClock;
  /** Lookups in flight at once (the source may queue further, e.g. VirusTotal's rate limit). */
  concurrency?: number;
  /** Answers of an earlier run: the only answers used, nothing is fetched. */
  replay?: ReadonlyMap<string, Answer<V>>;
  /** Failed lookups in a row that turn the service off for the run. */
  maxFailures?: number;
  /** Keys waiting at most; further requests are left out and counted. */
  maxQueued?: number;
  onProblem(line: string): void;
}

const DEFAULT_MAX_FAILURES = 3;
const DEFAULT_MAX_QUEUED = 100_000;

export class BackgroundLookups<V> {
  private readonly answers = new Map<string, Answer<V>>();
  private readonly requested = new Set<string>();
  private queue: string[] = [];
  private inFlight = 0;
  private off = false;
  private failures = 0;
  private leftOut = 0;
  private readonly abort = new AbortController();
  private idle: (() => void)[] = [];
  private readonly clock: LookupClock;
  /** Lookups that went to the service (not answered by the cache or a replay), for tests and messages. */
  fetched = 0;

  constructor(private readonly o: BackgroundLookupsOptions<V>) {
    this.clock = o.clock ?? systemClock;
  }

  get label(): string {
    return this.o.source.label;
  }

  get isOff(): boolean {
    return this.off;
  }

  /** Starts looking `key` up unless it already was; returns at once. */
  request(key: string): void {
    if (this.requested.has(key)) return;
    this.requested.add(key);
    const replay = this.o.replay;
    if (replay) {
      if (replay.has(key)) this.answers.set(key, replay.get(key)!);
      return;
    }
    if (this.off) return;
    if (this.queue.length >= (this.o.maxQueued ?? DEFAULT_MAX_QUEUED)) {
      this.leftOut++;
      return;
    }
    this.queue.push(key);
    this.pump();
  }

  /** The answer when it is back: a value, null for "nothing known"; undefined when not (yet) answered. */
  answer(key: string): Answer<V> | undefined {
    return this.answers.get(key);
  }

  /** Every answer of the run, by key in sorted order (what enrichment.json records). */
  recorded(): Record<string, Answer<V>> {
    const keys = [...this.answers.keys()].sort();
    return Object.fromEntries(keys.map((k) => [k, this.answers.get(k)!]));
  }

  /**
   * Waits until every requested lookup is done, or `waitMs` of wall-clock time passed; lookups still
   * running then are abandoned (one line says how many). Returns how many were abandoned.
   */
  async settle(waitMs: number): Promise<number> {
    if (this.pending === 0) return this.finishLeftOut(0);
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    const timer = new AbortController();
    // Real time even under a test clock: this is how long the run itself waits.
    const timeout = systemClock.sleep(waitMs, timer.signal).then(
      () => true,
      () => false,
    );
    const timedOut = await Promise.race([done.then(() => false), timeout]);
    timer.abort();
    const abandoned = this.pending;
    if (timedOut && abandoned > 0) {
      this.o.onProblem(
        `${this.label}: ${abandoned} lookups were not back ${Math.round(waitMs / 1000)} s after the end of the input; their answers are left out of this run`,
      );
      this.close();
    }
    return this.finishLeftOut(abandoned);
  }

  /** Stops what is still running (aborts requests and waits). */
  close(): void {
    this.queue = [];
    this.abort.abort(new Error('enrichment closed'));
  }

  private get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private finishLeftOut(abandoned: number): number {
    if (this.leftOut > 0) {
      this.o.onProblem(`${this.label}: ${this.leftOut} lookups were left out because too many were waiting`);
      this.leftOut = 0;
    }
    return abandoned;
  }

  private pump(): void {
    const limit = this.o.concurrency ?? 4;
    while (!this.off && this.inFlight < limit && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.inFlight++;
      void this.lookup(key).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.pending === 0) for (const wake of this.idle.splice(0)) wake();
      });
    }
    if (this.off) this.queue = [];
  }

  private async lookup(key: string): Promise<void> {
    const { source, cache } = this.o;
    const cached = await cache?.get(source.namespace, key);
    const nowS = this.clock.now() / 1000;
    if (cached && nowS - cached.t < this.o.refreshSeconds) {
      this.answers.set(key, cached.v as Answer<V>);
      return;
    }
    if (this.off || this.abort.signal.aborted) return;
    try {
      this.fetched++;
      const a = await source.fetch(key, this.abort.signal);
      this.failures = 0;
      this.answers.set(key, a);
      cache?.set(source.namespace, key, { v: a, t: this.clock.now() / 1000 });
    } catch (err) {
      if (this.abort.signal.aborted) return;
      // An old answer is better than none when the refresh fails.
      if (cached) this.answers.set(key, cached.v as Answer<V>);
      if (err instanceof LookupsOff) return this.turnOff(`${this.label}: ${err.message}`);
      if (++this.failures >= (this.o.maxFailures ?? DEFAULT_MAX_FAILURES))
        this.turnOff(
          `${this.label}: ${this.failures} lookups in a row failed (last: ${key}: ${(err as Error).message}); no more ${this.label} lookups in this run`,
        );
    }
  }

  private turnOff(line: string): void {
    if (this.off) return;
    this.off = true;
    this.queue = [];
    this.o.onProblem(line);
  }
}
