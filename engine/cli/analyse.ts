// One analysis run from the command line: config, reader, output folder, progress, summary line.
// Returns the exit code: 0 when the run finished (bad records are counted, not fatal), 2 when it could
// not start (missing path, unknown format, bad config, a live capture tcpdump could not open, Redis
// unreachable), 1 when the run finished but Redis could not store all of it.
import { IpGeoLookup } from '../enrich/geo/ipGeo';
import { OnlineEnrichment } from '../enrich/cache/onlineEnrichment';
import { createWriteStream } from 'node:fs';
import { Accounting, type Problem } from '../inputs/accounting';
import { InputError, type InputFormat } from '../inputs/reader';
import { openReader } from '../inputs/openReader';
import { ConfigError, applyOverrides, loadConfig } from '../config/config';
import { Engine } from '../engine';
import { createOutputSinks, defaultOutputDir } from '../output/outputFolder';
import { inputSize } from './inputSize';
import { Progress } from './progress';
import { clockFromEnv } from './clock';
import { ConsoleAlerts } from './consoleAlerts';
import { profileTable } from './profileTable';
import { createDetectors } from '../detectors/registry';
import type { Reader } from '../inputs/reader';
import { liveReader, reportCaptureEnd, startLive, type LiveOptions, type LiveRun } from './live';
import { finishRunStore, openRunStore, type RedisRunOptions } from '../store/redis/runStore';
import { RedisStoreError } from '../store/redis/openRedis';
import type { RedisStore } from '../store/redis/redisStore';
import { CLI_EVICT_CLOSED_AFTER, MemoryStore } from '../store/memoryStore';
import { BlockingSink, type BlockingOptions } from '../prevention/blockingSink';
import { SnapshotSink } from '../store/snapshot/snapshotSink';
import { redisTimelineSink } from '../store/redis/redisTimeline';
import { saveRunSnapshot } from '../store/snapshot/saveRun';
import { threatIntelStatus } from '../enrich/ti/update/cacheStatus';

export class UsageError extends Error {}

export interface AnalysisOptions {
  /** The input path, or the interface name of a live capture. */
  input: string;
  /** Capture from an interface instead of reading `input` as a path. */
  live?: LiveOptions;
  inputType?: InputFormat;
  configPath?: string;
  output?: string;
  width?: number | 'only_one_tw';
  verbose?: number;
  debug?: number;
  noLogFiles: boolean;
  quiet: boolean;
  /** Also keep the analysis in Redis (Slips key names). */
  redis?: RedisRunOptions;
  /** `-p` / `--dry-run-blocking`: block the attackers of alerts in the firewall. */
  blocking?: BlockingOptions;
  /** Also save the finished analysis to this file (`--save`), to reopen without the capture. */
  save?: string;
}

/** Problems printed to stderr before the rest only go to errors.log. */
const PRINTED_PROBLEMS = 20;

