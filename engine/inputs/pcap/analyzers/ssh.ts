// SSH → ssh.log-shaped records: the two version banners, the algorithms both sides offered in their
// KEXINIT (the negotiated one is the client's first choice the server also offers), the server host key
// fingerprint, and whether authentication succeeded, inferred as Zeek does from the sizes of the
// server's encrypted segments once both sides switched keys: the first is the service accept; one 16
// bytes shorter is an authentication success (before any failure: the "none" method); the first other
// size is a failure (unless it looks like a pre-auth banner, > 256 bytes longer, skipped once), the same
// size again another failure, and 16 bytes shorter than the service accept a success. Each such decision
// is an attempt. Zeek does not analyse connections whose start it did not see, and neither does this.
import { createHash } from 'node:crypto';
import type { SshRecord } from '../../../flow';
import { type Connection } from '../connection';
import { TcpState } from '../tcpEndpoint';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';

/** A banner line longer than this is not SSH (the protocol allows 255 bytes). */
const MAX_BANNER_BYTES = 1024;
/** Lines a server may send before its banner (RFC 4253 allows some). */
const MAX_PRE_BANNER_BYTES = 8192;
/** An unencrypted SSH packet larger than this is not parsed (kex packets are small). */
const MAX_CLEAR_PACKET = 256 * 1024;
/** Zeek's SSH::compression_algorithms. */
const COMPRESSED = new Set(['zlib', 'zlib@openssh.com']);
const MSG_KEXINIT = 20;
const MSG_NEWKEYS = 21;
const MSG_KEXDH_REPLY = 31;
const MSG_KEX_DH_GEX_REPLY = 33;

class Side {
  banner = '';
  /** Bytes before the banner line ended, or of an unencrypted packet not complete yet. */
  buf: Buffer | undefined;
  bannerDone = false;
  encrypted = false;
  kexinit: string[][] | undefined;
  skipped = 0;
}

export class SshAnalyzer implements AppAnalyzer {
  readonly service = 'ssh';
  confirmed = false;
  failed = false;
  private readonly o = new Side();
  private readonly r = new Side();
  private version = 0;
  private hostKey = '';
  private hadGap = false;
  private sawClientEncrypted = false;
  private decided = false;
  private skippedBanner = false;
  private serviceAcceptSize = 0;
  private failureSize = 0;
  private attempts = 0;
  private success: boolean | undefined;

