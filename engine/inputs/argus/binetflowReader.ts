// Argus binetflow (CSV or TAB) as ConnRecord batches. The line format lives in binetflowLine.ts;
// this file only streams lines through it.
import type { FlowRecord } from '../../flow';
import { sourceLines } from '../lines';
import { sourceName, type Reader, type ReaderOptions, type Source } from '../reader';
import { BinetflowLineParser } from './binetflowLine';

export type BinetflowFormat = 'binetflow' | 'binetflow-tabs';

export class BinetflowReader implements Reader {
  private current: BinetflowFormat;

  /** `opts.format` is what the caller sniffed; the header read decides in the end. */
  constructor(
    private readonly source: Source,
    private readonly opts: ReaderOptions & { format?: BinetflowFormat },
  ) {
    this.current = opts.format ?? 'binetflow';
  }

  get format(): BinetflowFormat {
    return this.current;
  }

  async *batches(signal?: AbortSignal): AsyncIterable<FlowRecord[]> {
    const acc = this.opts.accounting;
    const parser = new BinetflowLineParser(sourceName(this.source), acc);
    for await (const { lines, firstLine } of sourceLines(this.source, {
      accounting: acc,
      batchSize: this.opts.batchSize,
    })) {
      if (signal?.aborted) return;
      const out: FlowRecord[] = [];
      for (let i = 0; i < lines.length; i++) {
        const rec = parser.parse(lines[i]!, firstLine + i);
        if (rec !== undefined) out.push(rec);
      }
      if (parser.separator !== undefined)
        this.current = parser.separator === '\t' ? 'binetflow-tabs' : 'binetflow';
      if (out.length > 0) yield out;
    }
  }
}
