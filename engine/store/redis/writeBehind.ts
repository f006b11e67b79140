// Write-behind to Redis: callers queue commands synchronously and never wait; commands queued during one
// turn of the event loop go out as one pipeline, one pipeline in flight at a time so batches land in the
// order they were made. A batch counts as written only when Redis answered every command of it; when the
// connection drops it is sent again after the reconnection. Every command is idempotent (HSET, SET,
// ZADD, SADD with deterministic ids and values), so a batch sent twice changes nothing.
import { ReplyError, type Redis } from 'ioredis';

export type Command = [string, ...(string | number)[]];

/** Commands per pipeline at most: large enough to amortise the round trip, small enough to keep replies cheap. */
const MAX_BATCH = 4000;
/** Arguments per pipeline at most, so merged commands stay a few megabytes. */
const MAX_BATCH_ARGS = 200_000;
/** Arguments per command at most (field/value and score/member pairs, so an even number). */
const MAX_COMMAND_ARGS = 20_000;
/** Commands made of pairs or members after the key, which can be sent in parts. */
const SPLITTABLE = new Set(['hset', 'zadd', 'sadd']);
/** How often flush() looks at the queue while it waits. */
const FLUSH_POLL_MS = 50;

export interface ReconnectPlan {
  /** Batches to send before the unacknowledged ones (e.g. the analysis marker). */
  before: Command[][];
  /** Batches to send after them (e.g. the state a restarted, empty server lost). */
  after: Command[][];
}

export interface WriteBehindOptions {
  /** After a reconnection, before anything is resent: what else to send (asked once per reconnection). */
  onReconnect(): Promise<ReconnectPlan>;
  /** A command Redis refused (wrong type of an existing key, ...): reported once per key, not retried. */
  onRefused(key: string, message: string): void;
  /** flush() gives up when Redis stays unreachable this long. */
  giveUpAfterMs: number;
}

export class RedisUnavailableError extends Error {}

export class WriteBehind {
  /** Commands of this turn, merged by command and key: one HSET/ZADD/SADD per key carries all its pairs. */
  private current = new Map<string, Command>();
  private currentArgs = 0;
  private readonly queue: Command[][] = [];
  private inflight = false;
  private connected = true;
  private disconnectedAt = 0;
  private scheduled = false;
  /** Bumped when the batch in flight is given up, so its late settlement is recognised as stale. */
  private generation = 0;
  private closing = false;
  private readonly refusedKeys = new Set<string>();
  readonly stats = { batches: 0, commands: 0, resent: 0, reconnections: 0, refused: 0 };
  /** The first 'ready' is the start; later ones follow a reconnection. */
  private firstReady: boolean;

  constructor(
    private readonly redis: Redis,
    private readonly opts: WriteBehindOptions,
  ) {
    this.firstReady = redis.status !== 'ready';
    redis.on('close', () => {
      if (this.connected) this.disconnectedAt = Date.now();
      this.connected = false;
      // The client does not always settle a pipeline cut by a closed connection: the batch in flight
      // counts as not written, is resent after the reconnection, and a late answer to it is ignored.
      if (this.inflight) {
        this.inflight = false;
        this.generation++;
        this.stats.resent++;
      }
    });
    redis.on('ready', () => void this.reconnected());
  }

  push(cmd: Command): void {
    // The client spreads a command's arguments over a function call: one of hundreds of thousands
    // (a 100,000-flow window's timeline or tuples) overflows the stack, so big ones go in parts.
    if (cmd.length > MAX_COMMAND_ARGS && SPLITTABLE.has(cmd[0])) {
      const step = MAX_COMMAND_ARGS - 2;
      for (let i = 2; i < cmd.length; i += step) this.push([cmd[0], cmd[1]!, ...cmd.slice(i, i + step)]);
      return;
    }
    const id = `${cmd[0]}\0${cmd[1]}`;
    let had = this.current.get(id);
    if (had && had.length + cmd.length - 2 > MAX_COMMAND_ARGS) {
      this.seal();
      had = undefined;
    }
    // Later pairs for the same key come later in the merged command, so the last value still wins.
    if (had && cmd[0] !== 'set') for (let i = 2; i < cmd.length; i++) had.push(cmd[i]!);
    else this.current.set(id, cmd);
    this.currentArgs += cmd.length;
    if (this.current.size >= MAX_BATCH || this.currentArgs >= MAX_BATCH_ARGS) this.seal();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.seal();
        this.pump();
      });
    }
  }

  /** Commands queued and not yet acknowledged by Redis. */
  get pending(): number {
    return this.queue.reduce((n, b) => n + b.length, this.current.size);
  }

  /** Resolves once Redis acknowledged everything queued so far. */
  flush(): Promise<void> {
    this.seal();
    this.pump();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.queue.length && !this.inflight) return resolve();
        if (!this.connected && Date.now() - this.disconnectedAt > this.opts.giveUpAfterMs)
          return reject(
            new RedisUnavailableError(
              `Redis has been unreachable for ${Math.round(this.opts.giveUpAfterMs / 1000)} s with ${this.pending} writes not yet stored`,
            ),
          );
        setTimeout(check, FLUSH_POLL_MS);
      };
      check();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    await this.redis.quit();
  }

  private seal(): void {
    if (!this.current.size) return;
    this.queue.push([...this.current.values()]);
    this.current = new Map();
    this.currentArgs = 0;
  }

  private pump(): void {
    if (this.inflight || !this.connected || !this.queue.length) return;
    const batch = this.queue[0]!;
    const generation = this.generation;
    this.inflight = true;
    this.redis
      .pipeline(batch)
      .exec()
      .then(
        (results) => generation === this.generation && this.settled(batch, results ?? undefined),
        () => generation === this.generation && this.settled(batch, undefined),
      );
  }

  private settled(batch: Command[], results: [Error | null, unknown][] | undefined): void {
    this.inflight = false;
    const lost = !results || results.length !== batch.length || results.some(([e]) => e && !isRefusal(e));
    if (lost) {
      // The connection dropped under this batch: keep it at the head of the queue for the reconnection.
      // If the client still reports a connection, wait for its close/ready cycle rather than spinning.
      this.stats.resent++;
      if (this.connected) {
        this.connected = false;
        this.disconnectedAt = Date.now();
        setTimeout(() => {
          if (this.redis.status === 'ready' && !this.connected) void this.reconnected();
        }, 200);
      }
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const err = results[i]![0];
      if (err) this.refused(batch[i]!, err);
    }
    this.queue.shift();
    this.stats.batches++;
    this.stats.commands += batch.length;
    this.pump();
  }

  private refused(cmd: Command, err: Error): void {
    this.stats.refused++;
    const key = String(cmd[1]);
    if (this.refusedKeys.has(key)) return;
    this.refusedKeys.add(key);
    this.opts.onRefused(key, err.message);
  }

  private async reconnected(): Promise<void> {
    if (this.firstReady) {
      this.firstReady = false;
      this.connected = true;
      return;
    }
    if (this.closing && !this.queue.length) return;
    this.stats.reconnections++;
    let plan: ReconnectPlan;
    try {
      plan = await this.opts.onReconnect();
    } catch {
      // It dropped again while we looked: the next 'ready' asks again.
      return;
    }
    this.seal();
    this.queue.unshift(...plan.before);
    this.queue.push(...plan.after);
    this.connected = true;
    this.pump();
  }
}

/** Redis answered the command with an error about the data (WRONGTYPE, ...), as opposed to a lost connection. */
function isRefusal(e: Error): boolean {
  return e instanceof ReplyError;
}
