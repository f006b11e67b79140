// Chooses and drives the application analyzer of each connection, by content: the first in-order bytes
// of a TCP connection decide (an SSH banner, an HTTP request line or status line, a TLS handshake), so
// protocols on unusual ports are recognised as Zeek's dynamic protocol detection does; DNS is also
// taken by its ports (UDP and TCP), DHCP by its ports (and then its magic cookie). FTP and SMTP both
// greet with `220`: the greeting's words and the client's first command tell them apart (the port only
// when nothing else does). A connection nothing recognises gets
// `app = null` and costs one field check per packet from then on.
import type { WeirdRecord } from '../../../flow';
import { IPPROTO_TCP, IPPROTO_UDP, type Connection } from '../connection';
import type { PacketView } from '../packetView';
import { ACK, RST, SYN, type Segment } from '../tcpSession';
import { TcpState } from '../tcpEndpoint';
import type { AppAnalyzer, AppContext } from './analyzer';
import { appHeader } from './analyzer';
import { DhcpAnalyzer, DhcpConversations } from './dhcp';
import { DnsAnalyzer } from './dns';
import { FtpAnalyzer, looksLikeFtpCommand } from './ftp';
import { looksLikeSmtpCommand, SmtpAnalyzer } from './smtp';
import { SoftwareTracker, type SoftwareType } from './software';
import { HttpAnalyzer, looksLikeHttp } from './http';
import { SshAnalyzer } from './ssh';
import { StreamReassembler, type StreamSink } from './streamReassembler';
import { looksLikeTls, TlsAnalyzer } from './tls';

/** Ports Zeek's DNS analyzer is registered on (DNS, NetBIOS name service, mDNS, LLMNR). */
function isDnsPort(p: number): boolean {
  return p === 53 || p === 137 || p === 5353 || p === 5355;
}

function isDhcpPort(p: number): boolean {
  return p === 67 || p === 68;
}

/** Ports SMTP servers listen on (submission and SMTPS-less relays included). */
const SMTP_PORTS = new Set([25, 587, 2525]);

/** Announced data connections waited for at once, and how long each (traffic time). */
const MAX_EXPECTED = 10_000;
const EXPECT_SECONDS = 300;

/** Bytes of a stream needed before its protocol is decided. */
const PROBE_BYTES = 8;

/** Weird names remembered per connection, so each is reported once per connection (as Zeek's sampling). */
const MAX_WEIRDS_PER_CONN = 16;

class Direction implements StreamSink {
  readonly stream: StreamReassembler;
  constructor(
    private readonly session: AppSession,
    private readonly isOrig: boolean,
  ) {
    this.stream = new StreamReassembler(this);
  }
  deliver(b: Buffer, off: number, len: number): void {
    this.session.deliver(this.isOrig, b, off, len);
  }
  gap(len: number): void {
    this.session.gapped(this.isOrig, len);
  }
}

/** One connection's application state: the analyzer (once chosen) and, for TCP, the two streams. */
export class AppSession {
  analyzer: AppAnalyzer | undefined;
  readonly orig: Direction | undefined;
  readonly resp: Direction | undefined;
  ts = 0;
  weirdNames: string[] | undefined;
  /** The current analyzer's service is in the connection's (checked once, not per packet). */
  named = false;
  /** First bytes of each direction while too few to tell the protocol (copied, at most PROBE_BYTES). */
  private probe: [Buffer | undefined, Buffer | undefined] = [undefined, undefined];

  constructor(
    readonly conn: Connection,
    private readonly layer: AppLayer,
    analyzer: AppAnalyzer | undefined,
  ) {
    this.analyzer = analyzer;
    if (conn.ipProto === IPPROTO_TCP) {
      this.orig = new Direction(this, true);
      this.resp = new Direction(this, false);
    }
  }

  deliver(isOrig: boolean, b: Buffer, off: number, len: number): void {
    const c = this.conn;
    if (c.app !== this) return;
    let a = this.analyzer;
    if (a === undefined) {
      const side = isOrig ? 0 : 1;
      const held = this.probe[side];
      if (held !== undefined) {
        b = Buffer.concat([held, b.subarray(off, off + len)]);
        off = 0;
        len = b.length;
        this.probe[side] = undefined;
      }
      // A stream may start with a few bytes per segment: wait for enough to tell.
      if (len < PROBE_BYTES) {
        this.probe[side] = Buffer.from(b.subarray(off, off + len));
        return;
      }
      a = this.layer.detect(c, isOrig, b, off, len);
      if (a === undefined) {
        c.app = null;
        return;
      }
      this.analyzer = a;
      const other = this.probe[1 - side];
      this.probe = [undefined, undefined];
      if (other !== undefined) a.data(c, !isOrig, other, 0, other.length, this.ts);
    }
    a.data(c, isOrig, b, off, len, this.ts);
    this.settle();
  }

