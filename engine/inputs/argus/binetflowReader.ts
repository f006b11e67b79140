// Argus binetflow (CSV or TAB) as ConnRecord batches. The line format lives in binetflowLine.ts;
// this file only streams lines through it.
import type { FlowRecord } from '../../flow';
import { sourceLines } from '../lines';
import { sourceName, type Reader, type ReaderOptions, type Source } from '../reader';
import { recordBatches } from '../recordBatches';
import { BinetflowLineParser } from './binetflowLine';

export type BinetflowFormat = 'binetflow' | 'binetflow-tabs';

export class BinetflowReader implements Reader {
  private parser: BinetflowLineParser | undefined;

  /** `opts.format` is what the caller sniffed; the header read decides in the end. */
  constructor(
    private readonly source: Source,
    private readonly opts: ReaderOptions & { format?: BinetflowFormat },
  ) {}

  get format(): BinetflowFormat {
    const sep = this.parser?.separator;
    if (sep === undefined) return this.opts.format ?? 'binetflow';
    return sep === '\t' ? 'binetflow-tabs' : 'binetflow';
  }

  batches(signal?: AbortSignal): AsyncIterable<FlowRecord[]> {
    const acc = this.opts.accounting;
    const parser = (this.parser = new BinetflowLineParser(sourceName(this.source), acc));
    const lines = sourceLines(this.source, { accounting: acc, batchSize: this.opts.batchSize });
    return recordBatches(lines, parser, signal);
  }
}
