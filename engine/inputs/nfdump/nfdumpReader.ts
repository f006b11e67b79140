// nfdump flows as ConnRecord batches: a binary nfcapd file is converted by the nfdump tool on the
// fly; a file or stream that already holds `nfdump -o csv` text is read directly.
// For converted files, a record's origin line is its line in nfdump's CSV output (header = line 1).
import { open, stat } from 'node:fs/promises';
import type { FlowRecord } from '../../flow';
import { sourceLines, streamLines, type LineBatch } from '../lines';
import { sourceName, type Reader, type ReaderOptions, type Source } from '../reader';
import { recordBatches } from '../recordBatches';
import { isNfcapd } from './nfcapdMagic';
import { NfdumpCsvParser } from './nfdumpCsv';
import { runNfdump } from './runNfdump';

/**
 * Lines per batch from nfdump's pipe. nfdump blocks once the 64 KiB pipe is full, so it only runs
 * while we wait for input: batches of about one pipe's worth (~256 CSV lines) let it convert the
 * next lines while we parse these. 4096-line batches halved throughput (130k vs 260k flows/s).
 */
const PIPE_BATCH_LINES = 256;

export interface NfdumpReaderOptions extends ReaderOptions {
  /** The nfdump executable (default `nfdump` on PATH). */
  nfdumpCommand?: string;
}

async function fileIsNfcapd(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return isNfcapd(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export class NfdumpReader implements Reader {
  readonly format = 'nfdump' as const;

  constructor(
    private readonly source: Source,
    private readonly opts: NfdumpReaderOptions,
  ) {}

  batches(signal?: AbortSignal): AsyncIterable<FlowRecord[]> {
    const file = sourceName(this.source);
    return recordBatches(this.lines(file), new NfdumpCsvParser(file, this.opts.accounting), signal);
  }

  /** The CSV lines: nfdump's output for an nfcapd file (nfdump is stopped if reading ends early), else the input itself. */
  private async *lines(file: string): AsyncGenerator<LineBatch> {
    const acc = this.opts.accounting;
    if (this.source.kind !== 'file' || !(await fileIsNfcapd(this.source.path))) {
      yield* sourceLines(this.source, { accounting: acc, batchSize: this.opts.batchSize });
      return;
    }
    const path = this.source.path;
    const run = await runNfdump(this.opts.nfdumpCommand ?? 'nfdump', path, acc);
    let completed = false;
    try {
      yield* streamLines(run.stdout, { file, accounting: acc, batchSize: PIPE_BATCH_LINES });
      completed = true;
    } finally {
      if (!completed) run.stop();
      await run.finished;
      // nfdump's reading is not visible from here: count the whole file once it is done.
      acc.bytesRead += (await stat(path)).size;
    }
  }
}
