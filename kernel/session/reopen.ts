// `load` of an analysis that was saved rather than a capture: a snapshot file (`slips -f … --save FILE`)
// or a Redis database (`slips -f … --redis URL`). Either becomes the same Loaded a capture gives, so every
// query, view and `detect` works on it the same way. A snapshot keeps the records, so everything works;
// Redis keeps no flows, so on a Redis analysis only profiles, timewindows, evidence and alerts are filled.
import { loadConfig } from '../../engine/config/config';
import type { AltRecord } from '../../engine/output/timeline/altInfo';
import { ONLY_ONE_TW_WIDTH, TimeWindowGrid } from '../../engine/profiler/timeWindows';
import { RedisStoreError } from '../../engine/store/redis/openRedis';
import { reopenRedisAnalysis } from '../../engine/store/redis/readStore';
import { readSnapshot } from '../../engine/store/snapshot/readSnapshot';
import { SnapshotError } from '../../engine/store/snapshot/snapshotFile';
import type { Summary } from '../../engine/summary';
import type { InputFormat } from '../../engine/inputs/reader';
import { SessionSink } from './sessionSink';
import { SessionError, type Loaded } from './session';

/** What the load result says about a Redis analysis, so nobody mistakes empty flow queries for no traffic. */
export const REDIS_HAS_NO_FLOWS =
  'Redis keeps no flows: flows, conn, dns, http, ssl and the other record sources, timeline and letters are empty here; ' +
  'profiles, timewindows, evidence and alerts are complete (save a snapshot with --save to keep the flows)';

export function isRedisUrl(path: string): boolean {
  return /^rediss?:\/\//i.test(path);
}

/** `name` is the path as the cell wrote it (for messages), `file` the resolved one. */
export async function loadSnapshot(file: string, name: string): Promise<Loaded> {
  let opened;
  try {
    opened = await readSnapshot(file, name);
  } catch (err) {
    if (err instanceof SnapshotError) throw new SessionError(err.message, 'path');
    throw err;
  }
  const { payload, store } = opened;
  const sink = new SessionSink();
  sink.records(payload.records);
  for (const role of ['Client', 'Server'] as const) {
    for (const [row, names] of payload.names[role]) sink.namesAs[role][row] = names;
    for (const [row, at] of payload.alts[role]) sink.altAs[role][row] = payload.records[at] as AltRecord;
  }
  sink.evidenceList.push(...payload.evidence);
  sink.alertList.push(...payload.alerts);
  sink.summary = payload.summary;
  const grid = new TimeWindowGrid(payload.grid.width, payload.grid.onlyOne);
  grid.origin = payload.grid.origin ?? undefined;
  return {
    input: file,
    format: payload.format,
    config: payload.config,
    sink,
    store,
    grid,
    summary: payload.summary,
    problems: [],
    cancelled: false,
  };
}

export async function loadRedis(url: string): Promise<Loaded> {
  let got;
  try {
    got = await reopenRedisAnalysis(url);
  } catch (err) {
    if (err instanceof RedisStoreError) throw new SessionError(err.message, 'path');
    throw err;
  }
  const s = got.summary;
  if (!s)
    throw new SessionError(
      `${url} holds an analysis that has not finished (state ${got.state}): load it once it is complete`,
      'path',
    );
  const sink = new SessionSink();
  sink.evidenceList.push(...got.evidence);
  sink.alertList.push(...got.alerts);
  sink.summary = s;
  const config = loadConfig();
  config.timeWindowWidth = s.time_window_width;
  config.analysisDirection = s.analysis_direction === 'all' ? 'all' : 'out';
  const onlyOne = s.time_window_width === ONLY_ONE_TW_WIDTH;
  config.onlyOneTw = onlyOne;
  const grid = new TimeWindowGrid(s.time_window_width, onlyOne);
  // The run fixed its grid at its first flow (only_one_tw starts it a century earlier, timeWindows.ts).
  if (s.first_ts !== null) grid.observe(s.first_ts);
  const summary: Summary = { ...s };
  return {
    input: url,
    format: s.input_format as InputFormat,
    config,
    sink,
    store: got.store,
    grid,
    summary,
    problems: [REDIS_HAS_NO_FLOWS, ...got.problems],
    cancelled: false,
  };
}
