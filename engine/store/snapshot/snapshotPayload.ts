// What a saved analysis holds, and the conversion between a finished run (its store and SnapshotSink)
// and that plain-data shape. Windows name their evidence and alerts by position in the run's lists, so
// each is stored once and comes back as one shared object, as the live run had it.
import type { FlowRecord } from '../../flow';
import type { Alert, Evidence } from '../../evidence/types';
import type { SlipsConfig } from '../../config/types';
import type { InputFormat } from '../../inputs/reader';
import type { Role, WindowSummary } from '../../profiler/types';
import type { Summary } from '../../summary';
import type { Store } from '../store';
import type { SnapshotSink } from './snapshotSink';

export interface WindowEntry {
  number: number;
  start: number;
  end: number;
  lastModified: number;
  closed: boolean;
  summary: WindowSummary;
  /** Positions in the payload's `evidence` and `alerts`. */
  evidence: number[];
  alerts: number[];
}

export interface ProfileEntry {
  ip: string;
  firstSeen: number;
  info: [string, string][];
  windows: WindowEntry[];
}

export interface SnapshotPayload {
  engineVersion: string;
  /** The input as the run named it. */
  input: string;
  format: InputFormat;
  config: SlipsConfig;
  /** The run's time-window grid: queries number flows' windows with it. */
  grid: { width: number; onlyOne: boolean; origin: number | null };
  summary: Summary;
  profiles: ProfileEntry[];
  /** In the order the run raised them. */
  evidence: Evidence[];
  alerts: Alert[];
  /** Every record the analysis kept, in input order. */
  records: FlowRecord[];
  /** Per role: [connection row, names of its peer] and [connection row, index in records of its application record]. */
  names: Record<Role, [number, readonly string[]][]>;
  alts: Record<Role, [number, number][]>;
}

export interface RunToSave {
  input: string;
  format: InputFormat;
  config: SlipsConfig;
  grid: { width: number; onlyOne: boolean; origin: number | undefined };
  summary: Summary;
  store: Store;
  sink: SnapshotSink;
  engineVersion: string;
}

function positions<T>(list: readonly T[], all: T[], at: Map<T, number>): number[] {
  return list.map((x) => {
    let i = at.get(x);
    // Evidence a sink never saw (none today) is kept all the same rather than lost.
    if (i === undefined) {
      i = all.length;
      all.push(x);
      at.set(x, i);
    }
    return i;
  });
}

export function payloadOf(run: RunToSave): SnapshotPayload {
  const evidence = run.sink.evidenceList.slice();
  const alerts = run.sink.alertList.slice();
  const eAt = new Map(evidence.map((e, i) => [e, i]));
  const aAt = new Map(alerts.map((a, i) => [a, i]));
  const profiles: ProfileEntry[] = [];
  for (const p of run.store.profiles()) {
    const windows = [...p.windows.values()]
      .sort((a, b) => a.number - b.number)
      .map((tw) => ({
        number: tw.number,
        start: tw.start,
        end: tw.end,
        lastModified: tw.lastModified,
        closed: tw.closed,
        summary: tw.summary,
        evidence: positions(tw.evidence, evidence, eAt),
        alerts: positions(tw.alerts, alerts, aAt),
      }));
    profiles.push({ ip: p.ip, firstSeen: p.firstSeen, info: [...p.info], windows });
  }
  const pairs = <V>(m: Map<number, V>): [number, V][] => [...m];
  return {
    engineVersion: run.engineVersion,
    input: run.input,
    format: run.format,
    config: run.config,
    grid: { width: run.grid.width, onlyOne: run.grid.onlyOne, origin: run.grid.origin ?? null },
    summary: run.summary,
    profiles,
    evidence,
    alerts,
    records: run.sink.kept,
    names: { Client: pairs(run.sink.names.Client), Server: pairs(run.sink.names.Server) },
    alts: { Client: pairs(run.sink.alts.Client), Server: pairs(run.sink.alts.Server) },
  };
}
