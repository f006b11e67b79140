// `load`: what the run read, made and found, from the engine's own summary.
import type { LoadPayload } from '../protocol';
import type { Loaded } from '../session/session';

export function loadPayload(loaded: Loaded): LoadPayload {
  const s = loaded.summary;
  return {
    kind: 'load',
    input: s.input,
    format: s.input_format,
    recordsRead: s.records_read,
    recordsParsed: s.records_parsed,
    recordsSkipped: s.records_skipped_total,
    recordsRejected: s.records_rejected,
    recordsByKind: s.records_by_kind,
    profiles: s.profiles,
    timewindows: s.timewindows,
    evidence: s.evidence,
    alerts: s.alerts,
    firstTs: s.first_ts,
    lastTs: s.last_ts,
    width: s.time_window_width,
    direction: s.analysis_direction,
    problems: loaded.problems,
  };
}
