// One analysis run from the command line: config, reader, output folder, progress, summary line.
// Returns the exit code: 0 when the run finished (bad records are counted, not fatal), 2 when it could
// not start (missing path, unknown format, bad config).
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

export class UsageError extends Error {}

export interface AnalysisOptions {
  input: string;
  inputType?: InputFormat;
  configPath?: string;
  output?: string;
  width?: number | 'only_one_tw';
  verbose?: number;
  debug?: number;
  noLogFiles: boolean;
  quiet: boolean;
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

  const accounting = new Accounting();
  let reader;
  try {
    reader = await openReader(o.input, { accounting, type: o.inputType });
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }

  const outDir = o.output ?? defaultOutputDir(o.input, clock());
  const sinks = await createOutputSinks(outDir, {
    config,
    inputPath: o.input,
    noLogFiles: o.noLogFiles,
    clock,
    argv: process.argv.slice(2),
  });
  const errorsLog = createWriteStream(`${outDir}/errors.log`);
  let printed = 0;
  accounting.onProblem = (p: Problem, what) => {
    const line = `${p.file}:${p.line}: ${what}: ${p.reason}`;
    errorsLog.write(line + '\n');
    if (printed < PRINTED_PROBLEMS && !o.quiet) process.stderr.write(`slips: ${line}\n`);
    else if (printed === PRINTED_PROBLEMS && !o.quiet)
      process.stderr.write(`slips: further problems are only written to ${outDir}/errors.log\n`);
    printed++;
  };

  const showProgress = !o.quiet && process.stderr.isTTY === true && o.input !== '-';
  const progress = showProgress ? new Progress(await inputSize(o.input)) : undefined;
  if (config.verbose > 0 && !o.quiet) sinks.push(new ConsoleAlerts(process.stdout));
  const engine = new Engine(config, {
    sinks,
    detectors: createDetectors(config),
    onProgress: progress ? (n) => progress.update(accounting.bytesRead, n) : undefined,
  });

  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const summary = await engine.run(reader, accounting, o.input, abort.signal);
  process.off('SIGINT', onSigint);
  progress?.stop();
  await new Promise<void>((resolve) => errorsLog.end(resolve));

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
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}
