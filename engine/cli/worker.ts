// `slips worker --redis URL --partition K`: analyses one partition of a run `slips ingest` started (it may
// start before the ingest and waits for it). Killed at any point and started again, it picks the
// partition up where the stream says (engine/scaleout/worker.ts explains how). Exit 0 when the partition
// is analysed and stored, 2 when it could not be.
import { hostname } from 'node:os';
import { Command, Option } from 'commander';
import { runWorker } from '../scaleout/worker';
import { SCALEOUT_MARKER } from '../scaleout/keys';
import { RedisStoreError, connectRedis } from '../store/redis/openRedis';
import { UsageError } from './analyse';

export interface WorkerCliOptions {
  url: string;
  partition: number;
  partitions?: number;
  consumer?: string;
  quiet: boolean;
}

export async function runWorkerCli(o: WorkerCliOptions): Promise<number> {
  let redis;
  try {
    redis = await connectRedis(o.url);
  } catch (err) {
    if (err instanceof RedisStoreError) return fail(err.message);
    throw err;
  }
  const abort = new AbortController();
  const onStop = () => abort.abort();
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  const started = process.hrtime.bigint();
  try {
    if (o.partitions !== undefined) {
      const n = await redis.hget(SCALEOUT_MARKER, 'partitions');
      if (n !== null && Number(n) !== o.partitions)
        return fail(`the run at ${o.url} has ${n} partitions, not ${o.partitions}`);
    }
    const r = await runWorker({
      redis,
      url: o.url,
      partition: o.partition,
      consumer: o.consumer ?? `p${o.partition}-${hostname()}-${process.pid}`,
      signal: abort.signal,
      onProblem: (m) => process.stderr.write(`slips: worker ${o.partition}: ${m}\n`),
      onWaiting: () => {
        if (!o.quiet)
          process.stderr.write(`slips: worker ${o.partition}: waiting for slips ingest at ${o.url}\n`);
      },
    });
    const s = r.summary;
    if (r.alreadyDone) {
      if (!o.quiet)
        process.stderr.write(
          `slips: worker ${o.partition}: partition already analysed (${s.alerts} alerts)\n`,
        );
      return 0;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!o.quiet)
      process.stderr.write(
        `slips: worker ${o.partition}: ${s.records_parsed} records` +
          (r.replayed ? ` (${r.replayed} stream entries read again after a restart)` : '') +
          `; ${s.profiles} profiles, ${s.timewindows} time windows, ${s.evidence} evidence, ${s.alerts} alerts ` +
          `in ${seconds.toFixed(2)} s\n`,
      );
    return 0;
  } catch (err) {
    if (err instanceof RedisStoreError) return fail(err.message);
    return fail(`worker ${o.partition} stopped: ${(err as Error).message}`);
  } finally {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    redis.disconnect();
  }
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}

function parseIndex(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`'${v}' is not a whole number`);
  return n;
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('analyse one partition of a `slips ingest` run and keep its results in Redis')
    .requiredOption('--redis <url>', 'the database of the run (redis://HOST:PORT/DB)')
    .requiredOption('--partition <k>', 'the partition to analyse (0 to N-1)', parseIndex)
    .addOption(
      new Option('--partitions <n>', 'check that the run has this many partitions').argParser(parseIndex),
    )
    .addOption(
      new Option('--consumer <name>', 'consumer name in the stream group (default: partition, host, pid)'),
    )
    .addOption(new Option('-q, --quiet', 'no summary line'))
    .action(async (opts) => {
      process.exitCode = await runWorkerCli({
        url: opts.redis,
        partition: opts.partition,
        partitions: opts.partitions,
        consumer: opts.consumer,
        quiet: Boolean(opts.quiet),
      });
    });
}
