// The MIME entities of one mail message (the DATA lines of an SMTP transaction, headers included) → the
// files Zeek's MIME analysis hands to file analysis: every leaf entity's decoded body (base64,
// quoted-printable, or the lines as sent), numbered by `depth` in document order (containers count too,
// as in Zeek's files.log). As Zeek counts them, a plain entity's line break before a boundary belongs to
// the boundary (a message without parts keeps its last one); quoted-printable keeps every hard break.
// Nesting is bounded (MAX_NESTING boundaries) and so are header lines (the SMTP line bound), so a hostile
// message costs bounded memory.
import type { Connection } from '../connection';
import { TransferredFile } from './transferredFile';

/** Multipart containers open at once. */
const MAX_NESTING = 16;
/** Header text kept per entity (folded lines joined). */
const MAX_HEADER = 8192;
const CRLF = Buffer.from('\r\n');

const enum State {
  Headers,
  /** A container's text before its first boundary or after its last: not a file. */
  Between,
  Body,
}

const enum Encoding {
  Plain,
  Base64,
  QuotedPrintable,
}

export class MimeEntities {
  private state = State.Headers;
  private readonly boundaries: string[] = [];
  private depth = 1;
  private headers: string[] = [];
  private file: TransferredFile | undefined;
  private encoding = Encoding.Plain;
  private pendingBreak = false;
  private base64Rest = '';

  constructor(
    private readonly c: Connection,
    private readonly scope: string,
    private readonly done: (f: TransferredFile) => void,
  ) {}

  line(text: string, ts: number): void {
    if (this.state !== State.Headers && text.startsWith('--') && this.boundaries.length > 0) {
      if (this.boundary(text, ts)) return;
    }
    switch (this.state) {
      case State.Headers:
        if (text === '') return this.headersDone(ts);
        if (/^[ \t]/.test(text) && this.headers.length > 0) {
          const last = this.headers.length - 1;
          this.headers[last] = (this.headers[last]! + ' ' + text.trim()).slice(0, MAX_HEADER);
        } else if (this.headers.length < 100) this.headers.push(text.slice(0, MAX_HEADER));
        return;
      case State.Body:
        return this.bodyLine(text, ts);
      default:
        return;
    }
  }

  /** End of the message: a body still open is a file, its last line break kept. */
  end(ts: number): void {
    if (this.state === State.Body) this.close(true, ts);
  }

  /** A boundary line of an open container; true when it was one. */
  private boundary(text: string, ts: number): boolean {
    for (let i = this.boundaries.length - 1; i >= 0; i--) {
      const b = this.boundaries[i]!;
      if (!text.startsWith(b)) continue;
      const rest = text.slice(b.length).trimEnd();
      if (rest !== '' && rest !== '--') continue;
      if (this.state === State.Body) this.close(false, ts);
      if (rest === '--') {
        this.boundaries.length = i;
        this.state = State.Between;
      } else {
        this.boundaries.length = i + 1;
        this.depth++;
        this.headers = [];
        this.state = State.Headers;
      }
      return true;
    }
    return false;
  }

  private headersDone(ts: number): void {
    let type = '';
    let encoding = '';
    let filename = '';
    for (const h of this.headers) {
      const colon = h.indexOf(':');
      if (colon <= 0) continue;
      const name = h.slice(0, colon).trim().toLowerCase();
      const value = h.slice(colon + 1).trim();
      if (name === 'content-type') type = value;
      else if (name === 'content-transfer-encoding') encoding = value.toLowerCase();
      else if (name === 'content-disposition') filename = param(value, 'filename') || filename;
    }
    if (filename === '') filename = param(type, 'name');
    this.headers = [];
    const boundary = /^multipart\//i.test(type) ? param(type, 'boundary') : '';
    // Past the nesting bound a container is read as one opaque entity (its text still hashed).
    if (boundary !== '' && this.boundaries.length < MAX_NESTING) {
      this.boundaries.push(`--${boundary}`);
      this.state = State.Between;
      return;
    }
    this.encoding = encoding.startsWith('base64')
      ? Encoding.Base64
      : encoding.startsWith('quoted-printable')
        ? Encoding.QuotedPrintable
        : Encoding.Plain;
    this.pendingBreak = false;
    this.base64Rest = '';
    this.file = new TransferredFile(this.c, true, this.depth, -1, ts, 'SMTP', filename, this.scope);
    this.state = State.Body;
  }

  private bodyLine(text: string, ts: number): void {
    if (this.encoding === Encoding.Base64) {
      const all = this.base64Rest + text.replace(/[^A-Za-z0-9+/=]/g, '');
      const whole = all.length - (all.length % 4);
      this.base64Rest = all.slice(whole);
      if (whole > 0) this.feed(Buffer.from(all.slice(0, whole), 'base64'), ts);
      return;
    }
    if (this.encoding === Encoding.QuotedPrintable) {
      // A hard line break is decoded with its line (so the entity's last one stays, as Zeek counts).
      const soft = text.endsWith('=');
      this.feed(quotedPrintable(soft ? text.slice(0, -1) : text), ts);
      if (!soft) this.feed(CRLF, ts);
      return;
    }
    if (this.pendingBreak) this.feed(CRLF, ts);
    this.feed(Buffer.from(text, 'latin1'), ts);
    this.pendingBreak = true;
  }

  private feed(b: Buffer, ts: number): void {
    if (b.length > 0) this.file!.data(b, 0, b.length, ts);
  }

  private close(keepBreak: boolean, ts: number): void {
    const f = this.file!;
    if (keepBreak && this.pendingBreak) f.data(CRLF, 0, 2, ts);
    if (this.base64Rest !== '') {
      const tail = Buffer.from(this.base64Rest, 'base64');
      if (tail.length > 0) f.data(tail, 0, tail.length, ts);
    }
    this.file = undefined;
    this.state = State.Between;
    this.done(f);
  }
}

/** A parameter of a MIME header value (`name=value` or `name="value"`). */
function param(value: string, name: string): string {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
  return m === null ? '' : (m[1] ?? m[2] ?? '');
}

function quotedPrintable(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3d && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = ch & 0xff;
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
