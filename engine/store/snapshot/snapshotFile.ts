// The container of a saved analysis: one header line a person (or `head -1`) can read, then the analysis
// as gzip-compressed JSON. The header names the format and its version and carries the payload's length
// and SHA-256, so a file that is not a snapshot, a snapshot of another version, a truncated copy and a
// damaged one are each told apart and refused with one sentence instead of half-loaded.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export const SNAPSHOT_FORMAT = 'slips-notebooks snapshot';
/** Bumped when the payload changes shape; a reader refuses other versions rather than guessing. */
export const SNAPSHOT_VERSION = 1;
/** The header is short; a first line longer than this is not ours. */
const MAX_HEADER = 4096;

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

interface Header {
  format: string;
  version: number;
  bytes: number;
  sha256: string;
}

/** JSON has no NaN or Infinity: they travel as `{"$num": "NaN"}` so records come back as they were. */
function replacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v;
}

function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
  }
  return v;
}

export function encodeSnapshot(payload: unknown): Buffer {
  const body = gzipSync(Buffer.from(JSON.stringify(payload, replacer), 'utf8'));
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), body]);
}

/** True when `head` (the first bytes of a file) starts like a snapshot: enough to choose how to open it. */
export function looksLikeSnapshot(head: Buffer): boolean {
  return head.subarray(0, 40).toString('latin1').startsWith(`{"format":"${SNAPSHOT_FORMAT}"`);
}

function readHeader(data: Buffer, name: string): { header: Header; body: Buffer } {
  const nl = data.subarray(0, MAX_HEADER).indexOf(0x0a);
  let header: Partial<Header> | undefined;
  if (nl > 0)
    try {
      header = JSON.parse(data.subarray(0, nl).toString('utf8')) as Partial<Header>;
    } catch {
      header = undefined;
    }
  if (!header || header.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`${name} is not a saved analysis (no '${SNAPSHOT_FORMAT}' header line)`);
  if (header.version !== SNAPSHOT_VERSION)
    throw new SnapshotError(
      `${name} is a saved analysis of format version ${String(header.version)}; this engine reads version ${SNAPSHOT_VERSION}`,
    );
  if (typeof header.bytes !== 'number' || typeof header.sha256 !== 'string')
    throw new SnapshotError(`${name} has a damaged header (no payload length or checksum)`);
  return { header: header as Header, body: data.subarray(nl + 1) };
}

export function decodeSnapshot(data: Buffer, name: string): unknown {
  const { header, body } = readHeader(data, name);
  if (body.length < header.bytes)
    throw new SnapshotError(
      `${name} is truncated: it holds ${body.length} of the ${header.bytes} bytes its header announces`,
    );
  if (body.length > header.bytes)
    throw new SnapshotError(
      `${name} is damaged: ${body.length - header.bytes} bytes follow the ${header.bytes} its header announces`,
    );
  if (createHash('sha256').update(body).digest('hex') !== header.sha256)
    throw new SnapshotError(`${name} is damaged: its content does not match the checksum in its header`);
  try {
    return JSON.parse(gunzipSync(body).toString('utf8'), reviver);
  } catch (err) {
    throw new SnapshotError(`${name} is damaged: its payload cannot be read (${(err as Error).message})`);
  }
}
