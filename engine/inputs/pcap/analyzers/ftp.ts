// The FTP control channel → ftp.log-shaped records, following Zeek's FTP script: client commands queue
// up, each final (non-1xx) server reply completes the oldest one; multi-line replies (`230-` … `230 `)
// count once, at their last line. The data-channel commands and file commands (Zeek's
// FTP::logged_commands) are logged when answered; what is still unanswered, and the session's last
// command when it was not logged, are logged when the connection ends. PASV/EPSV replies and PORT/EPRT
// commands give the data channel (its responder port is the `usedPort` Slips' unknown-port check
// excuses), and the data connection, when it comes, is named `ftp-data`. After AUTH TLS answered 234 the
// TLS analyzer takes the connection over. Lines are bounded (MAX_LINE); an overlong one is a weird and is
// not interpreted. Not built: Zeek's file analysis of the data connections (ftp.log's mime_type, file_size).
import type { FtpRecord } from '../../../flow';
import type { Connection } from '../connection';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';
import { LineSplitter } from './lineSplitter';

/** Longest command or reply line interpreted (RFC 959 lines are short; this bounds memory). */
export const MAX_LINE = 4096;
/** Commands waiting for replies per connection. */
const MAX_PENDING = 100;
/** Argument text kept. */
const MAX_ARG = 1024;
/** Zeek's FTP::logged_commands. */
const LOGGED = new Set(['APPE', 'DELE', 'RETR', 'STOR', 'STOU', 'ACCT', 'PORT', 'PASV', 'EPRT', 'EPSV']);
/** Commands whose argument Zeek logs as a URL (its FTP::file_cmds). */
const FILE_CMDS = new Set(['APPE', 'RETR', 'STOR', 'STOU']);
/** Zeek's FTP::guest_ids: their passwords are logged, others are `<hidden>`. */
const GUEST_IDS = new Set(['anonymous', 'ftp', 'ftpuser', 'guest']);

/** An ftp record from packets: ftp.log's columns that FtpRecord has no field for ride along. */
export interface PacketFtpRecord extends FtpRecord {
  password: string;
  arg: string;
  /** undefined when the command opened no data channel. */
  passive: boolean | undefined;
  dataOrig: string;
  dataResp: string;
}

interface Command {
  ts: number;
  cmd: string;
  arg: string;
  code: number;
  msg: string;
  logged: boolean;
  passive: boolean | undefined;
  dataOrig: string;
  dataResp: string;
  dataPort: number;
}

/** True when a stream's first bytes look like an FTP command (client) or a 220 greeting (server). */
export function looksLikeFtpCommand(head: string): boolean {
  return /^(USER|AUTH|FEAT|SYST|OPTS) /i.test(head) || /^(FEAT|SYST)\r?\n/i.test(head);
}

export class FtpAnalyzer implements AppAnalyzer {
  readonly service = 'ftp';
  confirmed = false;
  failed = false;
  upgradeToTls = false;
  private readonly o: LineSplitter;
  private readonly r: LineSplitter;
  private readonly pending: Command[] = [];
  private last: Command | undefined;
  private user = '<unknown>';
  private password = '';
  private cwd = '.';
  /** Code of a multi-line reply in progress (0 = none). */
  private contCode = 0;
  private c: Connection | undefined;
  private ts = 0;

