// TLS (and SSLv3) over a reassembled TCP stream → ssl.log- and x509.log-shaped records. The record layer
// is followed in both directions; handshake messages are reassembled (bounded) until the side turns
// encrypted. From the ClientHello: SNI and JA3; from the ServerHello: version (supported_versions for
// TLS 1.3), cipher, resumption, JA3S and the TLS 1.3 key-share group; the ServerKeyExchange gives the
// ECDHE curve; Certificate messages (TLS ≤ 1.2) give the chains, whose certificates become x509 records
// and whose validation status is computed at traffic time. Established: both sides changed cipher spec
// (TLS ≤ 1.2), or both sent encrypted records after the hellos (TLS 1.3).
import { createHash } from 'node:crypto';
import type { SslRecord, X509Record } from '../../../flow';
import type { Connection } from '../connection';
import { appHeader, type AppAnalyzer, type AppContext } from './analyzer';
import { cipherName, groupName, isGrease, versionName } from './tlsNames';
import { certFacts, validationStatus, type CertFacts } from './x509Chain';

/** Longest TLS record body accepted (2^14 plus the expansion TLS allows). */
const MAX_RECORD = 16384 + 2048;
/** Longest handshake message reassembled (certificate chains are the big ones). */
const MAX_HANDSHAKE = 256 * 1024;
/** Certificates read per chain. */
const MAX_CHAIN = 16;

const CT_CCS = 20;
const CT_ALERT = 21;
const CT_HANDSHAKE = 22;
const CT_APPDATA = 23;
const CT_HEARTBEAT = 24;

/** An x509 record from packets, with the role of the certificate. */
export interface PacketX509Record extends X509Record {
  hostCert: boolean;
  clientCert: boolean;
}

/** True when a stream starts with a TLS handshake record carrying a ClientHello or ServerHello. */
export function looksLikeTls(b: Buffer, off: number, len: number): boolean {
  if (len < 6 || b[off] !== CT_HANDSHAKE || b[off + 1] !== 3 || b[off + 2]! > 4) return false;
  return b[off + 5] === 1 || b[off + 5] === 2;
}

class Side {
  /** Bytes of a record header not complete yet. */
  header: Buffer | undefined;
  /** Body bytes of the current record still to come. */
  left = 0;
  type = 0;
  /** Handshake bytes not yet forming whole messages. */
  hs: Buffer[] = [];
  hsLen = 0;
  ccs = false;
  encryptedRecords = false;
  dead = false;
}

export class TlsAnalyzer implements AppAnalyzer {
  readonly service = 'ssl';
  confirmed = false;
  failed = false;
  private readonly o = new Side();
  private readonly r = new Side();
  private version = '';
  private cipher = '';
  private curve = '';
  private sni = '';
  private resumed = false;
  private ja3 = '';
  private ja3s = '';
  private clientSession = '';
  private tls13 = false;
  private serverHello = false;
  private readonly serverChain: CertFacts[] = [];
  private readonly clientChain: CertFacts[] = [];
  private status = '';
  private c: Connection | undefined;
  private ts = 0;

