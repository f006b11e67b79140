// A folder of Zeek logs as one stream of records in ts order (2.2: always emit the record with the smallest
// ts across files). Every supported log is read, rotated and archived ones included; files are opened only
// when the merge reaches the time they start, so a folder of many rotated logs keeps few files open.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ZEEK_LOG_KINDS, type FlowRecord } from '../../flow';
import { InputError, type Reader, type ReaderOptions } from '../reader';
import { LogCursor } from './logCursor';
import { MinHeap } from './minHeap';
import { zeekLogKind } from './zeekLogKind';

/** a's next record comes out before b's: smaller ts, then the file earlier in name order. */
function headFirst(a: LogCursor, b: LogCursor): boolean {
  const x = a.head()!.ts;
  const y = b.head()!.ts;
  return x < y || (x === y && a.order < b.order);
}

/** A file not yet opened may hold a record due before the current smallest head. */
function startsBefore(pending: LogCursor, active: LogCursor): boolean {
  const y = active.head()!.ts;
  return pending.firstTs < y || (pending.firstTs === y && pending.order < active.order);
}

export class ZeekFolderReader implements Reader {
  readonly format = 'zeek-folder' as const;
  /** The logs read, in name order (the order that breaks ts ties). */
  readonly logFiles: string[] = [];
  /** Files in the folder that are not read: unsupported logs (loaded_scripts, pe, quic, ...) and non-logs. */
  readonly ignoredFiles: string[] = [];

  constructor(
    readonly dir: string,
    private readonly opts: ReaderOptions,
  ) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      throw new InputError(
        `Cannot read the folder ${dir} (${(e as Error).message}); check the path and its permissions.`,
      );
    }
    const subfolders: string[] = [];
    for (const name of names) {
      const path = join(dir, name);
      const kind = fileKind(path);
      if (kind === 'folder') subfolders.push(path);
      else if (kind === 'file')
        (zeekLogKind(name) === undefined ? this.ignoredFiles : this.logFiles).push(path);
    }
    if (this.logFiles.length === 0) {
      // Labelled datasets often keep their logs one level down (test18's zeek-labeled/): point there.
      const nested = subfolders.find(holdsZeekLogs);
      const hint = nested ? `; its subfolder ${nested} does, read that instead` : '';
      const expected = ZEEK_LOG_KINDS.map((k) => `${k}.log`).join(', ');
      throw new InputError(`The folder ${dir} holds no Zeek log that can be read (${expected})${hint}.`);
    }
  }

  async *batches(signal?: AbortSignal): AsyncGenerator<FlowRecord[]> {
    const size = this.opts.batchSize ?? 4096;
    const cursors = this.logFiles.map((path, order) => new LogCursor(path, order, this.opts));
    try {
      for (const c of cursors) await c.peek();
      const pending = [...cursors].sort((a, b) => a.firstTs - b.firstTs || a.order - b.order);
      const active = new MinHeap<LogCursor>(headFirst);
      let next = 0;
      let out: FlowRecord[] = [];
      for (;;) {
        while (next < pending.length && (active.size === 0 || startsBefore(pending[next]!, active.peek()!))) {
          const c = pending[next++]!;
          await c.fill();
          if (c.head() !== undefined) active.push(c);
          else await c.close();
        }
        const c = active.peek();
        if (c === undefined) break;
        out.push(c.take());
        if (c.hungry) await c.fill();
        if (c.head() !== undefined) active.updateTop();
        else {
          active.pop();
          await c.close();
        }
        if (out.length >= size) {
          yield out;
          out = [];
          if (signal?.aborted) return;
        }
      }
      if (out.length > 0) yield out;
    } finally {
      for (const c of cursors) await c.close();
    }
  }
}

function fileKind(path: string): 'file' | 'folder' | 'other' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

function holdsZeekLogs(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => zeekLogKind(n) !== undefined);
  } catch {
    return false;
  }
}