  gapped(isOrig: boolean, len: number): void {
    const c = this.conn;
    if (c.app !== this) return;
    if (this.analyzer === undefined) {
      // No protocol can be told from bytes after a hole.
      c.app = null;
      return;
    }
    this.analyzer.gap(c, isOrig, len);
    this.settle();
  }

  /** The conn's service: the first confirmed analyzer's, then any that took over appended. */
  nameService(a: AppAnalyzer): void {
    this.named = true;
    const c = this.conn;
    if (c.service === '') c.service = a.service;
    else if (!c.service.split(',').includes(a.service)) c.service += `,${a.service}`;
  }

  /**
   * A failed analyzer is dropped; the service it confirmed stays. One that hands over to TLS is followed
   * by the TLS analyzer on the rest of both streams, and the service lists both (Zeek's `ftp,ssl`).
   */
  private settle(): void {
    const a = this.analyzer!;
    const c = this.conn;
    if (a.confirmed && !this.named) this.nameService(a);
    if (a.failed && a.upgradeToTls) {
      a.end(c, this.ts);
      this.analyzer = new TlsAnalyzer(this.layer);
      this.named = false;
      return;
    }
    if (a.failed) {
      this.conn.app = null;
      a.end(this.conn, this.ts);
    }
  }
}

export class AppLayer implements AppContext {
  /** Weirds seen, by name (every occurrence). */
  readonly weirds = new Map<string, number>();
  private current: AppSession | undefined;
  private readonly dhcp: DhcpConversations;
  private readonly softwareSeen: SoftwareTracker;
  /** `orig>resp:port` of announced data connections → until when they are expected. */
  private readonly expected = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly emit: AppContext['emit'],
  ) {
    this.dhcp = new DhcpConversations(this);
    this.softwareSeen = new SoftwareTracker(file, emit);
  }

  software(c: Connection, type: SoftwareType, unparsed: string, ts: number): void {
    this.softwareSeen.found(c, type, unparsed, ts);
  }

  expectDataChannel(orig: string, resp: string, port: number, ts: number): void {
    if (this.expected.size >= MAX_EXPECTED) this.expected.delete(this.expected.keys().next().value!);
    this.expected.set(`${orig}>${resp}:${port}`, ts + EXPECT_SECONDS);
  }

  /** Traffic time moved to `t`: DHCP conversations past their watch time are logged. */
  advance(t: number): void {
    if (t >= this.dhcp.due) this.dhcp.expire(t);
  }

  /** Forgets announcements past their time (oldest first); true when some are still waited for. */
  private stillExpected(t: number): boolean {
    for (const [key, until] of this.expected) {
      if (until >= t) break;
      this.expected.delete(key);
    }
    return this.expected.size > 0;
  }

  /** End of input (after every connection ended): DHCP conversations still open are logged. */
  finish(): void {
    this.dhcp.finish();
  }

  weird(name: string): void {
    this.weirds.set(name, (this.weirds.get(name) ?? 0) + 1);
    const s = this.current;
    if (s === undefined) return;
    const names = (s.weirdNames ??= []);
    if (names.includes(name) || names.length >= MAX_WEIRDS_PER_CONN) return;
    names.push(name);
    const c = s.conn;
    const rec: WeirdRecord = {
      kind: 'weird',
      ...appHeader(c, this.file, protoOf(c)),
      ts: s.ts,
      name,
      addl: '',
    };
    this.emit(rec);
  }

  /** A new connection: UDP ones get their analyzer (or none) now, TCP ones at their first payload. */
  open(c: Connection): void {
    if (c.ipProto === IPPROTO_UDP) {
      if (isDhcpPort(c.rPort) || isDhcpPort(c.oPort))
        c.app = new AppSession(c, this, new DhcpAnalyzer(this, this.dhcp));
      else if (isDnsPort(c.rPort) || isDnsPort(c.oPort))
        c.app = new AppSession(c, this, new DnsAnalyzer(this, 'udp'));
      else c.app = null;
    } else if (c.ipProto !== IPPROTO_TCP) c.app = null;
    else if (this.expected.size > 0 && this.stillExpected(c.startTs)) {
      const key = `${c.origText()}>${c.respText()}:${c.rPort}`;
      const until = this.expected.get(key);
      if (until !== undefined) {
        this.expected.delete(key);
        if (c.startTs <= until) {
          // An FTP data connection: Zeek names it so and gives its bytes to file analysis, not to DPD.
          c.service = 'ftp-data';
          c.app = null;
        }
      }
    }
  }

  tcp(c: Connection, isOrig: boolean, v: PacketView, s: Segment): void {
    let a = c.app;
    if (a === undefined) {
      if (s.len === 0 || s.flags & RST) return;
      a = c.app = new AppSession(c, this, isDnsPort(c.rPort) ? new DnsAnalyzer(this, 'tcp') : undefined);
      // Each side's data starts after its initial sequence number (set by its SYN, or by its first packet).
      const o = a.orig!.stream;
      const r = a.resp!.stream;
      if (c.orig!.startSeq !== 0 || c.orig!.state !== TcpState.Inactive) o.syn(c.orig!.startSeq);
      if (c.resp!.startSeq !== 0 || c.resp!.state !== TcpState.Inactive) r.syn(c.resp!.startSeq);
    }
    if (a === null) return;
    this.current = a;
    a.ts = v.ts;
    const mine = isOrig ? a.orig! : a.resp!;
    const peer = isOrig ? a.resp! : a.orig!;
    if (s.flags & SYN) mine.stream.syn(s.seq);
    if (s.len > 0 && (s.flags & RST) === 0 && s.capLen > 0)
      mine.stream.segment(s.seq, v.buf, s.off, s.capLen < s.len ? s.capLen : s.len);
    if (s.flags & ACK && c.app === a) peer.stream.acked(s.ack);
    this.current = undefined;
  }

  udp(c: Connection, isOrig: boolean, v: PacketView): void {
    const a = c.app;
    if (a === null || a === undefined) return;
    const off = v.l4 + 8;
    let len = v.buf.readUInt16BE(v.l4 + 4) - 8;
    if (len > v.capEnd - off) len = v.capEnd - off;
    if (len <= 0) return;
    this.current = a;
    a.ts = v.ts;
    a.deliver(isOrig, v.buf, off, len);
    this.current = undefined;
  }

  /** The connection is being removed: pending streams and transactions are flushed into records. */
  end(c: Connection, ts: number): void {
    const a = c.app;
    if (a === null || a === undefined) return;
    this.current = a;
    a.ts = ts;
    a.orig?.stream.finish();
    a.resp?.stream.finish();
    if (c.app === a && a.analyzer !== undefined) {
      a.analyzer.end(c, ts);
      if (a.analyzer.confirmed && !a.named) a.nameService(a.analyzer);
    }
    c.app = null;
    this.current = undefined;
  }

  /** The analyzer for a TCP stream, from its first in-order bytes; undefined when none fits. */
  detect(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number): AppAnalyzer | undefined {
    if (len >= 4 && b[off] === 0x53 && b[off + 1] === 0x53 && b[off + 2] === 0x48 && b[off + 3] === 0x2d)
      return new SshAnalyzer(this);
    if (looksLikeTls(b, off, len)) return new TlsAnalyzer(this);
    if (looksLikeHttp(isOrig, b, off, len)) return new HttpAnalyzer(this);
    const head = b.toString('latin1', off, off + Math.min(len, 512));
    if (isOrig) {
      if (looksLikeSmtpCommand(head)) return new SmtpAnalyzer(this);
      if (looksLikeFtpCommand(head)) return new FtpAnalyzer(this);
    } else if (/^220[ -]/.test(head)) {
      if (/\b(E?SMTP|mail|postfix|exim|sendmail)\b/i.test(head)) return new SmtpAnalyzer(this);
      if (/ftp/i.test(head)) return new FtpAnalyzer(this);
      return SMTP_PORTS.has(c.rPort) ? new SmtpAnalyzer(this) : new FtpAnalyzer(this);
    }
    return undefined;
  }
}

function protoOf(c: Connection): string {
  return c.ipProto === IPPROTO_TCP ? 'tcp' : c.ipProto === IPPROTO_UDP ? 'udp' : '';
}
