// summary.json: what a run read, made and found. Keys are snake_case as the file is for other tools.

export interface Summary {
  engine_version: string;
  input: string;
  input_format: string;
  records_read: number;
  records_parsed: number;
  records_skipped: Record<string, number>;
  records_skipped_total: number;
  records_rejected: number;
  file_errors: number;
  /** Parsed records by kind (conn, dns, ...). */
  records_by_kind: Record<string, number>;
  profiles: number;
  timewindows: number;
  evidence: number;
  /** Evidence by type (upstream EvidenceType names), sorted by type. */
  evidence_by_type: Record<string, number>;
  /** Evidence dropped because the whitelist ignores alerts about its attacker or victim. */
  evidence_whitelisted: number;
  alerts: number;
  /** Traffic time span of the input, epoch seconds. */
  first_ts: number | null;
  last_ts: number | null;
  time_window_width: number;
  analysis_direction: string;
}
