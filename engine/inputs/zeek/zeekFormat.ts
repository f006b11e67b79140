// TSV or JSON: decided by the first non-empty line, as upstream does (2.1: a first line that parses as
// JSON means a JSON Zeek log).
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

export type ZeekFormat = 'zeek-tsv' | 'zeek-json';

/** The format a log's first non-empty line says, or undefined for a blank line. */
export function zeekFormatOfLine(line: string): ZeekFormat | undefined {
  const t = line.trimStart();
  if (t.length === 0) return undefined;
  return t.charCodeAt(0) === 123 ? 'zeek-json' : 'zeek-tsv';
}

const PEEK_BYTES = 64 * 1024;

/** The format of a log file from its first bytes (gunzipped when compressed); undefined when unreadable or blank. */
export function sniffZeekFile(path: string): ZeekFormat | undefined {
  let buf: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      buf = Buffer.alloc(PEEK_BYTES);
      buf = buf.subarray(0, readSync(fd, buf, 0, PEEK_BYTES, 0));
    } finally {
      closeSync(fd);
    }
    // A cut-off gzip member still inflates up to the cut with a sync flush.
    if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
  for (const line of buf.toString('utf8').split('\n')) {
    const f = zeekFormatOfLine(line);
    if (f !== undefined) return f;
  }
  return undefined;
}
