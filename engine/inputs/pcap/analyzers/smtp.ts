// SMTP → smtp.log-shaped records, following Zeek's SMTP script: one record per message transaction
// (trans_depth counts them), with the HELO/EHLO argument, the envelope (MAIL FROM, RCPT TO), the
// headers of the message (Date, From, To, Cc, Reply-To, Message-ID, In-Reply-To, Subject,
// X-Originating-IP, User-Agent or X-Mailer, the first two Received), the last server reply, the files of
// the message (its MIME entities, mimeEntities.ts), and whether the session switched to TLS (STARTTLS
// answered 220: the TLS analyzer takes the connection over). A record is logged
// when its message was accepted (the reply to the final `.`), and what the session still holds when the
// connection ends (a session that only logged in, and failed, is still a record: the brute-force
// detector reads its last reply). Lines are bounded (MAX_LINE); a peer that never sends a line end
// costs at most that much memory.
import type { SmtpRecord } from '../../../flow';
import type { Connection } from '../connection';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';
import { LineSplitter } from './lineSplitter';
import { MimeEntities } from './mimeEntities';

/** Longest command, reply or header line interpreted (RFC 5321 allows 1000 bytes). */
export const MAX_LINE = 8192;
/** Header values kept. */
const MAX_VALUE = 1024;
/** Recipients kept per message. */
const MAX_RCPT = 1000;

/** An smtp record from packets: smtp.log's columns that SmtpRecord has no field for ride along. */
export interface PacketSmtpRecord extends SmtpRecord {
  transDepth: number;
  helo: string;
  date: string;
  from: string;
  to: string[];
  cc: string[];
  replyTo: string;
  msgId: string;
  inReplyTo: string;
  subject: string;
  xOriginatingIp: string;
  firstReceived: string;
  secondReceived: string;
  path: string[];
  userAgent: string;
  tls: boolean;
  /** The files (MIME entities) of the message, in files.log. */
  fuids: string[];
}

/** True for a client's first SMTP command. */
export function looksLikeSmtpCommand(head: string): boolean {
  return /^(EHLO|HELO) /i.test(head);
}

const enum Mode {
  Commands,
  Headers,
  Body,
  /** After STARTTLS: encrypted, not read. */
  Tls,
}

export class SmtpAnalyzer implements AppAnalyzer {
  readonly service = 'smtp';
  confirmed = false;
  failed = false;
  upgradeToTls = false;
  private readonly o: LineSplitter;
  private readonly r: LineSplitter;
  private mode = Mode.Commands;
  private rec: PacketSmtpRecord | undefined;
  private depth = 0;
  private helo = '';
  private tls = false;
  /** Commands sent, oldest first, waiting for their replies (pipelining). */
  private readonly sent: string[] = [];
  private lastHeader = '';
  /** The message's MIME entities while its DATA is read. */
  private mime: MimeEntities | undefined;
  private received = 0;
  private c: Connection | undefined;
  private ts = 0;

