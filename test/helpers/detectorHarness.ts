// Runs detectors through the real Engine (profiler, windows, accumulator) on hand-made records or on
// real files, and collects what they emit. Shared by the detector tests.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEFAULT_CONFIG, type SlipsConfig } from '../../engine/config/config';
import type { Detector } from '../../engine/detectors/detector';
import { Engine } from '../../engine/engine';
import type { Alert, Evidence } from '../../engine/evidence/types';
import type { FlowRecord } from '../../engine/flow';
import { Accounting } from '../../engine/inputs/accounting';
import { openReader } from '../../engine/inputs/openReader';

import { DATA } from './data';

export { DATA };

export interface Run {
  evidence: Evidence[];
  alerts: Alert[];
  engine: Engine;
}

function capture(config: SlipsConfig, detectors: Detector[]): Run {
  const evidence: Evidence[] = [];
  const alerts: Alert[] = [];
  const engine = new Engine(config, {
    detectors,
    sinks: [{ evidence: (e) => evidence.push(e), alert: (a) => alerts.push(a), close: async () => {} }],
  });
  return { evidence, alerts, engine };
}

/** Feeds hand-made records in the given order (one batch each, so windows close as they would) and ends the input. */
export async function runRecords(
  detectors: Detector[],
  records: FlowRecord[],
  config: SlipsConfig = DEFAULT_CONFIG,
): Promise<Run> {
  const run = capture(config, detectors);
  for (const r of records) run.engine.ingest([r]);
  await run.engine.finish(new Accounting(), 'test', 'test');
  return run;
}

/** Reads a file or folder of ../shared/data (or an absolute path) with the engine and the given detectors. */
export async function runFile(
  path: string,
  detectors: Detector[],
  config: SlipsConfig = DEFAULT_CONFIG,
): Promise<Run & { rejected: number; parsed: number; records: FlowRecord[] }> {
  const run = capture(config, detectors);
  const records: FlowRecord[] = [];
  run.engine.profiler.listen({ onRecord: (rec) => void records.push(rec) });
  const accounting = new Accounting();
  const full = path.startsWith('/') ? path : `${DATA}/${path}`;
  const summary = await run.engine.run(await openReader(full, { accounting }), accounting, path);
  return { ...run, rejected: summary.records_rejected, parsed: summary.records_parsed, records };
}

/** Evidence counts by type, for compact assertions. */
export function countByType(evidence: Evidence[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of [...evidence].sort((a, b) => a.evidenceType.localeCompare(b.evidenceType)))
    out[e.evidenceType] = (out[e.evidenceType] ?? 0) + 1;
  return out;
}

export function descriptions(evidence: Evidence[], type?: string): string[] {
  return evidence.filter((e) => type === undefined || e.evidenceType === type).map((e) => e.description);
}

/** btest baselines replace every ts with this. */
const CANONIFIED_TS = 'XXXXXXXXXX.XXXXXX';

/**
 * Copies btest baseline logs into one new folder, replacing each canonified timestamp with
 * `base` + its line number, so the folder reader accepts them and all records share one window.
 */
export function baselineFolder(paths: string[], base = 1_400_000_000): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-alerts-'));
  for (const p of paths) {
    const lines = readFileSync(p, 'utf8')
      .split('\n')
      .map((l, i) =>
        l.startsWith(CANONIFIED_TS) ? `${base + i}.000000${l.slice(CANONIFIED_TS.length)}` : l,
      );
    writeFileSync(join(dir, basename(p)), lines.join('\n'));
  }
  return dir;
}

/** Copies some logs of a folder into a new folder (to run a subset of a capture's logs). */
export function subsetFolder(dir: string, names: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'app-alerts-'));
  for (const n of names) copyFileSync(join(dir, n), join(out, n));
  return out;
}
