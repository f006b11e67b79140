// One worker: analyses one partition's stream through the consumer group and keeps the results as a
// one-process analysis under the partition's key prefix (keys.ts).
//
// Restart without loss or double counting: the analysis state (profiles, open windows, detector memory)
// is only in this process, so a worker killed at any point cannot resume from a stored offset unless that
// state were stored too, which it is not built for. Instead a worker always rebuilds it by reading its
// stream from the start: first the entries the group already delivered (XRANGE up to the group's
// last-delivered id: the acknowledged ones and the pending ones a killed worker left), then new ones with
// XREADGROUP. The analysis is a pure function of the stream in traffic time, so the rebuilt state and
// every result written again (hash fields keyed by deterministic evidence and alert ids, ZADD/SADD of the
// same members) are identical to what the killed worker had: nothing is lost, nothing counted twice.
// Entries are acknowledged (XACK) only once the results they led to are stored in Redis (RedisStore
// flush), and the end-of-input entry only once the partition's final summary is; the group's pending
// list therefore names exactly the work not known to be stored (XPENDING shows it to an operator).
import type { Redis } from 'ioredis';
import { IpGeoLookup } from '../enrich/geo/ipGeo';
import type { SlipsConfig } from '../config/config';
import { createDetectors } from '../detectors/registry';
import { Engine } from '../engine';
import { Accounting } from '../inputs/accounting';
import type { Summary } from '../summary';
import { RedisStoreError } from '../store/redis/openRedis';
import { KEYS } from '../store/redis/slipsKeys';
import {
  FIELD_BATCH,
  FIELD_END,
  SCALEOUT_MARKER,
  SCALEOUT_SCHEMA,
  WORKER_GROUP,
  partitionPrefix,
  streamKey,
} from './keys';
import { ownedDetectors } from './ownedDetectors';
import { OwnedStore } from './ownedStore';
import { partitionOf } from './partition';
import { decodeBatch } from './recordCodec';

export interface WorkerOptions {
  /** Connected to the run's database (connectRedis). */
  redis: Redis;
  url: string;
  partition: number;
  /** The consumer name in the group (one per worker process). */
  consumer: string;
  onProblem(message: string): void;
  /** Called once when the worker starts waiting for `slips ingest` to describe the run. */
  onWaiting?(): void;
  signal?: AbortSignal;
}

export interface WorkerResult {
  summary: Summary;
  /** Entries read again from the stream at start (0 for a first start). */
  replayed: number;
  /** Entries the worker acknowledged. */
  acked: number;
  /** The partition was already analysed: nothing was read. */
  alreadyDone?: boolean;
}

/** Entries read per XRANGE / XREADGROUP call, and how long one XREADGROUP blocks. */
const READ_COUNT = 4;
const BLOCK_MS = 1000;
const WAIT_POLL_MS = 100;

type Entry = [id: string, fields: string[]];

interface RunDescription {
  partitions: number;
  config: SlipsConfig;
  input: string;
}

/** The run `slips ingest` described; waits for it when the worker was started first. */
async function waitForRun(o: WorkerOptions): Promise<RunDescription> {
  let told = false;
  for (;;) {
    const m = await o.redis.hgetall(SCALEOUT_MARKER);
    if (m.schema !== undefined && m.schema !== SCALEOUT_SCHEMA)
      throw new RedisStoreError(`${o.url} holds a scale-out run of another schema (${m.schema})`);
    if (m.schema === SCALEOUT_SCHEMA && m.partitions && m.config) {
      const partitions = Number(m.partitions);
      if (o.partition >= partitions)
        throw new RedisStoreError(
          `the run at ${o.url} has ${partitions} partitions (0 to ${partitions - 1}): no partition ${o.partition}`,
        );
      return { partitions, config: JSON.parse(m.config) as SlipsConfig, input: m.input ?? '' };
    }
    if (o.signal?.aborted) throw new RedisStoreError('stopped before slips ingest started');
    if (!told) o.onWaiting?.();
    told = true;
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
  }
}

