// `slips ingest -f FILE|-i IFACE --redis URL --partitions N`: the reading half of a scaled-out analysis.
// Parses the input once and spreads its records over N Redis streams by profile IP (engine/scaleout);
// `slips worker` processes analyse them and `slips alerts --redis URL` shows the merged result.
// Exit 0 when the whole input went to Redis, 2 when the run could not start or Redis failed.
import { Command, Option } from 'commander';
import { ConfigError, applyOverrides, loadConfig } from '../config/config';
import { Accounting } from '../inputs/accounting';
import { openReader } from '../inputs/openReader';
import { InputError, type InputFormat, type Reader } from '../inputs/reader';
import { ingest } from '../scaleout/ingest';
import { RedisStoreError, openRedisForAnalysis } from '../store/redis/openRedis';
import { UsageError } from './analyse';
import { liveReader, startLive, type LiveRun } from './live';

export interface IngestCliOptions {
  file?: string;
  iface?: string;
  filter?: string;
  inputType?: InputFormat;
  configPath?: string;
  width?: number | 'only_one_tw';
  url: string;
  replace: boolean;
  partitions: number;
  /** Records per batch read, hence per stream entry at most (the readers' default when unset). */
  batchSize?: number;
  quiet: boolean;
}

/** Problems printed to stderr; the rest are counted in the run's accounting. */
const PRINTED_PROBLEMS = 20;

export async function runIngest(o: IngestCliOptions): Promise<number> {
  const input = o.file ?? o.iface;
  if (!input || (o.file && o.iface)) throw new UsageError('give either a file (-f) or an interface (-i)');
  if (!Number.isInteger(o.partitions) || o.partitions < 1)
    throw new UsageError(`--partitions takes a whole number of at least 1, got ${o.partitions}`);
  let config;
  try {
    config = applyOverrides(loadConfig(o.configPath), { width: o.width });
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  let redis;
  try {
    redis = await openRedisForAnalysis(o.url, o.replace);
  } catch (err) {
    if (err instanceof RedisStoreError) return fail(err.message);
    throw err;
  }
  const accounting = new Accounting();
  let printed = 0;
  accounting.onProblem = (p, what) => {
    if (!o.quiet && printed++ < PRINTED_PROBLEMS)
      process.stderr.write(`slips: ${p.file}:${p.line}: ${what}: ${p.reason}\n`);
  };
  let reader: Reader;
  let live: LiveRun | undefined;
  try {
    if (o.iface) {
      live = await startLive({ iface: o.iface, filter: o.filter });
      reader = liveReader(live, accounting);
    } else reader = await openReader(input, { accounting, type: o.inputType, batchSize: o.batchSize });
  } catch (err) {
    redis.disconnect();
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }
  // Ctrl-C ends the input early; the end-of-input entries still go out so the workers finish.
  const abort = new AbortController();
  const onStop = live ? () => live.stop(o.quiet) : () => abort.abort();
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  const started = process.hrtime.bigint();
  try {
    const r = await ingest(reader, accounting, {
      redis,
      config,
      partitions: o.partitions,
      input,
      signal: abort.signal,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!o.quiet)
      process.stderr.write(
        `slips: ingested ${reader.format} ${input}: ${accounting.parsed} records parsed ` +
          `(${accounting.skippedTotal} skipped, ${accounting.rejected} rejected) in ${r.batches} batches ` +
          `to ${o.partitions} partitions [${r.perPartition.join(', ')}] in ${seconds.toFixed(2)} s\n`,
      );
    await redis.quit();
    return 0;
  } catch (err) {
    redis.disconnect();
    return fail(`the input did not all reach Redis: ${(err as Error).message}`);
  } finally {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
  }
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}

function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`'${v}' is not a whole number`);
  return n;
}

function parseWidth(v: string): number | 'only_one_tw' {
  if (v === 'only_one_tw') return v;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`the time window width must be positive, got ${v}`);
  return n;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('read an input once and spread its records over Redis streams for `slips worker` processes')
    .addOption(
      new Option('-f, --file <path>', 'input: pcap, Zeek folder or log, binetflow, eve.json, nfdump file'),
    )
    .addOption(new Option('-i, --interface <name>', 'capture live from this interface (runs tcpdump)'))
    .addOption(new Option('-F, --pcapfilter <bpf>', 'BPF filter for the live capture'))
    .addOption(
      new Option('-t, --input-type <type>', 'input type when it cannot be detected').choices([
        'zeek-tsv',
        'zeek-json',
        'binetflow',
        'binetflow-tabs',
        'suricata',
        'nfdump',
      ]),
    )
    .addOption(new Option('-c, --config <file>', 'configuration the workers analyse with'))
    .addOption(
      new Option('-w, --width <seconds>', "time window width in seconds, or 'only_one_tw'").argParser(
        parseWidth,
      ),
    )
    .requiredOption('--redis <url>', 'the database the streams and results go to (redis://HOST:PORT/DB)')
    .addOption(new Option('--redis-replace', 'delete what the database holds first'))
    .requiredOption('--partitions <n>', 'number of partitions (one worker each)', parseCount)
    .addOption(
      new Option(
        '--batch-size <n>',
        'records per batch read and per stream entry at most (default 4096)',
      ).argParser(parseCount),
    )
    .addOption(new Option('-q, --quiet', 'no summary line'))
    .action(async (opts) => {
      if (opts.batchSize === 0) throw new UsageError('--batch-size must be at least 1');
      process.exitCode = await runIngest({
        batchSize: opts.batchSize,
        file: opts.file,
        iface: opts.interface,
        filter: opts.pcapfilter,
        inputType: opts.inputType,
        configPath: opts.config,
        width: opts.width,
        url: opts.redis,
        replace: Boolean(opts.redisReplace),
        partitions: opts.partitions,
        quiet: Boolean(opts.quiet),
      });
    });
}
