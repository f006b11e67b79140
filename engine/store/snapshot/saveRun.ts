// The end of a command-line run with `--save FILE`: the finished analysis goes to FILE. A snapshot that
// cannot be written does not undo the run (its output folder is complete): one sentence, exit code 1.
import type { SlipsConfig } from '../../config/types';
import type { Engine } from '../../engine';
import type { InputFormat } from '../../inputs/reader';
import type { Summary } from '../../summary';
import { ENGINE_VERSION } from '../../version';
import type { SnapshotSink } from './snapshotSink';
import { writeSnapshot } from './writeSnapshot';

export interface FinishedRun {
  input: string;
  format: InputFormat;
  config: SlipsConfig;
  engine: Engine;
  summary: Summary;
  sink: SnapshotSink;
}

/** Saves the run; the error sentence when the file could not be written. */
export async function saveRunSnapshot(path: string, run: FinishedRun): Promise<string | undefined> {
  try {
    await writeSnapshot(path, {
      input: run.input,
      format: run.format,
      config: run.config,
      grid: run.engine.profiler.grid,
      summary: run.summary,
      store: run.engine.store,
      sink: run.sink,
      engineVersion: ENGINE_VERSION,
    });
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `the analysis could not be saved to ${path}: ${e.code ?? e.message}`;
  }
}
