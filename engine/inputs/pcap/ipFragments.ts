// IPv4 fragment reassembly with bounded memory: datagrams waiting for pieces are capped in number and
// bytes, and given up after a traffic-time timeout. Fragments are counted when their datagram is settled:
// completed (the completing packet is the datagram, the others are skipped as its parts) or given up (one
// counted rejection, the others skipped), so a flood of fragments that never complete costs bounded memory
// and one report line per datagram.
import type { Accounting } from '../accounting';

/** Datagrams waiting for fragments at once. */
export const MAX_PENDING = 4096;
/** Bytes held in waiting fragments at once. */
export const MAX_HELD_BYTES = 32 * 1024 * 1024;
/** Seconds of traffic time a datagram may wait for its missing fragments. */
export const FRAGMENT_TIMEOUT = 60;
/** Largest IPv4 datagram. */
const MAX_DATAGRAM = 65535;

interface Pending {
  firstTs: number;
  firstPacket: number;
  fragments: number;
  /** IP header of the fragment at offset 0 (copied), once seen. */
  header: Buffer | undefined;
  /** Payload pieces: offset into the datagram payload and the bytes (copied). */
  pieces: { at: number; data: Buffer }[];
  /** Payload length, known once the last fragment (MF clear) arrived; -1 before. */
  total: number;
  bytes: number;
}

export class Ipv4Reassembler {
  private readonly pending = new Map<string, Pending>();
  private held = 0;
  /** Datagrams given up (timeout, caps, end of input, bad layout). */
  dropped = 0;

  constructor(
    private readonly file: string,
    private readonly acc: Accounting,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  get heldBytes(): number {
    return this.held;
  }

  /**
   * One fragment: `hdrLen` header bytes at `ip`, payload `payloadLen` bytes (all captured) starting at
   * byte `fragOff` of the datagram payload. Returns the whole datagram once complete, else undefined.
   */
  add(
    b: Buffer,
    ip: number,
    hdrLen: number,
    payloadLen: number,
    fragOff: number,
    more: boolean,
    ts: number,
    packetNo: number,
  ): Buffer | undefined {
    this.expire(ts);
    if (fragOff + payloadLen > MAX_DATAGRAM - hdrLen) {
      this.acc.reject(this.file, packetNo, 'IPv4 fragment reaches past the largest possible datagram');
      return undefined;
    }
    const key = `${b.readUInt32BE(ip + 12)}>${b.readUInt32BE(ip + 16)}#${b.readUInt16BE(ip + 4)}/${b[ip + 9]}`;
    let p = this.pending.get(key);
    if (p === undefined) {
      while (this.pending.size >= MAX_PENDING || this.held + payloadLen > MAX_HELD_BYTES) {
        const oldest = this.pending.keys().next();
        if (oldest.done) break;
        this.drop(oldest.value, 'too many incomplete fragmented datagrams held at once');
      }
      p = {
        firstTs: ts,
        firstPacket: packetNo,
        fragments: 0,
        header: undefined,
        pieces: [],
        total: -1,
        bytes: 0,
      };
      this.pending.set(key, p);
    }
    p.fragments++;
    if (fragOff === 0) p.header = Buffer.from(b.subarray(ip, ip + hdrLen));
    if (!more) p.total = fragOff + payloadLen;
    p.pieces.push({ at: fragOff, data: Buffer.from(b.subarray(ip + hdrLen, ip + hdrLen + payloadLen)) });
    p.bytes += payloadLen;
    this.held += payloadLen;
    if (p.header === undefined || p.total < 0) return undefined;
    // Complete when the pieces cover [0, total) without a hole.
    const sorted = p.pieces.slice().sort((x, y) => x.at - y.at);
    let covered = 0;
    for (const piece of sorted) {
      if (piece.at > covered) return undefined;
      covered = Math.max(covered, piece.at + piece.data.length);
    }
    if (covered < p.total) return undefined;
    this.pending.delete(key);
    this.held -= p.bytes;
    if (p.fragments > 1) this.acc.skip('IPv4 fragment (part of a reassembled datagram)', p.fragments - 1);
    const h = p.header;
    const out = Buffer.alloc(h.length + p.total);
    h.copy(out, 0);
    // Arrival order decides overlaps: later fragments overwrite earlier ones.
    for (const piece of p.pieces) {
      const n = Math.min(piece.data.length, p.total - piece.at);
      if (n > 0) piece.data.copy(out, h.length + piece.at, 0, n);
    }
    out.writeUInt16BE(out.length, 2);
    out.writeUInt16BE(0, 6);
    return out;
  }

  /** Gives up datagrams older than the timeout (traffic time). */
  expire(ts: number): void {
    for (const [key, p] of this.pending) {
      if (ts - p.firstTs < FRAGMENT_TIMEOUT) break;
      this.drop(key, `fragmented IPv4 datagram incomplete after ${FRAGMENT_TIMEOUT} s`);
    }
  }

  /** End of input: whatever is still waiting never completes. */
  finish(): void {
    for (const key of [...this.pending.keys()])
      this.drop(key, 'fragmented IPv4 datagram incomplete at end of input');
  }

  private drop(key: string, why: string): void {
    const p = this.pending.get(key)!;
    this.pending.delete(key);
    this.held -= p.bytes;
    this.dropped++;
    if (p.fragments > 1) this.acc.skip('IPv4 fragment of an incomplete datagram', p.fragments - 1);
    this.acc.reject(this.file, p.firstPacket, `${why} (${p.fragments} fragments, ${p.bytes} bytes)`);
  }
}
