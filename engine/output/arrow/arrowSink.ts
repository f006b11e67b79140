// flows.arrow: every parsed record as an Arrow IPC file, written in record batches of `batchRows` rows
// as the input is read, so memory stays constant however long the input is (flowBatch.ts has the columns).
// The writer's bytes go straight to the file with synchronous writes: the writer's own queue, piped to a
// stream, only drains between event-loop turns and held most of the file in memory on fast inputs.
import { closeSync, openSync, writeSync } from 'node:fs';
import { AsyncByteQueue, RecordBatchFileWriter } from 'apache-arrow';
import type { FlowRecord } from '../../flow';
import type { OutputSink } from '../sink';
import { FlowBatchBuilder } from './flowBatch';

export const DEFAULT_BATCH_ROWS = 65_536;

/** The writer's byte sink, replaced by one that writes each chunk to a file descriptor at once. */
class FileByteSink extends AsyncByteQueue {
  bytes = 0;

  constructor(private fd: number | undefined) {
    super();
  }

  // The writer hands over typed arrays of any element type; writeSync writes any view's bytes.
  override write(value: Uint8Array): void {
    if (this.fd === undefined || value.byteLength === 0) return;
    writeSync(this.fd, value);
    this.bytes += value.byteLength;
  }

  override close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    super.close();
  }
}

export class ArrowSink implements OutputSink {
  private readonly builder: FlowBatchBuilder;
  private readonly writer = new RecordBatchFileWriter();
  private readonly sink: FileByteSink;
  private batches = 0;
  rows = 0;

  constructor(path: string, batchRows = DEFAULT_BATCH_ROWS) {
    this.builder = new FlowBatchBuilder(batchRows);
    this.sink = new FileByteSink(openSync(path, 'w'));
    this.writer.reset(this.sink);
  }

  records(batch: readonly FlowRecord[]): void {
    const b = this.builder;
    for (let i = 0; i < batch.length; i++) {
      b.append(batch[i]!);
      if (b.full) this.flush();
    }
    this.rows += batch.length;
  }

  /** Bytes written to the file so far. */
  get bytes(): number {
    return this.sink.bytes;
  }

  private flush(): void {
    this.writer.write(this.builder.build());
    this.batches++;
  }

  async close(): Promise<void> {
    // An empty input still gets a valid file: the schema and one empty batch.
    if (this.builder.length > 0 || this.batches === 0) this.flush();
    // Writes the footer, then closes the sink (and so the file).
    this.writer.close();
  }
}
