// summary.json: the run's Summary, pretty-printed. Top-level keys follow the Summary interface, nested
// maps are sorted, so two runs over the same input give the same bytes.
import { writeFileSync } from 'node:fs';
import type { Summary } from '../summary';
import type { OutputSink } from './sink';

const ORDER: readonly (keyof Summary)[] = [
  'engine_version',
  'input',
  'input_format',
  'records_read',
  'records_parsed',
  'records_skipped',
  'records_skipped_total',
  'records_rejected',
  'file_errors',
  'records_by_kind',
  'profiles',
  'timewindows',
  'evidence',
  'evidence_by_type',
  'evidence_whitelisted',
  'alerts',
  'first_ts',
  'last_ts',
  'time_window_width',
  'analysis_direction',
];

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sorted(o[k])]),
  );
}

/** Known keys first in the contract's order, then anything a later version adds, alphabetically. */
export function stableSummary(s: Summary): Record<string, unknown> {
  const src = s as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (k in src) out[k] = sorted(src[k]);
  for (const k of Object.keys(src).sort()) if (!(k in out)) out[k] = sorted(src[k]);
  return out;
}

export class SummaryJsonSink implements OutputSink {
  constructor(private readonly path: string) {}

  async close(summary: Summary): Promise<void> {
    writeFileSync(this.path, JSON.stringify(stableSummary(summary), null, 2) + '\n');
  }
}
