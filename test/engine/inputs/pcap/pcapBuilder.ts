// Hand-built captures for tests: packets and pcap/pcapng files assembled byte by byte, so every link
// type, byte order and kind of damage can be exercised without a capture tool.

export function ipv4(
  src: string,
  dst: string,
  proto: number,
  payload: Buffer,
  opts: { id?: number; frag?: number } = {},
): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h.writeUInt16BE(opts.id ?? 1, 4);
  h.writeUInt16BE(opts.frag ?? 0, 6);
  h[8] = 64;
  h[9] = proto;
  src.split('.').forEach((x, i) => (h[12 + i] = Number(x)));
  dst.split('.').forEach((x, i) => (h[16 + i] = Number(x)));
  return Buffer.concat([h, payload]);
}

export function ipv6(src: number, dst: number, nextHeader: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(40);
  h[0] = 0x60;
  h.writeUInt16BE(payload.length, 4);
  h[6] = nextHeader;
  h[7] = 64;
  h.writeUInt16BE(0xfe80, 8);
  h[23] = src;
  h.writeUInt16BE(0xfe80, 24);
  h[39] = dst;
  return Buffer.concat([h, payload]);
}

export const SYN = 0x02;
export const ACK = 0x10;
export const FIN = 0x01;
export const RST = 0x04;
export const PSH = 0x08;

export function tcp(
  sport: number,
  dport: number,
  flags: number,
  seq: number,
  ack: number,
  data: Buffer = Buffer.alloc(0),
  options: Buffer = Buffer.alloc(0),
): Buffer {
  const h = Buffer.alloc(20 + options.length);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt32BE(seq >>> 0, 4);
  h.writeUInt32BE(ack >>> 0, 8);
  h[12] = ((20 + options.length) / 4) << 4;
  h[13] = flags;
  h.writeUInt16BE(8192, 14);
  options.copy(h, 20);
  return Buffer.concat([h, data]);
}

export function udp(sport: number, dport: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt16BE(8 + data.length, 4);
  return Buffer.concat([h, data]);
}

export function ethernet(type: number, payload: Buffer, tags: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.from('0200000000020200000000010000', 'hex');
  if (tags.length === 0) {
    h.writeUInt16BE(type, 12);
    return Buffer.concat([h, payload]);
  }
  const t = Buffer.alloc(2);
  t.writeUInt16BE(type);
  return Buffer.concat([h.subarray(0, 12), tags, t, payload]);
}

export interface Pkt {
  ts: number;
  data: Buffer;
  /** Bytes on the wire when the capture cut the packet short. */
  wire?: number;
}

/** A classic pcap file; `nano` for nanosecond stamps, `be` for big-endian. */
export function pcapFile(
  linkType: number,
  pkts: Pkt[],
  opts: { nano?: boolean; be?: boolean; snaplen?: number } = {},
): Buffer {
  const w32 = (b: Buffer, v: number, o: number) =>
    opts.be ? b.writeUInt32BE(v >>> 0, o) : b.writeUInt32LE(v >>> 0, o);
  const w16 = (b: Buffer, v: number, o: number) => (opts.be ? b.writeUInt16BE(v, o) : b.writeUInt16LE(v, o));
  const h = Buffer.alloc(24);
  w32(h, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(h, 2, 4);
  w16(h, 4, 6);
  w32(h, opts.snaplen ?? 65535, 16);
  w32(h, linkType, 20);
  const parts: Buffer[] = [h];
  for (const p of pkts) {
    const r = Buffer.alloc(16);
    const sec = Math.floor(p.ts);
    w32(r, sec, 0);
    w32(r, Math.round((p.ts - sec) * (opts.nano ? 1e9 : 1e6)), 4);
    w32(r, p.data.length, 8);
    w32(r, p.wire ?? p.data.length, 12);
    parts.push(r, p.data);
  }
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const len = 12 + body.length + pad;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(len, 4);
  body.copy(b, 8);
  b.writeUInt32LE(len, len - 4);
  return b;
}

export function pcapngSection(): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(0x1a2b3c4d, 0);
  body.writeUInt16LE(1, 4);
  body.writeBigInt64LE(-1n, 8);
  return block(0x0a0d0d0a, body);
}

/** An interface description block; `tsresol` as the if_tsresol option byte (6 = µs, 9 = ns). */
export function pcapngInterface(linkType: number, tsresol?: number): Buffer {
  const opts: Buffer[] = [];
  if (tsresol !== undefined) {
    const o = Buffer.alloc(8);
    o.writeUInt16LE(9, 0);
    o.writeUInt16LE(1, 2);
    o[4] = tsresol;
    opts.push(o);
  }
  if (opts.length > 0) opts.push(Buffer.alloc(4));
  const body = Buffer.alloc(8);
  body.writeUInt16LE(linkType, 0);
  body.writeUInt32LE(0, 4);
  return block(1, Buffer.concat([body, ...opts]));
}

export function pcapngPacket(iface: number, ts: number, perSecond: number, data: Buffer): Buffer {
  const units = (BigInt(Math.round(ts * 1e6)) * BigInt(perSecond)) / 1000000n;
  const body = Buffer.alloc(20);
  body.writeUInt32LE(iface, 0);
  body.writeUInt32LE(Number(units >> 32n), 4);
  body.writeUInt32LE(Number(units & 0xffffffffn), 8);
  body.writeUInt32LE(data.length, 12);
  body.writeUInt32LE(data.length, 16);
  return block(6, Buffer.concat([body, data]));
}

export function pcapngSimplePacket(data: Buffer): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt32LE(data.length, 0);
  return block(3, Buffer.concat([body, data]));
}

export function pcapngUnknownBlock(): Buffer {
  return block(0x0bad, Buffer.from('whatever'));
}

/** A TCP handshake, one request, one reply and a FIN exchange between 10.0.0.1:40000 and 10.0.0.2:80. */
export function tcpSession(t0: number, wrap: (ip: Buffer) => Buffer): Pkt[] {
  const c = '10.0.0.1';
  const s = '10.0.0.2';
  const req = Buffer.from('GET / HTTP/1.0\r\n\r\n');
  const resp = Buffer.from('HTTP/1.0 200 OK\r\n\r\nhello');
  const seg = (
    from: string,
    to: string,
    sp: number,
    dp: number,
    f: number,
    seq: number,
    ack: number,
    d?: Buffer,
  ) => wrap(ipv4(from, to, 6, tcp(sp, dp, f, seq, ack, d)));
  return [
    { ts: t0, data: seg(c, s, 40000, 80, SYN, 1000, 0) },
    { ts: t0 + 0.01, data: seg(s, c, 80, 40000, SYN | ACK, 5000, 1001) },
    { ts: t0 + 0.02, data: seg(c, s, 40000, 80, ACK, 1001, 5001) },
    { ts: t0 + 0.03, data: seg(c, s, 40000, 80, ACK | PSH, 1001, 5001, req) },
    { ts: t0 + 0.04, data: seg(s, c, 80, 40000, ACK | PSH, 5001, 1001 + req.length, resp) },
    { ts: t0 + 0.05, data: seg(c, s, 40000, 80, FIN | ACK, 1001 + req.length, 5001 + resp.length) },
    { ts: t0 + 0.06, data: seg(s, c, 80, 40000, FIN | ACK, 5001 + resp.length, 1002 + req.length) },
    { ts: t0 + 0.07, data: seg(c, s, 40000, 80, ACK, 1002 + req.length, 5002 + resp.length) },
  ];
}
