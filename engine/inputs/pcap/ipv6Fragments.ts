// IPv6 fragment reassembly (the Fragment extension header, 44) with the same bounds as IPv4's: datagrams
// waiting for pieces are capped in number and bytes and given up after the same traffic-time timeout,
// and each is settled with one count (completed: its other fragments skipped as its parts; given up: one
// counted rejection). IPv6 is stricter than IPv4 where the RFCs are: overlapping fragments make the whole
// datagram invalid (RFC 5722; an exact duplicate is only dropped), a fragment that is not the last must
// carry a multiple of 8 bytes, and a datagram may not be cut into more than MAX_FRAGMENTS pieces (tiny
// fragments are an evasion and a CPU sink, never a real sender's choice). The datagram handed on is the
// first fragment's unfragmentable part (IPv6 header and the extension headers before the Fragment header)
// followed by the reassembled data, with the Next Header and Payload Length fixed up.
import type { Accounting } from '../accounting';
import { FRAGMENT_TIMEOUT, MAX_HELD_BYTES, MAX_PENDING } from './ipFragments';

/** Pieces one datagram may be cut into. */
export const MAX_FRAGMENTS = 512;
/** Largest IPv6 payload without a jumbogram option. */
const MAX_PAYLOAD = 65535;

interface Piece {
  at: number;
  data: Buffer;
}

interface Pending {
  firstTs: number;
  firstPacket: number;
  fragments: number;
  /** Unfragmentable part of the offset-0 fragment (copied) and where its Next Header byte is. */
  header: Buffer | undefined;
  nextHeaderAt: number;
  /** The protocol after the Fragment header (from the offset-0 fragment). */
  nextHeader: number;
  /** Pieces sorted by offset, never overlapping. */
  pieces: Piece[];
  covered: number;
  total: number;
  bytes: number;
}

export class Ipv6Reassembler {
  private readonly pending = new Map<string, Pending>();
  private held = 0;
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
   * One fragment: the IPv6 header at `ip`, the Fragment header at `fh`, the byte naming it (Next Header
   * = 44) at `nhAt`, the packet ending at `end` (all captured). Returns the whole datagram once complete.
   */
  add(
    b: Buffer,
    ip: number,
    fh: number,
    nhAt: number,
    end: number,
    ts: number,
    packetNo: number,
  ): Buffer | undefined {
    this.expire(ts);
    const fo = b.readUInt16BE(fh + 2);
    const at = fo & 0xfff8;
    const more = (fo & 1) !== 0;
    const dataOff = fh + 8;
    const len = end - dataOff;
    const unfragmentable = fh - ip;
    if (len <= 0 && more) {
      this.acc.reject(this.file, packetNo, 'IPv6 fragment without data');
      return undefined;
    }
    if (more && len % 8 !== 0) {
      this.acc.reject(this.file, packetNo, 'IPv6 fragment (not the last) with a length not a multiple of 8');
      return undefined;
    }
    if (at + len > MAX_PAYLOAD - unfragmentable) {
      this.acc.reject(this.file, packetNo, 'IPv6 fragment reaches past the largest possible datagram');
      return undefined;
    }
    const key = `${b.toString('latin1', ip + 8, ip + 40)}#${b.readUInt32BE(fh + 4)}`;
    let p = this.pending.get(key);
    if (p === undefined) {
      while (this.pending.size >= MAX_PENDING || this.held + len > MAX_HELD_BYTES) {
        const oldest = this.pending.keys().next();
        if (oldest.done) break;
        this.drop(oldest.value, 'too many incomplete fragmented IPv6 datagrams held at once');
      }
      p = {
        firstTs: ts,
        firstPacket: packetNo,
        fragments: 0,
        header: undefined,
        nextHeaderAt: 0,
        nextHeader: 0,
        pieces: [],
        covered: 0,
        total: -1,
        bytes: 0,
      };
      this.pending.set(key, p);
    }
    p.fragments++;
    // Insert in offset order; any overlap (other than an exact duplicate) invalidates the datagram.
    let i = p.pieces.length;
    while (i > 0 && p.pieces[i - 1]!.at > at) i--;
    const before = p.pieces[i - 1];
    const after = p.pieces[i];
    if (before !== undefined && before.at === at && before.data.length === len) return undefined;
    if (
      (before !== undefined && before.at + before.data.length > at) ||
      (after !== undefined && at + len > after.at)
    ) {
      this.drop(key, 'overlapping IPv6 fragments');
      return undefined;
    }
    if (p.fragments > MAX_FRAGMENTS) {
      this.drop(key, `IPv6 datagram cut into more than ${MAX_FRAGMENTS} fragments`);
      return undefined;
    }
    if (!more) {
      if (p.total >= 0 && p.total !== at + len) {
        this.drop(key, 'IPv6 fragments disagree on the datagram length');
        return undefined;
      }
      p.total = at + len;
      const last = p.pieces[p.pieces.length - 1];
      if (last !== undefined && last.at + last.data.length > p.total) {
        this.drop(key, 'IPv6 fragment past the end of its datagram');
        return undefined;
      }
    }
    if (p.total >= 0 && at + len > p.total) {
      this.drop(key, 'IPv6 fragment past the end of its datagram');
      return undefined;
    }
    if (at === 0) {
      p.header = Buffer.from(b.subarray(ip, fh));
      p.nextHeaderAt = nhAt - ip;
      p.nextHeader = b[fh]!;
    }
    p.pieces.splice(i, 0, { at, data: Buffer.from(b.subarray(dataOff, end)) });
    p.bytes += len;
    this.held += len;
    if (p.header === undefined || p.total < 0 || p.bytes !== p.total) return undefined;
    // Pieces never overlap, so their sizes adding up to the total means no hole is left.
    this.pending.delete(key);
    this.held -= p.bytes;
    if (p.fragments > 1) this.acc.skip('IPv6 fragment (part of a reassembled datagram)', p.fragments - 1);
    const h = p.header;
    const out = Buffer.alloc(h.length + p.total);
    h.copy(out, 0);
    for (const piece of p.pieces) piece.data.copy(out, h.length + piece.at);
    out[p.nextHeaderAt] = p.nextHeader;
    out.writeUInt16BE(out.length - 40, 4);
    return out;
  }

  /** Gives up datagrams older than the timeout (traffic time). */
  expire(ts: number): void {
    for (const [key, p] of this.pending) {
      if (ts - p.firstTs < FRAGMENT_TIMEOUT) break;
      this.drop(key, `fragmented IPv6 datagram incomplete after ${FRAGMENT_TIMEOUT} s`);
    }
  }

  /** End of input: whatever is still waiting never completes. */
  finish(): void {
    for (const key of [...this.pending.keys()])
      this.drop(key, 'fragmented IPv6 datagram incomplete at end of input');
  }

  private drop(key: string, why: string): void {
    const p = this.pending.get(key)!;
    this.pending.delete(key);
    this.held -= p.bytes;
    this.dropped++;
    if (p.fragments > 1) this.acc.skip('IPv6 fragment of an incomplete datagram', p.fragments - 1);
    this.acc.reject(this.file, p.firstPacket, `${why} (${p.fragments} fragments, ${p.bytes} bytes)`);
  }
}