export async function runAnalysis(o: AnalysisOptions): Promise<number> {
  const clock = clockFromEnv();
  const started = process.hrtime.bigint();
  let config;
  try {
    config = applyOverrides(loadConfig(o.configPath), {
      width: o.width,
      verbose: o.verbose,
      debug: o.debug,
      noLogFiles: o.noLogFiles,
    });
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }

  if (config.ignoredKeys.length && !o.quiet)
    process.stderr.write(
      `slips: configuration keys not used by this engine: ${config.ignoredKeys.join(', ')}\n`,
    );

  let store: RedisStore | undefined;
  if (o.redis) {
    try {
      store = await openRunStore(o.redis, config.timeWindowWidth, (m) =>
        process.stderr.write(`slips: ${m}\n`),
      );
    } catch (err) {
      if (err instanceof RedisStoreError) return fail(err.message);
      throw err;
    }
  }

  const accounting = new Accounting();
  let reader: Reader;
  let live: LiveRun | undefined;
  try {
    if (o.live) {
      live = await startLive(o.live);
      reader = liveReader(live, accounting);
    } else reader = await openReader(o.input, { accounting, type: o.inputType });
  } catch (err) {
    store?.abandon();
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }

  // How old the cached feeds are; the analysis never waits for a download (`slips ti update` does that).
  // Printed once the input opened, so a run that cannot start says only why.
  if (!o.quiet && !config.disabledModules.includes('threat_intelligence'))
    for (const line of threatIntelStatus(config, clock().getTime())) process.stderr.write(`slips: ${line}\n`);
  const outDir = o.output ?? defaultOutputDir(o.input, clock());
  const sinks = await createOutputSinks(outDir, {
    config,
    inputPath: o.input,
    noLogFiles: o.noLogFiles,
    clock,
    argv: process.argv.slice(2),
  });
  const errorsLog = createWriteStream(`${outDir}/errors.log`);
  // First sink, so an alert it blocks is already marked blocked when alerts.log writes it.
  const blocking = o.blocking && (await BlockingSink.start(outDir, config.timeWindowWidth, o.blocking));
  if (blocking) sinks.unshift(blocking);
  let printed = 0;
  accounting.onProblem = (p: Problem, what) => {
    const line = `${p.file}:${p.line}: ${what}: ${p.reason}`;
    errorsLog.write(line + '\n');
    if (printed < PRINTED_PROBLEMS && !o.quiet) process.stderr.write(`slips: ${line}\n`);
    else if (printed === PRINTED_PROBLEMS && !o.quiet)
      process.stderr.write(`slips: further problems are only written to ${outDir}/errors.log\n`);
    printed++;
  };

  const showProgress = !o.quiet && process.stderr.isTTY === true && o.input !== '-' && !live;
  const progress = showProgress ? new Progress(await inputSize(o.input)) : undefined;
  if (config.verbose > 0 && !o.quiet) sinks.push(new ConsoleAlerts(process.stdout));
  if (store) sinks.push(redisTimelineSink(store, config));
  const snapshot = o.save ? new SnapshotSink() : undefined;
  if (snapshot) sinks.push(snapshot);
  // Online enrichment (ip_info.online_lookups or a replayed enrichment.json); its problems are one line each.
  const online = OnlineEnrichment.create({
    config,
    redisUrl: o.redis?.url,
    onProblem: (line) => {
      if (!errorsLog.writableEnded) errorsLog.write(`enrichment: ${line}\n`);
      if (!o.quiet) process.stderr.write(`slips: ${line}\n`);
    },
  });
  const engine = new Engine(config, {
    // Outputs are written as the run goes, so long-closed windows can leave memory (a saved snapshot
    // needs them all).
    store: store ?? (o.save ? undefined : new MemoryStore({ evictClosedAfter: CLI_EVICT_CLOSED_AFTER })),
    sinks,
    detectors: createDetectors(config),
    enrichment: new IpGeoLookup(config.ipInfo),
    online,
    onProgress: progress ? (n) => progress.update(accounting.bytesRead, n) : undefined,
  });
  if (blocking) blocking.neverBlock.whitelist = engine.whitelist;

  // A file run stops reading at Ctrl-C; a live run stops tcpdump and reads what it flushed, so in both
  // cases open connections and windows are flushed and every output is written.
  const abort = new AbortController();
  const onStop = live ? () => live.stop(o.quiet) : () => abort.abort();
  process.on('SIGINT', onStop);
  if (live) {
    process.on('SIGTERM', onStop);
    if (!o.quiet) process.stderr.write(`slips: ${live.banner()}; Ctrl-C stops and writes ${outDir}\n`);
  }
  const summary = await engine.run(reader, accounting, o.input, abort.signal);
  process.off('SIGINT', onStop);
  process.off('SIGTERM', onStop);
  progress?.stop();
  if (online) {
    online.writeRecord(outDir);
    await online.close();
  }
  await new Promise<void>((resolve) => errorsLog.end(resolve));
  if (live) await reportCaptureEnd(live, outDir, o.quiet);
  const redisFailure = store && (await finishRunStore(store, summary));
  if (redisFailure) process.stderr.write(`slips: ${redisFailure}\n`);
  const saveFailure =
    snapshot &&
    (await saveRunSnapshot(o.save!, {
      input: o.input,
      format: reader.format,
      config,
      engine,
      summary,
      sink: snapshot,
    }));
  if (saveFailure) process.stderr.write(`slips: ${saveFailure}\n`);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!o.quiet && config.verbose > 0) process.stdout.write(profileTable(engine.store));
  if (!o.quiet) {
    const rate = Math.round(summary.records_parsed / Math.max(seconds, 1e-6));
    process.stderr.write(
      `slips: ${summary.input_format} ${o.input}: read ${summary.records_read} records ` +
        `(${summary.records_parsed} parsed, ${summary.records_skipped_total} skipped, ${summary.records_rejected} rejected); ` +
        `${summary.profiles} profiles, ${summary.timewindows} time windows, ${summary.evidence} evidence, ${summary.alerts} alerts ` +
        `in ${seconds.toFixed(2)} s (${rate} records/s). Output: ${outDir}\n`,
    );
  }
  return redisFailure || saveFailure ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}