  constructor(private readonly ctx: AppContext) {}

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    this.c = c;
    this.ts = ts;
    const s = isOrig ? this.o : this.r;
    let o = off;
    const end = off + len;
    while (o < end && !s.dead) {
      if (s.left > 0) {
        const n = Math.min(s.left, end - o);
        if (s.type === CT_HANDSHAKE && !s.ccs) this.handshakeBytes(s, isOrig, b, o, n);
        s.left -= n;
        o += n;
        continue;
      }
      // A record header (5 bytes), possibly split over deliveries.
      let h: Buffer;
      let hOff: number;
      const have = s.header?.length ?? 0;
      if (have + (end - o) < 5) {
        s.header = Buffer.concat([s.header ?? Buffer.alloc(0), b.subarray(o, end)]);
        return;
      }
      if (have > 0) {
        h = Buffer.concat([s.header!, b.subarray(o, o + 5 - have)]);
        hOff = 0;
        o += 5 - have;
        s.header = undefined;
      } else {
        h = b;
        hOff = o;
        o += 5;
      }
      const type = h[hOff]!;
      const major = h[hOff + 1]!;
      const length = h.readUInt16BE(hOff + 3);
      if (type < CT_CCS || type > CT_HEARTBEAT || major !== 3 || length > MAX_RECORD) {
        this.ctx.weird('ssl_bad_record');
        s.dead = true;
        if (!this.confirmed || (this.o.dead && this.r.dead)) this.failed = true;
        return;
      }
      s.type = type;
      s.left = length;
      if (type === CT_CCS) s.ccs = true;
      else if (type === CT_APPDATA) s.encryptedRecords = true;
      else if (type === CT_ALERT && length === 0) this.ctx.weird('ssl_empty_alert');
    }
  }

  gap(_c: Connection, isOrig: boolean): void {
    // Record boundaries are lost after a hole.
    (isOrig ? this.o : this.r).dead = true;
    if (this.o.dead && this.r.dead) this.failed = true;
  }

  end(c: Connection): void {
    this.c = c;
    if (!this.confirmed) return;
    const leaf = this.serverChain[0];
    const established = (this.o.ccs && this.r.ccs) || (this.o.encryptedRecords && this.r.encryptedRecords);
    const rec: SslRecord = {
      kind: 'ssl',
      ...appHeader(c, this.ctx.file, 'tcp'),
      version: this.version,
      cipher: this.cipher,
      curve: this.curve,
      serverName: this.sni,
      resumed: this.resumed,
      established: established && this.serverHello,
      certChainFps: this.serverChain.map((x) => x.fingerprint),
      clientCertChainFps: this.clientChain.map((x) => x.fingerprint),
      subject: leaf?.subject ?? '',
      issuer: leaf?.issuer ?? '',
      validationStatus: this.status,
      ja3: this.ja3,
      ja3s: this.ja3s,
      notBefore: leaf ? new Date(leaf.notValidBefore * 1000).toISOString() : '',
      notAfter: leaf ? new Date(leaf.notValidAfter * 1000).toISOString() : '',
    };
    this.ctx.emit(rec);
  }

  private handshakeBytes(s: Side, isOrig: boolean, b: Buffer, o: number, n: number): void {
    // TLS 1.3 encrypts the handshake after the ServerHello; those records are not type 22.
    s.hs.push(Buffer.from(b.subarray(o, o + n)));
    s.hsLen += n;
    let buf = s.hs.length === 1 ? s.hs[0]! : Buffer.concat(s.hs);
    let p = 0;
    while (buf.length - p >= 4) {
      const type = buf[p]!;
      const len = buf.readUIntBE(p + 1, 3);
      if (len > MAX_HANDSHAKE) {
        this.ctx.weird('ssl_handshake_too_long');
        s.dead = true;
        buf = Buffer.alloc(0);
        p = 0;
        break;
      }
      if (buf.length - p - 4 < len) break;
      this.message(isOrig, type, buf.subarray(p + 4, p + 4 + len));
      p += 4 + len;
    }
    const rest = buf.subarray(p);
    s.hs = rest.length > 0 ? [rest] : [];
    s.hsLen = rest.length;
  }

  private message(isOrig: boolean, type: number, m: Buffer): void {
    try {
      if (isOrig && type === 1) this.clientHello(m);
      else if (!isOrig && type === 2) this.serverHelloMsg(m);
      else if (type === 11 && !this.tls13) this.certificates(isOrig, m);
      else if (!isOrig && type === 12) this.serverKeyExchange(m);
    } catch {
      // A message shorter than its fields say (Buffer reads past its end).
      this.ctx.weird('ssl_malformed_handshake');
    }
  }

  private clientHello(m: Buffer): void {
    this.confirmed = true;
    const version = m.readUInt16BE(0);
    let p = 34;
    const sidLen = m[p]!;
    this.clientSession = m.toString('hex', p + 1, p + 1 + sidLen);
    p += 1 + sidLen;
    const csLen = m.readUInt16BE(p);
    const ciphers: number[] = [];
    for (let i = 0; i < csLen; i += 2) ciphers.push(m.readUInt16BE(p + 2 + i));
    p += 2 + csLen;
    p += 1 + m[p]!;
    let groups: number[] = [];
    let formats: number[] = [];
    const exts = extensions(m, p, (t, d) => {
      if (t === 0 && d.length >= 5 && d[2] === 0) this.sni = d.toString('latin1', 5, 5 + d.readUInt16BE(3));
      else if (t === 10 && d.length >= 2) {
        groups = [];
        for (let i = 2; i + 1 < 2 + d.readUInt16BE(0) && i + 1 < d.length; i += 2)
          groups.push(d.readUInt16BE(i));
      } else if (t === 11 && d.length >= 1) formats = [...d.subarray(1, 1 + d[0]!)];
    });
    const keep = (xs: number[]) => xs.filter((x) => !isGrease(x)).join('-');
    this.ja3 = md5(`${version},${keep(ciphers)},${keep(exts)},${keep(groups)},${formats.join('-')}`);
  }

  private serverHelloMsg(m: Buffer): void {
    this.confirmed = true;
    this.serverHello = true;
    let version = m.readUInt16BE(0);
    let p = 34;
    const sidLen = m[p]!;
    const sid = m.toString('hex', p + 1, p + 1 + sidLen);
    p += 1 + sidLen;
    const cipher = m.readUInt16BE(p);
    p += 3;
    const exts = extensions(m, p, (t, d) => {
      if (t === 43 && d.length >= 2) version = d.readUInt16BE(0);
      else if (t === 51 && d.length >= 2) this.curve = groupName(d.readUInt16BE(0));
      else if (t === 41) this.resumed = true;
    });
    this.ja3s = md5(`${m.readUInt16BE(0)},${cipher},${exts.join('-')}`);
    this.version = versionName(version);
    this.cipher = cipherName(cipher);
    this.tls13 = version === 0x0304 || version >> 8 === 0x7f;
    if (!this.tls13 && sidLen > 0 && sid === this.clientSession) this.resumed = true;
  }

  private serverKeyExchange(m: Buffer): void {
    // ECDHE parameters start with curve type 3 (named curve) and the curve's number.
    if (m.length >= 3 && m[0] === 3) this.curve = groupName(m.readUInt16BE(1));
  }

  private certificates(isOrig: boolean, m: Buffer): void {
    const chain = isOrig ? this.clientChain : this.serverChain;
    if (chain.length > 0) return;
    const total = m.readUIntBE(0, 3);
    let p = 3;
    const end = Math.min(m.length, 3 + total);
    while (p + 3 <= end && chain.length < MAX_CHAIN) {
      const l = m.readUIntBE(p, 3);
      if (p + 3 + l > end) break;
      const facts = certFacts(m.subarray(p + 3, p + 3 + l));
      p += 3 + l;
      if (facts === undefined) {
        this.ctx.weird('x509_certificate_unparsable');
        continue;
      }
      chain.push(facts);
    }
    chain.forEach((f, i) => this.x509(f, i === 0, isOrig));
    if (!isOrig) this.status = validationStatus(chain, this.ts);
  }

  private x509(f: CertFacts, hostCert: boolean, clientCert: boolean): void {
    const h = appHeader(this.c!, this.ctx.file, '');
    const rec: PacketX509Record = {
      kind: 'x509',
      ...h,
      saddr: '',
      sport: 0,
      daddr: '',
      dport: 0,
      ts: this.ts,
      certId: f.fingerprint,
      subject: f.subject,
      issuer: f.issuer,
      notValidBefore: f.notValidBefore,
      notValidAfter: f.notValidAfter,
      sanDns: f.sanDns,
      hostCert,
      clientCert,
    };
    this.ctx.emit(rec);
  }
}

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

/** Walks the extensions block of a hello message at `p`: `visit` sees each extension's type and data; the types come back in order (for JA3/JA3S). */
function extensions(m: Buffer, p: number, visit: (type: number, data: Buffer) => void): number[] {
  const types: number[] = [];
  if (p + 2 > m.length) return types;
  const end = Math.min(m.length, p + 2 + m.readUInt16BE(p));
  for (let q = p + 2; q + 4 <= end;) {
    const t = m.readUInt16BE(q);
    const l = m.readUInt16BE(q + 2);
    types.push(t);
    visit(t, m.subarray(q + 4, q + 4 + l));
    q += 4 + l;
  }
  return types;
}
