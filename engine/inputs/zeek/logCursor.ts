// One log of a Zeek folder as a stream of records in ts order, for the folder's merge. Zeek writes a
// record when its connection ends but stamps it with the start, so a log is only roughly sorted (a third
// of test9's conn.log is out of order); a bounded window of records per file puts it back in order in
// constant memory. Records displaced by more than the window still come out, just late.
import type { FlowRecord } from '../../flow';
import { Accounting } from '../accounting';
import type { ReaderOptions } from '../reader';
import { MinHeap } from './minHeap';
import { ZeekLogReader } from './zeekLogReader';

/** Records held per open file to restore ts order. */
export const REORDER_WINDOW = 4096;
/** Lines read per step from each file: small, because many files may be open at once. */
const FILE_BATCH = 1024;
/** Lines parsed to estimate where a file starts in time. */
const PEEK_BATCH = 256;

function earlier(a: FlowRecord, b: FlowRecord): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.origin.line < b.origin.line);
}

export class LogCursor {
  /** Smallest ts among the file's first records (Infinity when it has none); set by peek(). */
  firstTs = Infinity;
  private readonly window = new MinHeap<FlowRecord>(earlier);
  private it: AsyncIterator<FlowRecord[]> | undefined;
  private done = false;

  /** `order`: the file's place in name order, which breaks ts ties between files. */
  constructor(
    readonly path: string,
    readonly order: number,
    private readonly opts: ReaderOptions,
  ) {}

  /** Finds firstTs by parsing the file's start with a throwaway accounting (the real read counts it). */
  async peek(): Promise<void> {
    const reader = new ZeekLogReader(
      { kind: 'file', path: this.path },
      { accounting: new Accounting(), batchSize: PEEK_BATCH },
    );
    try {
      for await (const batch of reader.batches()) {
        for (const r of batch) if (r.ts < this.firstTs) this.firstTs = r.ts;
        return;
      }
    } catch {
      // Unreadable: fill() reports it when the merge gets to this file.
    }
  }

  /** The file's next record in ts order, once filled; undefined when the file is finished. */
  head(): FlowRecord | undefined {
    return this.window.peek();
  }

  take(): FlowRecord {
    return this.window.pop()!;
  }

  /** True when the window should be topped up before the next take(). */
  get hungry(): boolean {
    return !this.done && this.window.size < REORDER_WINDOW;
  }

  async fill(): Promise<void> {
    if (this.done) return;
    this.it ??= new ZeekLogReader(
      { kind: 'file', path: this.path },
      { accounting: this.opts.accounting, batchSize: FILE_BATCH },
    ).batches();
    try {
      while (this.hungry) {
        const next = await this.it.next();
        if (next.done) this.done = true;
        else for (const r of next.value) this.window.push(r);
      }
    } catch (e) {
      // One unreadable log (removed, no permission) must not stop the others; what was read is kept.
      this.done = true;
      this.opts.accounting.fileError(this.path, 0, `cannot read this log: ${(e as Error).message}`);
    }
  }

  /** Stops reading (closes the file) early or after the end; safe to call more than once. */
  async close(): Promise<void> {
    const it = this.it;
    this.done = true;
    this.it = undefined;
    await it?.return?.();
  }
}
