// The records a load kept, given back in input order as a Reader, so a detection can run again over
// them through a fresh Engine (the real profiler and detectors) without reading the input again.
// Connections are rebuilt from the columnar table one batch at a time, so a replay of a million flows
// holds no more record objects than a load does.
import type { FlowRecord } from '../../engine/flow';
import type { InputFormat, Reader } from '../../engine/inputs/reader';
import type { SessionSink } from './sessionSink';

const BATCH = 10_000;

export function* retainedRecords(sink: SessionSink): Generator<FlowRecord> {
  const others = sink.othersInOrder;
  const before = sink.connsBefore;
  let o = 0;
  for (let row = 0; row < sink.conn.length; row++) {
    while (o < others.length && before[o]! <= row) yield others[o++]!;
    yield sink.conn.record(row);
  }
  while (o < others.length) yield others[o++]!;
}

export function replayReader(sink: SessionSink, format: InputFormat): Reader {
  return {
    format,
    async *batches(signal?: AbortSignal) {
      let batch: FlowRecord[] = [];
      for (const rec of retainedRecords(sink)) {
        batch.push(rec);
        if (batch.length === BATCH) {
          if (signal?.aborted) return;
          yield batch;
          batch = [];
        }
      }
      if (batch.length && !signal?.aborted) yield batch;
    },
  };
}
