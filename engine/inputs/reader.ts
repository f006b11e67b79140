// The one shape every reader has: an async iterable of record batches, counting into an Accounting.
import type { FlowRecord } from '../flow';
import type { Accounting } from './accounting';

export type InputFormat =
  | 'zeek-folder'
  | 'zeek-tsv'
  | 'zeek-json'
  | 'binetflow'
  | 'binetflow-tabs'
  | 'suricata'
  | 'nfdump'
  | 'pcap'
  | 'pcapng';

export interface Reader {
  readonly format: InputFormat;
  /** Batches in input order (time order for a Zeek folder, merged across logs). */
  batches(signal?: AbortSignal): AsyncIterable<FlowRecord[]>;
}

export interface ReaderOptions {
  accounting: Accounting;
  /** Records per yielded batch (a hint). */
  batchSize?: number;
}

/** A user-facing failure to start reading (missing path, unknown format, missing tool): exit code 2. */
export class InputError extends Error {}

/** A file on disk, or a stream (stdin) with a name for problem reports. */
export type Source =
  { kind: 'file'; path: string } | { kind: 'stream'; stream: import('node:stream').Readable; name: string };

export function sourceName(s: Source): string {
  return s.kind === 'file' ? s.path : s.name;
}
