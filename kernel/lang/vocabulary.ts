// The words the language knows, in one place: the parser checks against them, suggestions come from
// them, and editor completion can list them.
import { ZEEK_LOG_KINDS } from '../../engine/flow';

export const COMMANDS = [
  'load',
  'capture',
  'profile',
  'timeline',
  'letters',
  'explain',
  'chart',
  'detect',
  'blocking',
] as const;

/** Query sources: `flows` is the connection records (`conn` says the same); every other record kind by its name. */
export const SOURCES = ['profiles', 'timewindows', 'flows', ...ZEEK_LOG_KINDS, 'evidence', 'alerts'] as const;
export type SourceName =
  'profiles' | 'timewindows' | 'flows' | 'evidence' | 'alerts' | (typeof ZEEK_LOG_KINDS)[number];

export const STAGES = ['where', 'count', 'sort', 'top', 'limit', 'select'] as const;

/** Words after `|` that end a query with something other than a table. */
export const QUERY_OUTPUTS = ['chart', 'export'] as const;

/** The named charts, by their first word after `chart`, with the words that complete them. */
export const CHART_FORMS = {
  flows: 'flows over time [by 1m|5m|1h] [for IP]',
  bytes: 'bytes by FIELD [top N]',
  destinations: 'destinations of IP [top N]',
  evidence: 'evidence over windows [for IP]',
} as const;
export const CHART_MARKS = ['bar', 'line'] as const;
export const EXPORT_FORMATS = ['arrow', 'csv', 'parquet'] as const;

/** `detect` families with parameters: the port scans (both, or one direction of them). */
export const SCAN_FAMILIES = ['portscan', 'horizontal', 'vertical'] as const;
/** Detection modules `detect` can re-run as they are (engine/detectors/registry.ts names them). */
export const DETECTION_MODULES = [
  'network_discovery',
  'flow_alerts',
  'http_analyzer',
  'arp',
  'brute_force_detector',
  'threat_intelligence',
  'rnn_cc_detection',
  'beacon',
  'flow_ml_detection',
] as const;
export const DETECT_PARAMS = ['threshold'] as const;

/** Clauses of `capture IFACE …` (besides the load options), and the words after `block`. */
export const CAPTURE_CLAUSES = ['filter', 'for', 'block'] as const;
export const BLOCK_MODES = ['confirm', 'dry-run'] as const;

export const LOAD_OPTIONS = ['width', 'direction', 'config', 'disable'] as const;
export type LoadOptionName = (typeof LOAD_OPTIONS)[number];

/** Words of conditions, for suggestions when an operator is misspelt. */
export const CONDITION_WORDS = ['in', 'contains', 'matches', 'and', 'or', 'not'] as const;

export function isSource(w: string): w is SourceName {
  return (SOURCES as readonly string[]).includes(w);
}
