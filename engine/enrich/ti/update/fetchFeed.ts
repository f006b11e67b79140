// One feed download: a conditional GET (If-None-Match / If-Modified-Since from the kept copy), the body
// streamed to a temporary file beside the target with its size counted and hashed on the way, so a feed
// is never held in memory here and an oversized one is cut off at the limit. Nothing here throws: every
// way a download can go wrong becomes an outcome with a one-line reason.
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { formatBytes } from './formatting';
import { tempPathFor } from './writeFileAtomic';

export interface FetchRequest {
  url: string;
  /** Where the feed will be kept; the temporary file goes beside it. */
  target: string;
  /** Validators of the kept copy; absent when there is none, so the request is unconditional. */
  etag?: string;
  lastModified?: string;
  maxBytes: number;
  timeoutMs: number;
  userAgent: string;
  /** Wall clock (epoch ms) to turn a Retry-After date or delay into a time. */
  now: number;
}

interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | ({ kind: 'downloaded'; tmp: string; bytes: number; sha256: string; contentType: string } & Validators)
  | ({ kind: 'not-modified' } & Validators)
  | { kind: 'refused'; reason: string }
  | { kind: 'rate-limited'; reason: string; retryAfter?: number }
  | { kind: 'failed'; reason: string };

class TooLarge extends Error {}

export async function fetchFeed(r: FetchRequest): Promise<FetchOutcome> {
  const headers: Record<string, string> = { 'user-agent': r.userAgent, accept: '*/*' };
  if (r.etag) headers['if-none-match'] = r.etag;
  if (r.lastModified) headers['if-modified-since'] = r.lastModified;
  const signal = AbortSignal.timeout(r.timeoutMs);
  let res: Response;
  try {
    res = await fetch(r.url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    return { kind: 'failed', reason: describeError(err, signal, r.timeoutMs) };
  }
  const validators: Validators = {
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
  if (res.status === 304) {
    await discard(res);
    // A 304 may leave out validators that did not change.
    return {
      kind: 'not-modified',
      etag: validators.etag ?? r.etag,
      lastModified: validators.lastModified ?? r.lastModified,
    };
  }
  if (res.status === 429 || (res.status === 503 && res.headers.has('retry-after'))) {
    await discard(res);
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), r.now);
    const when =
      retryAfter === undefined ? '' : `; not asked again before ${new Date(retryAfter).toISOString()}`;
    return { kind: 'rate-limited', reason: `HTTP ${res.status} ${res.statusText}${when}`, retryAfter };
  }
  if (!res.ok) {
    await discard(res);
    return { kind: 'failed', reason: `HTTP ${res.status} ${res.statusText}`.trim() };
  }
  // With a content encoding the announced length is the compressed one; the limit applies to what is kept.
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const announced = encoded ? undefined : contentLength(res.headers.get('content-length'));
  if (announced !== undefined && announced > r.maxBytes) {
    await discard(res);
    return {
      kind: 'refused',
      reason: `the server announces ${formatBytes(announced)}, more than the ${formatBytes(r.maxBytes)} limit`,
    };
  }
  return saveBody(res, r, announced, validators, signal);
}

async function saveBody(
  res: Response,
  r: FetchRequest,
  announced: number | undefined,
  validators: Validators,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const tmp = tempPathFor(r.target);
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > r.maxBytes) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    const body = res.body ? Readable.fromWeb(res.body as WebReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(body, count, createWriteStream(tmp));
  } catch (err) {
    rmSync(tmp, { force: true });
    if (err instanceof TooLarge)
      return {
        kind: 'refused',
        reason: `the body is larger than the ${formatBytes(r.maxBytes)} limit (stopped reading there)`,
      };
    return {
      kind: 'failed',
      reason: `the download broke off after ${formatBytes(bytes)}: ${describeError(err, signal, r.timeoutMs)}`,
    };
  }
  if (announced !== undefined && bytes !== announced) {
    rmSync(tmp, { force: true });
    return {
      kind: 'failed',
      reason: `truncated: received ${formatBytes(bytes)} of the ${formatBytes(announced)} the server announced`,
    };
  }
  return {
    kind: 'downloaded',
    tmp,
    bytes,
    sha256: hash.digest('hex'),
    contentType: res.headers.get('content-type') ?? '',
    ...validators,
  };
}

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // The connection is dropped either way; nothing of the body is wanted.
  }
}

function contentLength(v: string | null): number | undefined {
  if (v === null || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v);
}

/** Retry-After is either a delay in seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(v: string | null, now: number): number | undefined {
  if (!v) return undefined;
  const s = v.trim();
  if (/^\d+$/.test(s)) return now + Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function describeError(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no complete answer within ${timeoutMs / 1000} s`;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  // undici reports network failures as "fetch failed" with the system error as the cause.
  const cause = e.cause;
  if (cause?.code && cause.message) return `${cause.code}: ${cause.message}`;
  if (cause?.message) return `${e.message}: ${cause.message}`;
  return e.message || String(err);
}
