// Splits one direction of a reassembled TCP stream into text lines (LF or CRLF ended) for the line
// protocols (FTP, SMTP). A line is bounded: once it passes `maxLine` bytes without an end, the bytes up
// to the bound are handed over as an overlong line and the rest of that line is dropped, so a peer
// sending megabytes without a newline costs at most `maxLine` bytes of memory.

export interface LineSink {
  line(text: string, overlong: boolean): void;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  /** Dropping the rest of an overlong line until its end. */
  private skipping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLine: number,
  ) {}

  push(b: Buffer, off: number, len: number): void {
    const end = off + len;
    let o = off;
    while (o < end) {
      const nl = b.indexOf(0x0a, o);
      const stop = nl < 0 || nl >= end ? end : nl;
      if (this.skipping) {
        if (stop < end) this.skipping = false;
        o = stop + 1;
        continue;
      }
      const room = this.maxLine - this.held;
      if (stop - o > room) {
        if (room > 0) this.parts.push(b.subarray(o, o + room));
        this.held += room;
        this.emit(true);
        this.skipping = stop === end;
        o = stop + 1;
        continue;
      }
      if (stop === end) {
        if (stop > o) {
          this.parts.push(Buffer.from(b.subarray(o, stop)));
          this.held += stop - o;
        }
        return;
      }
      if (stop > o) this.parts.push(b.subarray(o, stop));
      this.held += stop - o;
      this.emit(false);
      o = stop + 1;
    }
  }

  /** Bytes of an unfinished line (for the stream's end). */
  get pending(): number {
    return this.held;
  }

  /** The stream ended: an unfinished line is handed over as it is. */
  flush(): void {
    if (this.held > 0) this.emit(false);
  }

  private emit(overlong: boolean): void {
    const buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.held = 0;
    let text = buf.toString('latin1');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.sink.line(text, overlong);
  }
}
