// Reading a scaled-out analysis back: each partition's results are a one-process analysis under its own
// prefix (keys.ts); this merges them into one view, shaped as a saved one-process analysis so the same
// printers serve both. Alerts are ordered by traffic time (the last flow that contributed), then id:
// the same order whichever worker finished first. Stored values that are not what a worker wrote are
// reported with their key and skipped, never trusted.
import type { Redis } from 'ioredis';
import type { Alert } from '../evidence/types';
import type { Summary } from '../summary';
import type { SavedAnalysis } from '../store/redis/readAnalysis';
import { connectRedis } from '../store/redis/openRedis';
import { KEYS, SCHEMA } from '../store/redis/slipsKeys';
import { SCALEOUT_MARKER, SCALEOUT_SCHEMA, partitionPrefix } from './keys';

export interface ScaleOutAnalysis extends SavedAnalysis {
  partitions: number;
  /** Partitions whose worker stored its final summary. */
  complete: number;
}

/** Counts that add up across partitions (each profile, window, evidence and alert is in exactly one). */
const SUMMED = ['profiles', 'timewindows', 'evidence', 'evidence_whitelisted', 'alerts'] as const;

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** The partitions' summaries as one: sums, per-kind and per-type sums, the widest traffic span. */
export function mergeSummaries(parts: readonly Summary[]): Summary {
  const out: Summary = { ...parts[0]!, records_by_kind: {}, evidence_by_type: {} };
  for (const f of SUMMED) out[f] = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const s of parts) {
    for (const f of SUMMED) out[f] += s[f] ?? 0;
    addCounts(out.records_by_kind, s.records_by_kind);
    addCounts(out.evidence_by_type, s.evidence_by_type);
    if (s.first_ts !== null && s.first_ts < first) first = s.first_ts;
    if (s.last_ts !== null && s.last_ts > last) last = s.last_ts;
  }
  const sorted = (m: Record<string, number>) =>
    Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  out.records_by_kind = sorted(out.records_by_kind);
  out.evidence_by_type = sorted(out.evidence_by_type);
  out.first_ts = Number.isFinite(first) ? first : null;
  out.last_ts = Number.isFinite(last) ? last : null;
  return out;
}

function alertProblem(a: Record<string, unknown>): string | undefined {
  const tw = a.timewindow as Record<string, unknown> | undefined;
  const e = a.lastEvidence as Record<string, unknown> | undefined;
  if (typeof a.id !== 'string' || typeof a.profile !== 'string' || typeof a.ip !== 'string')
    return 'id, profile or ip is not a string';
  if (!tw || typeof tw.number !== 'number') return 'timewindow is not {number, start, end}';
  if (typeof a.lastFlowTime !== 'number' || !Number.isFinite(a.lastFlowTime))
    return 'lastFlowTime is not a number';
  if (!Array.isArray(a.correlIds)) return 'correlIds is not a list';
  if (!e || typeof e.description !== 'string' || typeof e.threatLevel !== 'string')
    return 'lastEvidence is incomplete';
  return undefined;
}

/** The merged analysis, or undefined when the database holds no scale-out run. */
export async function readScaleOut(redis: Redis): Promise<ScaleOutAnalysis | undefined> {
  const run = await redis.hgetall(SCALEOUT_MARKER);
  if (run.schema !== SCALEOUT_SCHEMA) return undefined;
  const partitions = Number(run.partitions);
  const problems: string[] = [];
  const alerts: Alert[] = [];
  const summaries: Summary[] = [];
  let profiles = 0;
  for (let k = 0; k < partitions; k++) {
    const prefix = partitionPrefix(k);
    const marker = await redis.hgetall(prefix + KEYS.marker);
    if (marker.schema !== undefined && marker.schema !== SCHEMA)
      problems.push(`${prefix}${KEYS.marker}: schema ${marker.schema}, not ${SCHEMA}`);
    if (marker.state === 'complete' && marker.summary) {
      try {
        summaries.push(JSON.parse(marker.summary) as Summary);
      } catch {
        problems.push(`${prefix}${KEYS.marker} field summary: not JSON`);
      }
    }
    if ((await redis.type(prefix + KEYS.profiles)) === 'zset')
      profiles += await redis.zcard(prefix + KEYS.profiles);
    const raw =
      (await redis.type(prefix + KEYS.alerts)) === 'hash' ? await redis.hgetall(prefix + KEYS.alerts) : {};
    for (const [field, value] of Object.entries(raw)) {
      let rec: { alert?: Record<string, unknown> } | undefined;
      try {
        rec = JSON.parse(value);
      } catch {
        rec = undefined;
      }
      const why = !rec?.alert ? 'not {seq, alert}' : alertProblem(rec.alert);
      if (why) problems.push(`${prefix}${KEYS.alerts} field ${field}: ${why}`);
      else alerts.push(rec!.alert as unknown as Alert);
    }
  }
  alerts.sort((a, b) => a.lastFlowTime - b.lastFlowTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const complete = summaries.length;
  const done = run.state === 'ingested' && complete === partitions;
  let summary: Summary | undefined;
  if (done) {
    // The reader's accounting (read, parsed, skipped, rejected) is the ingest's: workers never parse.
    summary = { ...mergeSummaries(summaries), input: run.input ?? '', input_format: run.input_format ?? '' };
    try {
      Object.assign(summary, JSON.parse(run.accounting ?? '{}'));
    } catch {
      problems.push(`${SCALEOUT_MARKER} field accounting: not JSON`);
    }
  }
  return {
    state: done ? 'complete' : `running (${complete} of ${partitions} partitions done)`,
    summary,
    profiles,
    alerts,
    problems,
    partitions,
    complete,
  };
}

/** readScaleOut over its own connection to `url`; undefined when the database holds no scale-out run. */
export async function readScaleOutAt(url: string): Promise<ScaleOutAnalysis | undefined> {
  const redis = await connectRedis(url);
  try {
    return await readScaleOut(redis);
  } finally {
    redis.disconnect();
  }
}
