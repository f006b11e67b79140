// HTTP/1.x over a reassembled TCP stream → http.log-shaped records, one per request/response pair.
// Requests (request line, headers, body by Content-Length or chunked) queue up; each response (status
// line, headers, body by Content-Length, chunked, or until the connection closes; none after HEAD, 1xx,
// 204, 304) completes the oldest queued request, so pipelined requests are matched in order. The response
// MIME type is sniffed from the body's first bytes. Lines are bounded: a header line longer than
// MAX_LINE is a weird and ends the analysis of that direction; so does a content gap outside a body of
// known length. A transaction still open when the connection ends is logged with what was seen.
import type { HttpRecord } from '../../../flow';
import type { Connection } from '../connection';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';
import { TransferredFile } from './transferredFile';

/** Longest request, status or header line accepted (Zeek has no fixed limit; this bounds memory). */
export const MAX_LINE = 64 * 1024;
/** Requests waiting for their responses per connection. */
const MAX_QUEUED = 100;
/** Header values kept (User-Agent, Host, Referer) are cut to this many characters. */
const MAX_VALUE = 8192;

const METHODS = new Set([
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'SUBSCRIBE',
  'NOTIFY',
  'POLL',
  'BMOVE',
  'BDELETE',
  'BPROPFIND',
  'BPROPPATCH',
  'MKACTIVITY',
  'CHECKOUT',
  'MERGE',
  'M-SEARCH',
  'RPC_IN_DATA',
  'RPC_OUT_DATA',
]);

/** An HTTP record from packets: http.log's columns that HttpRecord has no field for ride along. */
export interface PacketHttpRecord extends HttpRecord {
  transDepth: number;
  referrer: string;
  infoCode: number;
  origFuids: string[];
  origMimeTypes: string[];
}

/** True when a stream's first bytes look like HTTP (a known method and a space, or a status line). */
export function looksLikeHttp(isOrig: boolean, b: Buffer, off: number, len: number): boolean {
  const head = b.toString('latin1', off, off + Math.min(len, 16));
  if (!isOrig) return /^HTTP\/\d/.test(head);
  const sp = head.indexOf(' ');
  return sp > 0 && METHODS.has(head.slice(0, sp));
}

const enum Phase {
  Line,
  Headers,
  /** Body of known remaining length. */
  Body,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailer,
  /** Body until the connection closes. */
  Close,
  Dead,
}

interface Transaction {
  ts: number;
  depth: number;
  method: string;
  uri: string;
  version: string;
  host: string;
  referrer: string;
  userAgent: string;
  requestBodyLen: number;
  statusCode: number;
  statusMsg: string;
  infoCode: number;
  responseBodyLen: number;
  responded: boolean;
  /** The bodies being hashed (files.log), and the files they became. */
  origFile: TransferredFile | undefined;
  respFile: TransferredFile | undefined;
  origFuids: string[];
  origMimeTypes: string[];
  respFuids: string[];
  respMimeTypes: string[];
}

class Side {
  phase = Phase.Line;
  line: Buffer[] = [];
  lineLen = 0;
  remaining = 0;
  chunked = false;
  contentLength = -1;
  /** The transaction this side's message belongs to. */
  tx: Transaction | undefined;
}

export class HttpAnalyzer implements AppAnalyzer {
  readonly service = 'http';
  confirmed = false;
  failed = false;
  private readonly o = new Side();
  private readonly r = new Side();
  /** Requests in order; responses complete them from the front. */
  private readonly queue: Transaction[] = [];
  private depth = 0;
  private c: Connection | undefined;
  private ts = 0;

