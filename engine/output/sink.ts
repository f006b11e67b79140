// What the engine feeds its outputs (files, the notebook kernel, a remote store): every batch of
// records as read, what the profiler did with each one, each window as it closes, evidence and alerts,
// and the final summary. Outputs never decide anything; they only write.
import type { FlowRecord } from '../flow';
import type { Alert, Evidence } from '../evidence/types';
import type { ProfilerListener } from '../profiler/profiler';
import type { Summary } from '../summary';

export interface OutputSink extends ProfilerListener {
  /** A batch of parsed records, in input order, before profiling. */
  records?(batch: readonly FlowRecord[]): void;
  evidence?(e: Evidence): void;
  alert?(a: Alert): void;
  /** End of the run: write what is left. The summary is final except for what sinks add to it. */
  close(summary: Summary): Promise<void>;
}