  constructor(private readonly ctx: AppContext) {
    this.o = new LineSplitter({ line: (t, long) => this.clientLine(t, long) }, MAX_LINE);
    this.r = new LineSplitter({ line: (t, long) => this.serverLine(t, long) }, MAX_LINE);
  }

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    this.c = c;
    this.ts = ts;
    if (this.mode === Mode.Tls) return;
    (isOrig ? this.o : this.r).push(b, off, len);
  }

  gap(c: Connection, isOrig: boolean): void {
    this.c = c;
    this.ctx.weird('smtp_content_gap');
    if (isOrig) this.o.flush();
    else this.r.flush();
  }

  end(c: Connection, ts: number): void {
    this.c = c;
    this.ts = ts;
    if (this.mode !== Mode.Tls) {
      this.o.flush();
      this.r.flush();
    }
    // After a delivered message, a session that only says QUIT adds no record (as Zeek's).
    const r = this.rec;
    if (r !== undefined && (r.transDepth === 1 || r.mailfrom !== '' || r.rcptto.length > 0)) this.log();
  }

  private record(): PacketSmtpRecord {
    if (this.rec === undefined) {
      const c = this.c!;
      this.rec = {
        kind: 'smtp',
        ...appHeader(c, this.ctx.file, 'tcp'),
        ts: this.ts,
        transDepth: ++this.depth,
        helo: this.helo,
        lastReply: '',
        mailfrom: '',
        rcptto: [],
        date: '',
        from: '',
        to: [],
        cc: [],
        replyTo: '',
        msgId: '',
        inReplyTo: '',
        subject: '',
        xOriginatingIp: '',
        firstReceived: '',
        secondReceived: '',
        path: [c.respText(), c.origText()],
        userAgent: '',
        tls: this.tls,
        fuids: [],
      };
    }
    return this.rec;
  }

  private log(): void {
    const r = this.rec!;
    this.rec = undefined;
    r.tls = this.tls;
    this.ctx.emit(r);
  }

  private clientLine(text: string, overlong: boolean): void {
    if (this.mode === Mode.Headers || this.mode === Mode.Body) return this.dataLine(text, overlong);
    if (overlong) {
      this.ctx.weird('smtp_line_too_long');
      return;
    }
    const m = /^\s*([A-Za-z]+)(?:[ :]\s*(.*))?$/.exec(text);
    if (m === null) return;
    const verb = m[1]!.toUpperCase();
    const arg = (m[2] ?? '').trim();
    if (this.sent.length < 100) this.sent.push(verb);
    const r = this.record();
    switch (verb) {
      case 'HELO':
      case 'EHLO':
        this.helo = arg.slice(0, MAX_VALUE);
        r.helo = this.helo;
        break;
      case 'MAIL':
        r.mailfrom = address(arg.replace(/^FROM:\s*/i, ''));
        break;
      case 'RCPT': {
        const to = address(arg.replace(/^TO:\s*/i, ''));
        if (to !== '' && r.rcptto.length < MAX_RCPT && !r.rcptto.includes(to)) r.rcptto.push(to);
        break;
      }
      case 'DATA':
        break;
      default:
        break;
    }
  }

  private dataLine(text: string, overlong: boolean): void {
    if (text === '.') {
      this.mode = Mode.Commands;
      this.sent.push('.');
      this.mime?.end(this.ts);
      this.mime = undefined;
      return;
    }
    // A leading dot is SMTP's escape for a line starting with one (RFC 5321 4.5.2).
    this.mime?.line(text.startsWith('.') ? text.slice(1) : text, this.ts);
    if (this.mode === Mode.Body || overlong) return;
    if (text === '') {
      this.mode = Mode.Body;
      return;
    }
    const r = this.record();
    if (/^[ \t]/.test(text)) {
      // A folded header: its continuation joins the header it continues.
      this.header(r, this.lastHeader, text.trim(), true);
      return;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) return;
    this.lastHeader = text.slice(0, colon).trim().toLowerCase();
    this.header(r, this.lastHeader, text.slice(colon + 1).trim(), false);
  }

  private header(r: PacketSmtpRecord, name: string, value: string, more: boolean): void {
    const add = (old: string) => (more ? `${old} ${value}` : value).slice(0, MAX_VALUE);
    switch (name) {
      case 'date':
        r.date = add(r.date);
        break;
      case 'from':
        r.from = add(r.from);
        break;
      case 'to':
        r.to = list(more ? [...r.to, value] : [value]);
        break;
      case 'cc':
        r.cc = list(more ? [...r.cc, value] : [value]);
        break;
      case 'reply-to':
        r.replyTo = add(r.replyTo);
        break;
      case 'message-id':
        r.msgId = add(r.msgId);
        break;
      case 'in-reply-to':
        r.inReplyTo = add(r.inReplyTo);
        break;
      case 'subject':
        r.subject = add(r.subject);
        break;
      case 'x-originating-ip':
        r.xOriginatingIp = value.replace(/[[\]]/g, '');
        break;
      case 'user-agent':
      case 'x-mailer':
        r.userAgent = add(r.userAgent);
        break;
      case 'received':
        if (!more) this.received++;
        if (this.received === 1) r.firstReceived = add(r.firstReceived);
        else if (this.received === 2) r.secondReceived = add(r.secondReceived);
        break;
      default:
        break;
    }
  }

  private serverLine(text: string, overlong: boolean): void {
    if (overlong) {
      this.ctx.weird('smtp_line_too_long');
      return;
    }
    const m = /^(\d{3})([ -]?)(.*)$/.exec(text);
    if (m === null) {
      if (!this.confirmed) this.failed = true;
      this.ctx.weird('smtp_bad_reply');
      return;
    }
    this.confirmed = true;
    // Only the last line of a multi-line reply answers the command.
    if (m[2] === '-') return;
    const code = Number(m[1]);
    const reply = `${m[1]} ${m[3]}`.slice(0, MAX_VALUE);
    const verb = this.sent.shift();
    if (verb === undefined && this.rec === undefined) return; // the greeting
    const r = this.record();
    r.lastReply = reply;
    if (verb === 'DATA' && code === 354) {
      this.mode = Mode.Headers;
      this.received = 0;
      this.mime = new MimeEntities(this.c!, `/smtp${r.transDepth}`, (f) => {
        r.fuids.push(f.fuid);
        this.ctx.emit(f.record(this.ctx.file));
      });
    } else if (verb === '.') {
      this.log();
    } else if (verb === 'STARTTLS' && code === 220) {
      this.tls = true;
      r.tls = true;
      this.mode = Mode.Tls;
      // The rest is TLS: the TLS analyzer takes the connection over.
      this.upgradeToTls = true;
      this.failed = true;
    }
  }
}

/** The address inside `<…>` (or the text up to a space), as Zeek's mailfrom/rcptto. */
function address(arg: string): string {
  const m = /<([^>]*)>/.exec(arg);
  return (m ? m[1]! : arg.split(/\s/)[0]!).slice(0, MAX_VALUE);
}

/** A To/Cc header: its comma-separated addresses, trimmed. */
function list(values: string[]): string[] {
  return values
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, MAX_RCPT);
}