  constructor(private readonly ctx: AppContext) {}

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    this.c = c;
    this.ts = ts;
    const s = isOrig ? this.o : this.r;
    let o = off;
    const end = off + len;
    while (o < end && s.phase !== Phase.Dead) {
      switch (s.phase) {
        case Phase.Body:
        case Phase.ChunkData: {
          const n = Math.min(s.remaining, end - o);
          this.body(s, isOrig, b, o, n);
          s.remaining -= n;
          o += n;
          if (s.remaining === 0) {
            if (s.phase === Phase.ChunkData) s.phase = Phase.ChunkEnd;
            else this.messageDone(s, isOrig);
          }
          break;
        }
        case Phase.Close:
          this.body(s, isOrig, b, o, end - o);
          o = end;
          break;
        default: {
          const nl = b.indexOf(0x0a, o);
          const stop = nl < 0 || nl >= end ? end : nl;
          if (s.lineLen + (stop - o) > MAX_LINE) {
            this.ctx.weird(isOrig ? 'http_request_line_too_long' : 'http_reply_line_too_long');
            this.kill(s);
            return;
          }
          if (stop > o) s.line.push(Buffer.from(b.subarray(o, stop)));
          s.lineLen += stop - o;
          if (stop === end) return;
          o = stop + 1;
          const line = s.line.length === 1 ? s.line[0]! : Buffer.concat(s.line);
          s.line = [];
          s.lineLen = 0;
          let text = line.toString('latin1');
          if (text.endsWith('\r')) text = text.slice(0, -1);
          this.line(s, isOrig, text);
        }
      }
    }
  }

  gap(c: Connection, isOrig: boolean, len: number): void {
    this.c = c;
    const s = isOrig ? this.o : this.r;
    if ((s.phase === Phase.Body || s.phase === Phase.ChunkData) && len <= s.remaining) {
      if (s.tx) {
        if (isOrig) s.tx.requestBodyLen += len;
        else s.tx.responseBodyLen += len;
        (isOrig ? s.tx.origFile : s.tx.respFile)?.gap(len);
      }
      s.remaining -= len;
      if (s.remaining === 0) {
        if (s.phase === Phase.ChunkData) s.phase = Phase.ChunkEnd;
        else this.messageDone(s, isOrig);
      }
      return;
    }
    if (s.phase === Phase.Close) return;
    this.ctx.weird('http_content_gap');
    this.kill(s);
  }

  end(c: Connection, ts: number): void {
    this.c = c;
    this.ts = ts;
    if (this.r.phase === Phase.Close && this.r.tx) this.messageDone(this.r, false);
    const open = this.r.tx && !this.queue.includes(this.r.tx) ? [this.r.tx] : [];
    for (const tx of [...open, ...this.queue]) this.log(tx);
    this.queue.length = 0;
    this.r.tx = undefined;
  }

  private kill(s: Side): void {
    s.phase = Phase.Dead;
    s.line = [];
    s.lineLen = 0;
    if (this.o.phase === Phase.Dead && this.r.phase === Phase.Dead) this.failed = true;
  }

  private line(s: Side, isOrig: boolean, text: string): void {
    switch (s.phase) {
      case Phase.Line:
        if (text === '') return; // stray CRLF between messages
        if (isOrig) this.requestLine(s, text);
        else this.statusLine(s, text);
        return;
      case Phase.Headers:
        if (text === '') return this.headersDone(s, isOrig);
        this.header(s, isOrig, text);
        return;
      case Phase.ChunkSize: {
        const size = parseInt(text.split(';')[0]!.trim(), 16);
        if (!(size >= 0)) {
          this.ctx.weird('http_chunked_transfer_for_multipart_message');
          this.kill(s);
          return;
        }
        if (size === 0) s.phase = Phase.Trailer;
        else {
          s.remaining = size;
          s.phase = Phase.ChunkData;
        }
        return;
      }
      case Phase.ChunkEnd:
        s.phase = Phase.ChunkSize;
        return;
      case Phase.Trailer:
        if (text === '') this.messageDone(s, isOrig);
        return;
      default:
        return;
    }
  }

  private requestLine(s: Side, text: string): void {
    const m = /^(\S+)\s+(\S*)(?:\s+HTTP\/(\d+\.\d+))?\s*$/.exec(text);
    if (m === null || !METHODS.has(m[1]!)) {
      this.ctx.weird('bad_HTTP_request');
      if (!this.confirmed) this.failed = true;
      this.kill(s);
      return;
    }
    this.confirmed = true;
    const tx = transaction(this.ts, ++this.depth, m[1]!, m[2]!.slice(0, MAX_VALUE), m[3] ?? '0.9');
    if (this.queue.length >= MAX_QUEUED) this.log(this.queue.shift()!);
    this.queue.push(tx);
    s.tx = tx;
    this.startHeaders(s);
  }

  private statusLine(s: Side, text: string): void {
    const m = /^HTTP\/(\d+\.\d+)\s+(\d{3})(?:\s+(.*))?$/.exec(text);
    if (m === null) {
      this.ctx.weird('bad_HTTP_reply');
      if (!this.confirmed) this.failed = true;
      this.kill(s);
      return;
    }
    this.confirmed = true;
    const code = Number(m[2]);
    let tx = this.queue[0];
    if (tx === undefined) {
      // A reply with no request seen.
      tx = transaction(this.ts, ++this.depth, '', '', m[1]!);
      this.queue.push(tx);
    }
    if (code >= 100 && code < 200 && code !== 101) {
      tx.infoCode = code;
    } else {
      tx.statusCode = code;
      tx.statusMsg = (m[3] ?? '').slice(0, MAX_VALUE);
      tx.responded = true;
    }
    // http.log's version is the reply's.
    tx.version = m[1]!;
    s.tx = tx;
    this.startHeaders(s);
  }

  private startHeaders(s: Side): void {
    s.phase = Phase.Headers;
    s.chunked = false;
    s.contentLength = -1;
  }

  private header(s: Side, isOrig: boolean, text: string): void {
    const colon = text.indexOf(':');
    if (colon <= 0) return;
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    const tx = s.tx!;
    if (name === 'server' && !isOrig) this.ctx.software?.(this.c!, 'HTTP::SERVER', value, this.ts);
    if (name === 'content-length') {
      const n = Number(value);
      if (Number.isSafeInteger(n) && n >= 0) s.contentLength = n;
    } else if (name === 'transfer-encoding') s.chunked = /chunked/i.test(value);
    else if (isOrig) {
      if (name === 'host') tx.host = value.slice(0, MAX_VALUE);
      else if (name === 'user-agent') {
        tx.userAgent = value.slice(0, MAX_VALUE);
        this.ctx.software?.(this.c!, 'HTTP::BROWSER', tx.userAgent, this.ts);
      } else if (name === 'referer') tx.referrer = value.slice(0, MAX_VALUE);
    }
  }

  private headersDone(s: Side, isOrig: boolean): void {
    const tx = s.tx!;
    if (!isOrig && tx.infoCode !== 0 && !tx.responded) {
      // An interim (1xx) reply: the final one follows.
      s.phase = Phase.Line;
      return;
    }
    const noBody =
      !isOrig &&
      (tx.method === 'HEAD' || tx.statusCode === 204 || tx.statusCode === 304 || tx.statusCode < 200);
    if (noBody) return this.messageDone(s, isOrig);
    if (s.chunked) s.phase = Phase.ChunkSize;
    else if (s.contentLength > 0) {
      s.remaining = s.contentLength;
      s.phase = Phase.Body;
    } else if (s.contentLength === 0 || isOrig) this.messageDone(s, isOrig);
    else s.phase = Phase.Close;
  }

  private body(s: Side, isOrig: boolean, b: Buffer, o: number, n: number): void {
    const tx = s.tx;
    if (tx === undefined || n <= 0) return;
    if (isOrig) tx.requestBodyLen += n;
    else tx.responseBodyLen += n;
    let f = isOrig ? tx.origFile : tx.respFile;
    if (f === undefined) {
      const total = s.phase === Phase.Body ? s.contentLength : -1;
      f = new TransferredFile(this.c!, isOrig, tx.depth, total, this.ts);
      if (isOrig) tx.origFile = f;
      else tx.respFile = f;
    }
    f.data(b, o, n, this.ts);
  }

  /** A body ended: its file goes to files.log and its fuid and type to the transaction. */
  private closeFile(tx: Transaction, isOrig: boolean): void {
    const f = isOrig ? tx.origFile : tx.respFile;
    if (f === undefined) return;
    if (isOrig) tx.origFile = undefined;
    else tx.respFile = undefined;
    const mime = f.mime;
    (isOrig ? tx.origFuids : tx.respFuids).push(f.fuid);
    if (mime !== '') (isOrig ? tx.origMimeTypes : tx.respMimeTypes).push(mime);
    this.ctx.emit(f.record(this.ctx.file));
  }

  private messageDone(s: Side, isOrig: boolean): void {
    s.phase = Phase.Line;
    const tx = s.tx;
    s.tx = undefined;
    if (tx !== undefined) this.closeFile(tx, isOrig);
    if (isOrig || tx === undefined) return;
    const i = this.queue.indexOf(tx);
    if (i >= 0) this.queue.splice(i, 1);
    this.log(tx);
  }

  private log(tx: Transaction): void {
    this.closeFile(tx, true);
    this.closeFile(tx, false);
    const rec: PacketHttpRecord = {
      kind: 'http',
      ...appHeader(this.c!, this.ctx.file, 'tcp'),
      ts: tx.ts,
      method: tx.method,
      host: tx.host,
      uri: tx.uri,
      version: tx.version,
      userAgent: tx.userAgent,
      requestBodyLen: tx.requestBodyLen,
      responseBodyLen: tx.responseBodyLen,
      statusCode: tx.statusCode,
      statusMsg: tx.statusMsg,
      respMimeTypes: tx.respMimeTypes,
      respFuids: tx.respFuids,
      transDepth: tx.depth,
      referrer: tx.referrer,
      infoCode: tx.infoCode,
      origFuids: tx.origFuids,
      origMimeTypes: tx.origMimeTypes,
    };
    this.ctx.emit(rec);
  }
}

/** A transaction as its request line (or, for a reply without a request, its status line) opens it. */
function transaction(ts: number, depth: number, method: string, uri: string, version: string): Transaction {
  return {
    ts,
    depth,
    method,
    uri,
    version,
    host: '',
    referrer: '',
    userAgent: '',
    requestBodyLen: 0,
    statusCode: 0,
    statusMsg: '',
    infoCode: 0,
    responseBodyLen: 0,
    responded: false,
    origFile: undefined,
    respFile: undefined,
    origFuids: [],
    origMimeTypes: [],
    respFuids: [],
    respMimeTypes: [],
  };
}
