// Line batches → record batches: the loop every line-oriented reader shares. The format lives in
// `parse`; this only numbers the lines, drops what parse declined and stops when asked.
import type { FlowRecord } from '../flow';
import type { LineBatch } from './lines';

/** One line → a record, or undefined when the line was blank, a header, or skipped/rejected (counted). */
export interface LineParser {
  parse(line: string, lineNo: number): FlowRecord | undefined;
}

/**
 * The records parsed from each batch of lines, in order; batches that gave none are not yielded.
 * `signal` is checked before each batch.
 */
export async function* recordBatches(
  batches: AsyncIterable<LineBatch>,
  parser: LineParser,
  signal?: AbortSignal,
): AsyncGenerator<FlowRecord[]> {
  for await (const { lines, firstLine } of batches) {
    if (signal?.aborted) return;
    const out: FlowRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const rec = parser.parse(lines[i]!, firstLine + i);
      if (rec !== undefined) out.push(rec);
    }
    if (out.length > 0) yield out;
  }
}
