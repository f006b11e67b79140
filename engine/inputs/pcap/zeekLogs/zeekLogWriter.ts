// Writes records as a folder of Zeek logs, one file per log path, as Zeek itself would lay them out
// (conn.log, dns.log, ...), so Zeek tooling, upstream Slips and this engine's Zeek reader can read a
// capture this engine dissected. Rows go out in the order records arrive; #open and #close are the
// traffic times of the first and the latest record of each log, so the same capture gives the same bytes.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowRecord } from '../../../flow';
import { LOG_SPECS, type LogSpec } from './zeekLogColumns';
import { jsonRow, tsvFooter, tsvHeader, tsvRow, zeekStamp } from './zeekLogFormat';

export type ZeekLogEncoding = 'tsv' | 'json';

/** Bytes gathered per log before a write. */
const FLUSH_BYTES = 256 * 1024;

class LogFile {
  private readonly fd: number;
  private text = '';
  rows = 0;
  private latest = -Infinity;

  constructor(
    readonly path: string,
    private readonly spec: LogSpec,
    private readonly encoding: ZeekLogEncoding,
    firstTs: number,
  ) {
    this.fd = openSync(path, 'w');
    if (encoding === 'tsv') this.text = tsvHeader(spec, zeekStamp(firstTs));
  }

  add(rec: FlowRecord): void {
    this.text += this.encoding === 'tsv' ? tsvRow(this.spec.columns, rec) : jsonRow(this.spec.columns, rec);
    this.rows++;
    if (rec.ts > this.latest) this.latest = rec.ts;
    if (this.text.length >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.text === '') return;
    writeSync(this.fd, this.text);
    this.text = '';
  }

  close(): void {
    if (this.encoding === 'tsv') this.text += tsvFooter(zeekStamp(this.latest));
    this.flush();
    closeSync(this.fd);
  }
}

export class ZeekLogWriter {
  private readonly files = new Map<string, LogFile>();
  /** Records of kinds no Zeek log here holds, by kind. */
  readonly unwritten = new Map<string, number>();

  constructor(
    readonly dir: string,
    readonly encoding: ZeekLogEncoding,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  add(rec: FlowRecord): void {
    let f = this.files.get(rec.kind);
    if (f === undefined) {
      const spec = LOG_SPECS[rec.kind];
      if (spec === undefined) {
        this.unwritten.set(rec.kind, (this.unwritten.get(rec.kind) ?? 0) + 1);
        return;
      }
      f = new LogFile(join(this.dir, `${spec.path}.log`), spec, this.encoding, rec.ts);
      this.files.set(rec.kind, f);
    }
    f.add(rec);
  }

  /** Closes every log; returns rows written per log path, sorted by path. */
  close(): Record<string, number> {
    const rows: [string, number][] = [];
    for (const [kind, f] of this.files) {
      f.close();
      rows.push([LOG_SPECS[kind as FlowRecord['kind']]!.path, f.rows]);
    }
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(rows);
  }
}
