// Test helpers for the flow-text readers: run a reader to the end, and build in-memory sources.
import { Readable } from 'node:stream';
import type { FlowRecord } from '../../../../engine/flow';
import type { Reader, Source } from '../../../../engine/inputs/reader';

export async function readAll(reader: Reader): Promise<FlowRecord[]> {
  const out: FlowRecord[] = [];
  for await (const batch of reader.batches()) for (const r of batch) out.push(r);
  return out;
}

/** A stream source holding `content` (text or raw bytes) as one chunk. */
export function memory(content: string | Buffer, name = 'mem'): Source {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return { kind: 'stream', stream: Readable.from([buf]), name };
}

export function fileSource(path: string): Source {
  return { kind: 'file', path };
}
