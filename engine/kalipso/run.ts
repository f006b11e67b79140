// `slips kalipso FILE` and `slips -G`: an analysis run in this process with Kalipso over it.
// `kalipso` analyses first (progress and problems on stderr) and then opens the screen on the result;
// `-G` opens the screen at once, also writes the usual output folder, and refreshes while the analysis grows.
import { createWriteStream, type WriteStream } from 'node:fs';
import { Accounting, type Problem } from '../inputs/accounting';
import { InputError, type InputFormat, type Reader } from '../inputs/reader';
import { openReader } from '../inputs/openReader';
import { ConfigError, applyOverrides, loadConfig } from '../config/config';
import { Engine } from '../engine';
import { createDetectors } from '../detectors/registry';
import { shippedServiceNames } from '../data/services';
import { createOutputSinks, defaultOutputDir } from '../output/outputFolder';
import type { OutputSink } from '../output/sink';
import { clockFromEnv } from '../cli/clock';
import { inputSize } from '../cli/inputSize';
import { Progress } from '../cli/progress';
import { AnalysisSource, type RunState } from './analysisSource';
import { IpGeoLookup } from '../enrich/geo/ipGeo';
import { KalipsoApp } from './app';
import { KalipsoCollector } from './collector';

export interface KalipsoRunOptions {
  input: string;
  inputType?: InputFormat;
  configPath?: string;
  width?: number | 'only_one_tw';
  /** `-G`: screen and analysis together, and the output folder (default output/<input>_<date>/). */
  together: boolean;
  output?: string;
}

/** Problems printed to stderr before the rest are only counted. */
const PRINTED_PROBLEMS = 20;
/** How often the screen re-reads a growing analysis (upstream refreshed every 2 min; `o` forces it). */
const REFRESH_MS = 2000;

/** NO_COLOR (no-color.org): present and not empty turns colours off. */
export function colourWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

export async function runKalipso(o: KalipsoRunOptions): Promise<number> {
  let config;
  try {
    config = applyOverrides(loadConfig(o.configPath), { width: o.width });
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const accounting = new Accounting();
  let reader: Reader;
  try {
    reader = await openReader(o.input, { accounting, type: o.inputType });
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }

  if (!process.stdout.isTTY || !process.stdin.isTTY)
    return fail('kalipso needs a terminal: run it in an interactive shell (or tmux/ssh -t)');

  const state: RunState = { finished: false, records: 0, problems: 0 };
  const collector = new KalipsoCollector({
    humanTimestamp: config.timelineHumanTimestamp,
    ports: shippedServiceNames(),
  });
  const sinks: OutputSink[] = [collector];
  let errorsLog: WriteStream | undefined;
  if (o.together) {
    const clock = clockFromEnv();
    const outDir = o.output ?? defaultOutputDir(o.input, clock());
    const folder = await createOutputSinks(outDir, {
      config,
      inputPath: o.input,
      noLogFiles: false,
      clock,
      argv: process.argv.slice(2),
    });
    sinks.push(...folder);
    errorsLog = createWriteStream(`${outDir}/errors.log`);
  }
  // While the screen is up nothing may print: problems then go to errors.log and the status line.
  accounting.onProblem = (p: Problem, what) => {
    const line = `${p.file}:${p.line}: ${what}: ${p.reason}`;
    errorsLog?.write(line + '\n');
    if (!o.together && state.problems < PRINTED_PROBLEMS) process.stderr.write(`slips: ${line}\n`);
    state.problems++;
  };

  const progress = o.together ? undefined : new Progress(await inputSize(o.input));
  // The same offline enrichment as `slips -f`: profiles get their country and AS, tuples their peers'.
  const geo = new IpGeoLookup(config.ipInfo);
  const engine = new Engine(config, {
    sinks,
    detectors: createDetectors(config),
    enrichment: geo,
    onProgress: (n) => {
      state.records = n;
      progress?.update(accounting.bytesRead, n);
    },
  });
  const source = new AnalysisSource(o.input, engine.store, collector, state, geo);
  const abort = new AbortController();
  const analysis = engine.run(reader, accounting, o.input, abort.signal).then(() => {
    state.finished = true;
  });
  if (!o.together) {
    await analysis;
    progress?.stop();
    process.stderr.write(`\nslips: ${o.input}: ${source.status()}\n`);
    if (state.problems > PRINTED_PROBLEMS)
      process.stderr.write(`slips: ${state.problems - PRINTED_PROBLEMS} further problems not shown\n`);
  }

  const app = new KalipsoApp(source, { colour: colourWanted() });
  const refresh = o.together ? setInterval(() => void app.reload(false), REFRESH_MS) : undefined;
  if (o.together)
    void analysis.then(() => {
      clearInterval(refresh);
      return app.reload();
    });
  await app.run();
  if (refresh) clearInterval(refresh);
  // Quitting during -G stops reading; what was read is still flushed to the output folder.
  abort.abort();
  await analysis;
  if (errorsLog) await new Promise<void>((resolve) => errorsLog.end(resolve));
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`slips: ${message}\n`);
  return 2;
}