/** A second connection with the partition's key prefix, for the store's writes. */
async function prefixedConnection(redis: Redis, partition: number): Promise<Redis> {
  const r = redis.duplicate({ keyPrefix: partitionPrefix(partition) });
  r.on('error', () => {});
  if (r.status !== 'ready') await r.connect();
  return r;
}

export async function runWorker(o: WorkerOptions): Promise<WorkerResult> {
  const run = await waitForRun(o);
  const stream = streamKey(o.partition);
  // A partition whose final summary is stored is done: a worker started again (or one that found a
  // finished run) reports it rather than analysing it a second time.
  const done = await o.redis.hget(partitionPrefix(o.partition) + KEYS.marker, 'summary');
  if (done !== null)
    return { summary: JSON.parse(done) as Summary, replayed: 0, acked: 0, alreadyDone: true };
  const owns = (ip: string) => partitionOf(ip, run.partitions) === o.partition;
  const store = new OwnedStore(
    await prefixedConnection(o.redis, o.partition),
    { width: run.config.timeWindowWidth, onProblem: o.onProblem },
    owns,
  );
  const engine = new Engine(run.config, {
    store,
    detectors: ownedDetectors(createDetectors(run.config), owns),
    enrichment: new IpGeoLookup(run.config.ipInfo),
  });
  const own = new OwnCounts();
  let ended: { id: string; after: number; records: number } | undefined;
  let acked = 0;

  const isEnd = (id: string) => ended !== undefined && ended.id === id;
  /** What an entry holds; one line and undefined for an entry the ingest did not write (bad input is skipped). */
  const read = (id: string, fields: string[]) => {
    try {
      if (fields[0] === FIELD_BATCH) return { batch: decodeBatch(fields[1]!) };
      if (fields[0] === FIELD_END)
        return { end: JSON.parse(fields[1]!) as { after: number | null; records: number } };
      o.onProblem(`${stream} entry ${id}: unknown field '${String(fields[0])}' (skipped)`);
    } catch (err) {
      o.onProblem(`${stream} entry ${id}: ${(err as Error).message} (skipped)`);
    }
    return undefined;
  };
  const apply = ([id, fields]: Entry): void => {
    const entry = read(id, fields);
    if (entry?.end) ended = { id, after: entry.end.after ?? -Infinity, records: entry.end.records };
    const b = entry?.batch;
    if (!b) return;
    const p = engine.profiler;
    // The grid starts at the input's first record, not this partition's (only_one_tw rule included).
    p.grid.observe(b.origin);
    // Windows close when the whole input's traffic time says so (router.ts): first as of the end of the
    // batch before, in case this partition had no records in the batches since, then as of this one.
    if (b.before > p.internalTime) {
      p.internalTime = b.before;
      p.advance();
    }
    if (b.after > p.internalTime) p.internalTime = b.after;
    own.add(b.records, b.shared);
    engine.ingest(b.records);
  };

  // The store's write-behind sends its queue when the event loop turns: turning it after every entry
  // keeps Redis writing while the next entry is analysed, as a one-process run does between batches.
  const applyAndYield = async (e: Entry): Promise<void> => {
    apply(e);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  // 1. Rebuild: everything the group delivered before, acknowledged or not.
  const groups = (await o.redis.xinfo('GROUPS', stream)) as unknown[][];
  const group = groups.map(fieldsOf).find((g) => g.name === WORKER_GROUP);
  if (!group)
    throw new RedisStoreError(
      `${stream} has no consumer group ${WORKER_GROUP}: was it made by slips ingest?`,
    );
  const lastDelivered = String(group['last-delivered-id']);
  let replayed = 0;
  for (let from = '-'; lastDelivered !== '0-0' && !ended;) {
    const entries = (await o.redis.xrange(stream, from, lastDelivered, 'COUNT', READ_COUNT)) as Entry[];
    if (!entries.length) break;
    for (const e of entries) if (!ended) await applyAndYield(e);
    replayed += entries.length;
    from = `(${entries[entries.length - 1]![0]}`;
  }
  await store.flush();
  acked += await ackPending(o.redis, stream, ended?.id);

  // 2. New entries. Acknowledgements follow the store without holding the analysis up: the entries read
  // since the last acknowledgement are acknowledged once a flush started after them has completed, while
  // the next entries are analysed; at most one such flush is outstanding.
  let unacked: string[] = [];
  let acking: Promise<void> | undefined;
  let ackFailure: Error | undefined;
  const ackWhenStored = () => {
    if (acking || !unacked.length) return;
    const ids = unacked;
    unacked = [];
    acking = store
      .flush()
      .then(() => o.redis.xack(stream, WORKER_GROUP, ...ids))
      .then(
        (n) => {
          acked += n;
          acking = undefined;
        },
        (err: Error) => {
          ackFailure = err;
        },
      );
  };
  while (!ended && !o.signal?.aborted) {
    if (ackFailure) throw ackFailure;
    const reply = (await o.redis.xreadgroup(
      'GROUP',
      WORKER_GROUP,
      o.consumer,
      'COUNT',
      READ_COUNT,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      stream,
      '>',
    )) as [string, Entry[]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    for (const e of entries) await applyAndYield(e);
    for (const [id] of entries) if (!isEnd(id)) unacked.push(id);
    ackWhenStored();
  }
  await acking;
  if (ackFailure) throw ackFailure;
  if (!ended) throw new RedisStoreError(`stopped before the end of partition ${o.partition}'s input`);

  // 3. End of input: the partition's summary, then the end entry's acknowledgement.
  const p = engine.profiler;
  if (ended.after > p.internalTime) {
    p.internalTime = ended.after;
    p.advance();
  }
  if (own.records !== ended.records)
    o.onProblem(
      `${stream}: the ingest sent ${ended.records} records of this partition, the stream held ${own.records}`,
    );
  const accounting = new Accounting();
  accounting.read = accounting.parsed = own.records;
  const all = await engine.finish(accounting, 'scaleout', run.input);
  const summary: Summary = { ...all, ...own.summaryFields(), ...store.ownedCounts() };
  store.finishAnalysis(summary);
  await store.close();
  acked += await o.redis.xack(stream, WORKER_GROUP, ...unacked, ended.id);
  return { summary, replayed, acked };
}

/** Acknowledges every pending entry of the group (all were just re-processed), except the end entry. */
async function ackPending(redis: Redis, stream: string, keep: string | undefined): Promise<number> {
  let n = 0;
  for (;;) {
    const pending = (await redis.xpending(stream, WORKER_GROUP, '-', '+', 1000)) as [string, ...unknown[]][];
    const ids = pending.map(([id]) => id).filter((id) => id !== keep);
    if (!ids.length) return n;
    n += await redis.xack(stream, WORKER_GROUP, ...ids);
    if (ids.length < pending.length) return n;
  }
}

/** XINFO's flat [name, value, ...] reply as an object. */
function fieldsOf(flat: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) o[String(flat[i])] = flat[i + 1];
  return o;
}

/** The records this partition counts (not those it received for another's sake): its share of the summary. */
class OwnCounts {
  records = 0;
  private readonly byKind = new Map<string, number>();
  private first = Infinity;
  private last = -Infinity;

  add(records: readonly { kind: string; ts: number }[], shared: readonly number[]): void {
    let s = 0;
    for (let i = 0; i < records.length; i++) {
      if (shared[s] === i) {
        s++;
        continue;
      }
      const r = records[i]!;
      this.records++;
      this.byKind.set(r.kind, (this.byKind.get(r.kind) ?? 0) + 1);
      if (r.ts < this.first) this.first = r.ts;
      if (r.ts > this.last) this.last = r.ts;
    }
  }

  summaryFields(): Pick<Summary, 'records_by_kind' | 'first_ts' | 'last_ts'> {
    return {
      records_by_kind: Object.fromEntries([...this.byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      first_ts: Number.isFinite(this.first) ? this.first : null,
      last_ts: Number.isFinite(this.last) ? this.last : null,
    };
  }
}
