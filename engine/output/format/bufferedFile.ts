// A file written in large chunks: for outputs with a line per flow (the timeline), where one write per
// line or per window would cost more than building the lines. Data reaches the file once FLUSH_BYTES
// have gathered, and at close.
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_BYTES = 64 * 1024;

export class BufferedFile {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;

  /** Creates (truncates) the file at once, so an empty run still leaves it. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.fd === undefined) throw new Error(`${this.path} was already closed`);
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
