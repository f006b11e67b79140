// A file the sinks append lines to. Writes are synchronous because the sink callbacks are: the engine
// calls them in order, and a synchronous write keeps that order in the file without queueing.
import { closeSync, openSync, writeSync } from 'node:fs';

export class TextFile {
  private fd: number | undefined;

  /** Creates (truncates) the file at once, so an empty run still leaves it, as upstream does. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    if (this.fd === undefined) throw new Error(`${this.path} was already closed`);
    writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
