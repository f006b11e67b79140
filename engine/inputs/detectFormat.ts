// Which reader a path needs, from its content (magic bytes, then the first lines), following
// upstream's `-f` auto-detection (slips-behaviour.md 2.1) with quirk Q1 fixed: a single Argus or
// Suricata file is recognised as such instead of being read as Zeek TSV.
import { createReadStream, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { headerColumns, separatorOf } from './argus/columns';
import { isNfcapd } from './nfdump/nfcapdMagic';
import { InputError, type InputFormat } from './reader';
import { zeekLogKind, zeekLogType } from './zeek/zeekLogKind';

/** Enough text for the header and first records of every format. */
const HEAD_BYTES = 64 * 1024;

const TYPE_HINT = 'give the input type explicitly (-t/--input-type) if it is one Slips reads';

function unreadable(path: string, err: NodeJS.ErrnoException): InputError {
  if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return new InputError(`${path} does not exist`);
  if (err.code === 'EACCES' || err.code === 'EPERM')
    return new InputError(`${path} cannot be read: permission denied; check its permissions`);
  return new InputError(`${path} cannot be read: ${err.message}`);
}

/** The path's stat, or an InputError saying in one sentence why it cannot be read. */
export async function statInput(path: string): Promise<Stats> {
  return stat(path).catch((err: NodeJS.ErrnoException) => {
    throw unreadable(path, err);
  });
}

export async function detectFormat(path: string): Promise<InputFormat> {
  const st = await statInput(path);
  if (st.isDirectory()) return detectFolder(path);
  if (!st.isFile())
    throw new InputError(`${path} is not a regular file or a folder; to read a pipe, ${TYPE_HINT}`);
  const head = await readHead(path).catch((err: NodeJS.ErrnoException) => {
    throw unreadable(path, err);
  });
  if (head.length === 0) throw new InputError(`${path}: unknown input format; the file is empty`);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inner = await gunzipHead(path);
    const format = sniff(path, inner);
    if (format === 'nfdump' && isNfcapd(inner))
      throw new InputError(`${path} is a compressed nfcapd file, which nfdump cannot read; gunzip it first`);
    return format;
  }
  return sniff(path, head);
}

async function detectFolder(dir: string): Promise<InputFormat> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    throw unreadable(dir, err);
  });
  for (const name of names) {
    if (zeekLogKind(name) === undefined) continue;
    if ((await stat(join(dir, name)).catch(() => undefined))?.isFile()) return 'zeek-folder';
  }
  throw new InputError(
    `${dir} is a folder without any Zeek log Slips reads (conn.log, dns.log, http.log, ssl.log, ...)`,
  );
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The first HEAD_BYTES of a gzip file's content; a truncated or corrupt stream gives what came out before the damage. */
async function gunzipHead(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const raw = createReadStream(path);
  const gunzip = raw.pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= HEAD_BYTES) break;
    }
  } catch {
    // Damage is reported by the reader, with its line; here the readable part decides the format.
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

function isPcap(b: Uint8Array): boolean {
  const m = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  // µs and ns resolution, each in both byte orders.
  return m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1;
}

function isPcapng(b: Uint8Array): boolean {
  return b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a;
}

/** The format of a file from its first bytes (already decompressed). */
function sniff(path: string, head: Buffer): InputFormat {
  if (head.length >= 4) {
    if (isPcap(head)) return 'pcap';
    if (isPcapng(head)) return 'pcapng';
    if (isNfcapd(head)) return 'nfdump';
  }
  // Text formats are judged by their first lines: a NUL byte further down is a bad record, not a binary file.
  const nul = head.indexOf(0);
  const fromText = sniffText(path, head.subarray(0, nul === -1 ? head.length : nul).toString('utf8'));
  if (fromText !== undefined) return fromText;
  // Upstream also goes by name for nfcapd files (their magic differs between nfdump versions).
  const name = basename(path).toLowerCase();
  if (name.includes('nfcapd') || name.includes('nfdump')) return 'nfdump';
  throw new InputError(
    `${path}: unknown input format; expected a pcap or pcapng capture, a Zeek log folder or log (TSV or JSON), ` +
      `an Argus binetflow (CSV or TAB), a Suricata eve.json, or an nfdump file; ${TYPE_HINT}`,
  );
}

function sniffText(path: string, text: string): InputFormat | undefined {
  const lines = text.split('\n');
  // The last line of the head may be cut off; it is used only when it is the only one.
  if (lines.length > 1) lines.pop();
  let zeekHeader = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (line.startsWith('#')) {
      if (line.startsWith('#separator') || line.startsWith('#fields')) zeekHeader = true;
      continue;
    }
    if (zeekHeader) return 'zeek-tsv';
    return sniffLine(path, line);
  }
  return zeekHeader ? 'zeek-tsv' : undefined;
}

/** The format of the first data (or header) line of a text file. */
function sniffLine(path: string, line: string): InputFormat | undefined {
  if (line.startsWith('{')) {
    let keys: (k: string) => boolean;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      keys = (k) => k in parsed;
    } catch {
      // A first line longer than the head: judge by the keys it shows.
      keys = (k) => line.includes(`"${k}"`);
    }
    if (keys('event_type') || keys('flow_id')) return 'suricata';
    // Zeek's records have `ts` (or `_path` when written with it), except a few logs such as
    // loaded_scripts that a Zeek log name vouches for; other JSON is no flow log.
    return keys('ts') || keys('_path') || zeekLogType(path) !== undefined ? 'zeek-json' : undefined;
  }
  if (line.startsWith('ts,te,td,')) return 'nfdump';
  if (line.startsWith('Date first seen') || line.startsWith('Date flow start')) {
    throw new InputError(
      `${path} is nfdump's text output, which cannot be read back reliably; ` +
        `give the binary nfcapd file instead, or convert that with nfdump -r FILE -o csv`,
    );
  }
  const argusLike =
    headerColumns(line, 1) !== undefined ||
    line.includes('StartTime') ||
    line.includes('->') ||
    line.includes('<?>');
  if (argusLike) return separatorOf(line) === ',' ? 'binetflow' : 'binetflow-tabs';
  // Upstream reads other tab-separated text as a Zeek log without its header; we ask that it
  // also starts like a Zeek row (an epoch `ts`), so that any TSV table is not taken for one.
  const tab = line.indexOf('\t');
  if (tab > 0 && Number.isFinite(Number(line.slice(0, tab)))) return 'zeek-tsv';
  return undefined;
}