  constructor(private readonly ctx: AppContext) {
    this.o = new LineSplitter({ line: (t, long) => this.command(t, long) }, MAX_LINE);
    this.r = new LineSplitter({ line: (t, long) => this.reply(t, long) }, MAX_LINE);
    // The greeting answers Zeek's pseudo-command `<init>`.
    this.pending.push(command(0, '<init>', ''));
  }

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    this.c = c;
    this.ts = ts;
    if (this.pending[0]?.cmd === '<init>' && this.pending[0].ts === 0) this.pending[0].ts = ts;
    (isOrig ? this.o : this.r).push(b, off, len);
  }

  gap(c: Connection, isOrig: boolean): void {
    this.c = c;
    this.ctx.weird('ftp_content_gap');
    // Lines after a hole cannot be trusted to start where a line starts.
    if (isOrig) this.o.flush();
    else this.r.flush();
  }

  end(c: Connection, ts: number): void {
    this.c = c;
    this.ts = ts;
    for (const cmd of this.pending) if (cmd.ts !== 0) this.log(cmd);
    this.pending.length = 0;
    if (this.last !== undefined && !this.last.logged) this.log(this.last);
  }

  private command(text: string, overlong: boolean): void {
    if (overlong) {
      this.ctx.weird('FTP_line_too_long');
      return;
    }
    const m = /^\s*([A-Za-z]{3,4})(?:\s+(.*))?$/.exec(text);
    if (m === null) {
      if (text.trim() !== '') this.ctx.weird('FTP_bad_command');
      return;
    }
    const cmd = m[1]!.toUpperCase();
    const arg = (m[2] ?? '').slice(0, MAX_ARG);
    if (cmd === 'USER') this.user = arg;
    else if (cmd === 'PASS') this.password = arg;
    const entry = command(this.ts, cmd, arg);
    if (cmd === 'PORT' || cmd === 'EPRT') {
      const port = cmd === 'PORT' ? portArg(arg) : eprtArg(arg);
      if (port !== undefined) {
        entry.passive = false;
        entry.dataOrig = this.c!.respText();
        entry.dataResp = port.host;
        entry.dataPort = port.port;
      }
    }
    if (this.pending.length >= MAX_PENDING) this.log(this.pending.shift()!);
    this.pending.push(entry);
  }

  private reply(text: string, overlong: boolean): void {
    if (overlong) {
      this.ctx.weird('FTP_line_too_long');
      return;
    }
    const m = /^(\d{3})([ -])?(.*)$/.exec(text);
    if (this.contCode !== 0) {
      // Inside a multi-line reply: only `<code> ` ends it.
      if (m !== null && Number(m[1]) === this.contCode && m[2] !== '-') {
        this.contCode = 0;
        this.finalReply(Number(m[1]), m[3]!.trimStart());
      }
      return;
    }
    if (m === null) {
      if (!this.confirmed) this.failed = true;
      this.ctx.weird('FTP_bad_reply');
      return;
    }
    this.confirmed = true;
    const code = Number(m[1]);
    if (m[2] === '-') {
      this.contCode = code;
      return;
    }
    this.finalReply(code, m[3]!.trimStart());
  }

  private finalReply(code: number, msg: string): void {
    // A preliminary reply (1xx) leaves the command waiting for its final one.
    const cmd = this.pending[0];
    if (cmd === undefined) return;
    cmd.code = code;
    cmd.msg = msg.slice(0, MAX_ARG);
    if (code < 200) return;
    this.pending.shift();
    if (cmd.ts === 0) cmd.ts = this.ts;
    this.last = cmd;
    const c = this.c!;
    if (code === 227 || code === 229) {
      const port = code === 227 ? pasvReply(msg) : epsvReply(msg, c.respText());
      if (port !== undefined) {
        cmd.passive = true;
        cmd.dataOrig = c.origText();
        cmd.dataResp = port.host;
        cmd.dataPort = port.port;
      }
    } else if (cmd.cmd === 'CWD' && code === 250) {
      this.cwd = cmd.arg.startsWith('/') ? cmd.arg : `${this.cwd}/${cmd.arg}`;
    } else if ((cmd.cmd === 'PORT' || cmd.cmd === 'EPRT') && code >= 300) {
      cmd.passive = undefined;
      cmd.dataPort = 0;
    }
    if (cmd.dataPort > 0) this.ctx.expectDataChannel?.(cmd.dataOrig, cmd.dataResp, cmd.dataPort, this.ts);
    if (LOGGED.has(cmd.cmd) || (cmd.cmd === 'AUTH' && code === 234)) this.log(cmd);
    if (cmd.cmd === 'AUTH' && code === 234) {
      // The rest is TLS: the TLS analyzer takes the connection over.
      this.upgradeToTls = true;
      this.failed = true;
    }
  }

  private log(cmd: Command): void {
    cmd.logged = true;
    const c = this.c!;
    let arg = cmd.arg;
    if (FILE_CMDS.has(cmd.cmd) && arg !== '') {
      const path = arg.startsWith('/') ? arg : `${this.cwd}/${arg}`;
      arg = `ftp://${c.respText()}${path.startsWith('/') ? '' : '/'}${path}`;
    }
    const rec: PacketFtpRecord = {
      kind: 'ftp',
      ...appHeader(c, this.ctx.file, 'tcp'),
      ts: cmd.ts,
      usedPort: cmd.dataPort,
      user: this.user,
      command: cmd.cmd,
      replyCode: cmd.code,
      replyMsg: cmd.msg,
      password: this.password === '' || GUEST_IDS.has(this.user.toLowerCase()) ? this.password : '<hidden>',
      arg,
      passive: cmd.passive,
      dataOrig: cmd.dataOrig,
      dataResp: cmd.dataResp,
    };
    this.ctx.emit(rec);
  }
}

function command(ts: number, cmd: string, arg: string): Command {
  return {
    ts,
    cmd,
    arg,
    code: 0,
    msg: '',
    logged: false,
    passive: undefined,
    dataOrig: '',
    dataResp: '',
    dataPort: 0,
  };
}

interface HostPort {
  host: string;
  port: number;
}

/** `h1,h2,h3,h4,p1,p2` (PORT's argument, and inside a 227 reply). */
function sixNumbers(text: string): HostPort | undefined {
  const m = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text);
  if (m === null) return undefined;
  const n = m.slice(1).map(Number);
  if (n.some((x) => x > 255)) return undefined;
  return { host: `${n[0]}.${n[1]}.${n[2]}.${n[3]}`, port: n[4]! * 256 + n[5]! };
}

const portArg = sixNumbers;
const pasvReply = sixNumbers;

/** EPRT's `|proto|addr|port|`. */
function eprtArg(arg: string): HostPort | undefined {
  const d = arg[0];
  if (d === undefined) return undefined;
  const parts = arg.split(d);
  const port = Number(parts[3]);
  if (parts.length < 5 || !(port > 0 && port < 65536)) return undefined;
  return { host: parts[2]!, port };
}

/** A 229 reply's `(|||port|)`; the host is the server's. */
function epsvReply(msg: string, server: string): HostPort | undefined {
  const m = /\((.)\1\1(\d+)\1\)/.exec(msg);
  if (m === null) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: server, port } : undefined;
}
