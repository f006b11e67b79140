// Redis key names of the newest Slips schema (slips-behaviour.md 3.3, 5.1), so Slips-aware tools find an
// analysis where they look, plus a few keys of our own under the `sn:` prefix for what upstream's schema
// has no place for (window summaries, full alerts, the analysis marker) and a reopened analysis needs.

export const KEYS = {
  /** zset profileid → first-seen ts. */
  profiles: 'profiles',
  /** zset `<profileid>_<twid>` → flow ts of its last modification. */
  modifiedTimewindows: 'modified_timewindows',
  /** hash evidence id → JSON list of flow uids. */
  flowsCausingEvidence: 'flows_causing_evidence',
  /** hash: file_start, input_type, total_flows. */
  analysis: 'analysis',
  numberOfEvidence: 'number_of_evidence',
  numberOfAlerts: 'number_of_alerts',
  /** set of profiles that raised an alert. */
  maliciousProfiles: 'malicious_profiles',
  /** Ours: hash with the schema, engine version, state and final summary; its presence says who wrote the db. */
  marker: 'sn:analysis',
  /** Ours: hash `<profileid>_<twid>` → window bounds and summary. */
  windows: 'sn:timewindows',
  /** Ours: hash alert id → the full alert. */
  alerts: 'sn:alerts',
} as const;

/** Written in the marker; a reader refuses other values rather than guessing. */
export const SCHEMA = 'slips-notebooks/redis/1';

export function twid(number: number): string {
  return `timewindow${number}`;
}

/** `<profileid>_<twid>`: the window's hash, and the member naming the window in global zsets. */
export function twKey(profileId: string, number: number): string {
  return `${profileId}_${twid(number)}`;
}

export function twsKey(profileId: string): string {
  return `tws${profileId}`;
}

export function evidenceKey(profileId: string, number: number): string {
  return `${twKey(profileId, number)}_evidence`;
}

/** zset activity JSON → flow ts (3.3). */
export function timelineKey(profileId: string, number: number): string {
  return `${twKey(profileId, number)}_timeline`;
}

export function tuplesKey(profileId: string, number: number, dir: 'Out' | 'In'): string {
  return `${twKey(profileId, number)}:${dir}Tuples:symbols`;
}

/** The twid's number, or undefined when `s` is not `timewindow<int>`. */
export function parseTwid(s: string): number | undefined {
  const m = /^timewindow(-?\d+)$/.exec(s);
  return m ? Number(m[1]) : undefined;
}
