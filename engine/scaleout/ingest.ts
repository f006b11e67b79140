// The ingest side of a scaled-out analysis: reads the input once, appends each partition's share of every
// batch to that partition's stream, and one end-of-input entry per partition when the input ends. The
// streams are never trimmed while the run lasts: a worker that restarts rebuilds its state by reading its
// stream from the start (worker.ts), so the stream is the partition's log.
import type { Redis } from 'ioredis';
import type { SlipsConfig } from '../config/config';
import type { Accounting } from '../inputs/accounting';
import type { Reader } from '../inputs/reader';
import { ENGINE_VERSION } from '../version';
import { FIELD_BATCH, FIELD_END, SCALEOUT_MARKER, SCALEOUT_SCHEMA, WORKER_GROUP, streamKey } from './keys';
import { encodeBatch } from './recordCodec';
import { Router } from './router';

export interface IngestOptions {
  /** An empty database (openRedisForAnalysis checked it). */
  redis: Redis;
  config: SlipsConfig;
  partitions: number;
  input: string;
  signal?: AbortSignal;
}

export interface IngestResult {
  batches: number;
  /** Records each partition counts as its own (they add up to the records parsed). */
  perPartition: number[];
  /** Stream entries written, end markers included. */
  entries: number;
}

/** The run's description workers start from: the partition count and the exact configuration to analyse with. */
async function writeMarker(o: IngestOptions): Promise<void> {
  const m = o.redis.multi();
  m.hset(SCALEOUT_MARKER, {
    schema: SCALEOUT_SCHEMA,
    engine_version: ENGINE_VERSION,
    state: 'ingesting',
    partitions: String(o.partitions),
    input: o.input,
    config: JSON.stringify(o.config),
  });
  // The groups exist before the first entry so that no worker, whenever it starts, misses one.
  for (let k = 0; k < o.partitions; k++) m.xgroup('CREATE', streamKey(k), WORKER_GROUP, '0', 'MKSTREAM');
  await m.exec();
}

export async function ingest(
  reader: Reader,
  accounting: Accounting,
  o: IngestOptions,
): Promise<IngestResult> {
  await writeMarker(o);
  const router = new Router(o.partitions, o.config.analysisDirection, o.config.clientIps);
  let batches = 0;
  let entries = 0;
  // One pipeline in flight: the next batch is parsed while the previous one travels, and a slow Redis
  // slows the reader down instead of piling batches up in this process.
  let inFlight: Promise<unknown> = Promise.resolve();
  for await (const batch of reader.batches(o.signal)) {
    const parts = router.split(batch);
    const p = o.redis.pipeline();
    parts.forEach((b, k) => {
      if (!b) return;
      p.xadd(streamKey(k), '*', FIELD_BATCH, encodeBatch(b));
      entries++;
    });
    await inFlight;
    inFlight = p.exec().then(failOnError);
    batches++;
    if (o.signal?.aborted) break;
  }
  await inFlight;
  const end = o.redis.pipeline();
  for (let k = 0; k < o.partitions; k++) {
    const last = { after: router.watermark, records: router.counted[k] };
    end.xadd(
      streamKey(k),
      '*',
      FIELD_END,
      JSON.stringify(last, (_k, v) => (v === -Infinity ? null : v)),
    );
    entries++;
  }
  end.hset(SCALEOUT_MARKER, {
    state: 'ingested',
    input_format: reader.format,
    accounting: JSON.stringify(accounting.counts()),
    records_per_partition: JSON.stringify(router.counted),
  });
  failOnError(await end.exec());
  return { batches, perPartition: router.counted, entries };
}

/** A pipeline reports errors per command; one lost XADD would silently lose records, so it fails the run. */
function failOnError(results: [Error | null, unknown][] | null): void {
  for (const [err] of results ?? []) if (err) throw err;
}
