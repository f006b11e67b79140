// Runs detectors through the real Engine (profiler, windows, accumulator) on hand-made records or on a
// real file, and collects what they emit.
import { DEFAULT_CONFIG, type SlipsConfig } from '../../../../engine/config/config';
import type { Detector } from '../../../../engine/detectors/detector';
import { Engine } from '../../../../engine/engine';
import type { Alert, Evidence } from '../../../../engine/evidence/types';
import type { FlowRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { openReader } from '../../../../engine/inputs/openReader';

export const DATA = `${__dirname}/../../../../../shared/data`;

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

/** Feeds hand-made records (in the given order, one batch each so windows close as they would) and ends the input. */
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

/** Reads a file of ../shared/data (or an absolute path) with the engine and the given detectors. */
export async function runFile(
  path: string,
  detectors: Detector[],
  config: SlipsConfig = DEFAULT_CONFIG,
): Promise<Run & { rejected: number; parsed: number }> {
  const run = capture(config, detectors);
  const accounting = new Accounting();
  const full = path.startsWith('/') ? path : `${DATA}/${path}`;
  const summary = await run.engine.run(await openReader(full, { accounting }), accounting, path);
  return { ...run, rejected: summary.records_rejected, parsed: summary.records_parsed };
}

/** Evidence counts by type, for compact assertions. */
export function countByType(evidence: Evidence[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of evidence) out[e.evidenceType] = (out[e.evidenceType] ?? 0) + 1;
  return out;
}

export function descriptions(evidence: Evidence[], type?: string): string[] {
  return evidence.filter((e) => type === undefined || e.evidenceType === type).map((e) => e.description);
}
