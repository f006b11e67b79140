// Executes a notebook headless, cell by cell in one session, as the kernel would in VS Code: the
// outputs replace the stored ones, and the run says which inputs changed since the notebook was saved
// and which cells' outputs differ from the stored ones (the reproducibility check of `slips nb run`).
import { ENGINE_VERSION } from '../../engine/version';
import { runCell } from '../evaluator';
import { bundle } from '../output/bundle';
import type { Loaded } from '../session/session';
import { Session } from '../session/session';
import { canonicalJson, type CodeCell, type InputRecord, type Notebook, type SlipsMetadata } from './format';
import { configRecord, inputRecord } from './inputRecord';
import { cellLanguage } from '../js/cellLanguage';
import { jsBundles, jsFailed } from '../js/jsOutputs';
import { JAVASCRIPT, runJsCell } from '../js/runJsCell';

export interface InputChange {
  path: string;
  recorded: string;
  now: string;
}

export interface CellDifference {
  /** 1-based position among all cells, as an editor shows it. */
  index: number;
  id: string;
  /** Which output first differs (1-based), or null when only the number of outputs differs. */
  output: number | null;
}

export interface NotebookRun {
  notebook: Notebook;
  changedInputs: InputChange[];
  differences: CellDifference[];
  /** Cells whose run ended in an error output (1-based positions). */
  errors: number[];
}

export interface RunNotebookOptions {
  /** `slips nb run --trust`: javascript cells run; without it they end with an error output. */
  trusted?: boolean;
}

export async function runNotebook(
  nb: Notebook,
  notebookDir: string,
  options: RunNotebookOptions = {},
): Promise<NotebookRun> {
  const session = new Session(notebookDir);
  const recorded = (nb.metadata.slips as SlipsMetadata | undefined)?.inputs ?? [];
  const inputs: InputRecord[] = [];
  const differences: CellDifference[] = [];
  const errors: number[] = [];
  let lastLoad: Loaded | undefined;
  let count = 0;
  const cells = [];
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') {
      cells.push(cell);
      continue;
    }
    let data: unknown[];
    let failed: boolean;
    if (cellLanguage(cell.metadata) === JAVASCRIPT) {
      const results = runJsCell(session, cell.source, { trusted: options.trusted === true });
      data = jsBundles(results);
      failed = jsFailed(results);
    } else {
      const payloads = await runCell(session, cell.source);
      data = payloads.map((p) => bundle(p));
      failed = payloads.some((p) => p.kind === 'error');
    }
    const fresh: CodeCell = {
      ...cell,
      execution_count: ++count,
      // Through JSON and back, so fresh outputs compare with stored ones as the file will hold them.
      outputs: data.map((d) => ({
        output_type: 'display_data',
        data: JSON.parse(JSON.stringify(d)),
        metadata: {},
      })),
    };
    if (failed) errors.push(i + 1);
    const loaded = session.loaded;
    if (loaded && loaded !== lastLoad) {
      lastLoad = loaded;
      inputs.push(await inputRecord(loaded, notebookDir));
    }
    const diff = firstDifference(cell, fresh);
    if (diff !== undefined) differences.push({ index: i + 1, id: cell.id, output: diff });
    cells.push(fresh);
  }
  const changedInputs = inputs.flatMap((now) => {
    const before = recorded.find((r) => r.path === now.path);
    return before && before.sha256 !== now.sha256
      ? [{ path: now.path, recorded: before.sha256, now: now.sha256 }]
      : [];
  });
  const slips: SlipsMetadata = {
    engineVersion: ENGINE_VERSION,
    inputs,
    config: lastLoad ? configRecord(lastLoad) : null,
  };
  return { notebook: { metadata: { ...nb.metadata, slips }, cells }, changedInputs, differences, errors };
}

/** undefined when the outputs are the same; the 1-based output that differs; null for a count mismatch. */
function firstDifference(stored: CodeCell, fresh: CodeCell): number | null | undefined {
  const n = Math.min(stored.outputs.length, fresh.outputs.length);
  for (let j = 0; j < n; j++)
    if (canonicalJson(stored.outputs[j]!.data) !== canonicalJson(fresh.outputs[j]!.data)) return j + 1;
  return stored.outputs.length === fresh.outputs.length ? undefined : null;
}