  constructor(private readonly ctx: AppContext) {}

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    if (this.hadGap) return;
    if (c.orig!.state === TcpState.Partial || c.resp!.state === TcpState.Partial) {
      this.failed = true;
      return;
    }
    const s = isOrig ? this.o : this.r;
    if (s.encrypted) return this.encrypted(isOrig, len);
    let chunk =
      s.buf === undefined ? b.subarray(off, off + len) : Buffer.concat([s.buf, b.subarray(off, off + len)]);
    s.buf = undefined;
    if (!s.bannerDone) {
      const rest = this.banner(s, chunk);
      if (s.bannerDone) this.ctx.software?.(c, isOrig ? 'SSH::CLIENT' : 'SSH::SERVER', s.banner, ts);
      if (rest === undefined) return;
      chunk = rest;
    }
    this.packets(s, isOrig, chunk);
  }

  gap(): void {
    this.hadGap = true;
  }

  end(c: Connection): void {
    if (this.o.banner === '' && this.r.banner === '') return;
    const o = this.o.kexinit;
    const r = this.r.kexinit;
    const pick = (i: number) => (o && r ? negotiated(o[i]!, r[i]!) : '');
    const pair = (a: number, b: number) => {
      const x = pick(a);
      const y = pick(b);
      return x === y ? x : `${x}/${y}`.replace(/^\/|\/$/g, '');
    };
    const rec: SshRecord = {
      kind: 'ssh',
      ...appHeader(c, this.ctx.file, 'tcp'),
      version: this.version,
      authSuccess: this.success,
      authAttempts: this.attempts,
      client: this.o.banner,
      server: this.r.banner,
      cipherAlg: pair(2, 3),
      macAlg: pair(4, 5),
      compressionAlg: pair(6, 7),
      kexAlg: pick(0),
      hostKeyAlg: pick(1),
      hostKey: this.hostKey,
    };
    this.ctx.emit(rec);
  }

  /** The banner line; returns the bytes after it, or undefined while it is incomplete. */
  private banner(s: Side, chunk: Buffer): Buffer | undefined {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) {
        const pending = chunk.length - start;
        if (pending > MAX_BANNER_BYTES || chunk.length > MAX_PRE_BANNER_BYTES) {
          this.ctx.weird('ssh_banner_too_long');
          this.failed = true;
        } else s.buf = Buffer.from(chunk.subarray(start));
        return undefined;
      }
      let end = nl;
      if (end > start && chunk[end - 1] === 0x0d) end--;
      const line = chunk.toString('latin1', start, end);
      start = nl + 1;
      if (line.startsWith('SSH-')) {
        s.banner = line;
        s.bannerDone = true;
        this.confirmed = true;
        this.setVersion();
        return chunk.subarray(start);
      }
      if (s === this.o || start > MAX_PRE_BANNER_BYTES) {
        this.ctx.weird('malformed_ssh_identification');
        this.failed = true;
        return undefined;
      }
    }
  }

  private setVersion(): void {
    const proto = (b: string) => /^SSH-(\d+\.\d+)/.exec(b)?.[1] ?? '';
    const c = proto(this.o.banner);
    const s = proto(this.r.banner);
    if (c === '2.0' || (c === '1.99' && (s === '2.0' || s === '1.99'))) this.version = 2;
    else if (c.startsWith('1.')) this.version = 1;
    else if (c === '' && s !== '') this.version = s === '2.0' || s === '1.99' ? 2 : 1;
  }

  /** Unencrypted binary packets (SSH 2 only) up to NEWKEYS; what follows it in the segment is encrypted. */
  private packets(s: Side, isOrig: boolean, chunk: Buffer): void {
    if (this.version !== 2) return;
    let o = 0;
    while (chunk.length - o >= 6) {
      const plen = chunk.readUInt32BE(o);
      if (plen > MAX_CLEAR_PACKET || plen < 2) {
        this.ctx.weird('ssh_bad_packet_length');
        this.hadGap = true;
        return;
      }
      if (chunk.length - o < 4 + plen) break;
      const type = chunk[o + 5]!;
      const body = chunk.subarray(o + 6, o + 4 + plen - chunk[o + 4]!);
      if (type === MSG_KEXINIT) s.kexinit = nameLists(body);
      else if (type === MSG_KEXDH_REPLY || type === MSG_KEX_DH_GEX_REPLY) {
        if (!isOrig && this.hostKey === '' && !(type === MSG_KEXDH_REPLY && this.isGroupExchange()))
          this.hostKey = hostKeyFingerprint(body);
      }
      o += 4 + plen;
      if (type === MSG_NEWKEYS) {
        s.encrypted = true;
        if (chunk.length > o) this.encrypted(isOrig, chunk.length - o);
        return;
      }
    }
    if (o < chunk.length) s.buf = Buffer.from(chunk.subarray(o));
  }

  private isGroupExchange(): boolean {
    const kex = this.o.kexinit && this.r.kexinit ? negotiated(this.o.kexinit[0]!, this.r.kexinit[0]!) : '';
    return kex.includes('group-exchange');
  }

  private encrypted(isOrig: boolean, len: number): void {
    if (this.decided || this.version !== 2) return;
    if (isOrig) {
      this.sawClientEncrypted = true;
      return;
    }
    if (!this.sawClientEncrypted) return;
    if (this.serviceAcceptSize === 0) {
      this.serviceAcceptSize = len;
      return;
    }
    if (this.failureSize === 0 && len + 16 === this.serviceAcceptSize) return this.attempt(true);
    if (this.failureSize === 0) {
      if (!this.skippedBanner && len - this.serviceAcceptSize > 256) {
        this.skippedBanner = true;
        return;
      }
      this.failureSize = len;
      return;
    }
    if (len === this.failureSize) return this.attempt(false);
    if (len - this.serviceAcceptSize === -16) this.attempt(true);
  }

  private attempt(success: boolean): void {
    // With compression the sizes say nothing; Zeek's script ignores the attempts then.
    const o = this.o.kexinit;
    const r = this.r.kexinit;
    if (o && r && COMPRESSED.has(negotiated(o[6]!, r[6]!))) return;
    this.attempts++;
    this.success = success;
    if (success) this.decided = true;
  }
}

/** The ten name-lists of a KEXINIT payload (after the 16-byte cookie). */
function nameLists(body: Buffer): string[][] | undefined {
  const lists: string[][] = [];
  let o = 16;
  for (let i = 0; i < 10; i++) {
    if (body.length - o < 4) return undefined;
    const n = body.readUInt32BE(o);
    if (body.length - o - 4 < n) return undefined;
    lists.push(n === 0 ? [] : body.toString('latin1', o + 4, o + 4 + n).split(','));
    o += 4 + n;
  }
  return lists;
}

function negotiated(client: string[], server: string[]): string {
  for (const a of client) if (server.includes(a)) return a;
  return '';
}

/** MD5 of the server's host key blob, colon-separated hex (as ssh-keygen's legacy fingerprint). */
function hostKeyFingerprint(body: Buffer): string {
  if (body.length < 4) return '';
  const n = body.readUInt32BE(0);
  if (n === 0 || body.length - 4 < n) return '';
  const hex = createHash('md5')
    .update(body.subarray(4, 4 + n))
    .digest('hex');
  return hex.replace(/(..)(?!$)/g, '$1:');
}
