// The stages measured for every input format on the same replayed flows: the bare "read and split
// lines" baseline, the format's reader alone, reader + profiler (detectors off), and the whole engine
// with every detector. The engine keeps memory as `slips -f` does (long-closed windows leave the store).
// Case names are `<format>/<stage>` so a forked child knows what to run.
import { Accounting } from '../inputs/accounting';
import { fileLines } from '../inputs/lines';
import { openReader } from '../inputs/openReader';
import type { InputFormat } from '../inputs/reader';
import { Engine } from '../engine';
import { DEFAULT_CONFIG } from '../config/config';
import { createDetectors } from '../detectors/registry';
import { CLI_EVICT_CLOSED_AFTER, MemoryStore } from '../store/memoryStore';
import { measure, type CaseResult } from './cases';

export const FORMAT_STAGES = ['split-lines', 'reader', 'reader+profiler', 'with-detectors'] as const;
export type FormatStage = (typeof FORMAT_STAGES)[number];

export function formatCase(name: string): ((file: string) => Promise<CaseResult>) | undefined {
  const slash = name.indexOf('/');
  const format = name.slice(0, slash) as InputFormat;
  const stage = name.slice(slash + 1) as FormatStage;
  if (slash < 0 || !FORMAT_STAGES.includes(stage)) return undefined;
  return (file) => measure(name, () => STAGES[stage](file, format));
}

const STAGES: Record<FormatStage, (file: string, format: InputFormat) => Promise<number>> = {
  'split-lines': async (file) => {
    // Lines are split on the format's separator so the baseline touches every field, as readers do.
    let n = 0;
    let fields = 0;
    for await (const b of fileLines(file, { file, accounting: new Accounting() })) {
      for (const l of b.lines) {
        const c = l.charCodeAt(0);
        if (c === 35 || c === 83) continue; // '#' Zeek headers, 'S' the binetflow header
        fields += l.split(l.charCodeAt(0) === 123 ? ',' : l.includes('\t') ? '\t' : ',').length;
        n++;
      }
    }
    return fields > 0 ? n : 0;
  },
  reader: async (file, format) => {
    const accounting = new Accounting();
    let n = 0;
    for await (const b of (await openReader(file, { accounting, type: format })).batches()) n += b.length;
    return n;
  },
  'reader+profiler': (file, format) => runEngine(file, format, false),
  'with-detectors': (file, format) => runEngine(file, format, true),
};

async function runEngine(file: string, format: InputFormat, detectors: boolean): Promise<number> {
  const accounting = new Accounting();
  const engine = new Engine(DEFAULT_CONFIG, {
    store: new MemoryStore({ evictClosedAfter: CLI_EVICT_CLOSED_AFTER }),
    detectors: detectors ? createDetectors(DEFAULT_CONFIG) : [],
  });
  const s = await engine.run(await openReader(file, { accounting, type: format }), accounting, file);
  return s.records_parsed;
}
