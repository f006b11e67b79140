// One side of a TCP connection as Zeek's TCP analyzer tracks it (facts from Zeek's TCP_Endpoint): its
// state, its sequence space (start, highest sequence sent, highest acknowledged by the peer), and the
// counters behind the logarithmic history letters. Sizes come from sequence numbers, as in conn.log.

export const enum TcpState {
  Inactive,
  SynSent,
  SynAckSent,
  Partial,
  Established,
  Closed,
  Reset,
}

/** Out-of-order data ranges remembered per side to tell content gaps from reordering. */
const MAX_HELD_RANGES = 32;

/** Signed distance from b to a in 32-bit sequence space. */
export function seqDelta(a: number, b: number): number {
  return ((a - b) | 0) as number;
}

export class TcpEndpoint {
  state = TcpState.Inactive;
  prevState = TcpState.Inactive;
  startSeq = 0;
  lastSeq = 0;
  ackSeq = 0;
  seqWraps = 0;
  ackWraps = 0;
  finCnt = 0;
  rstCnt = 0;
  /** Relative sequence one past the FIN. */
  finSeq = 0;
  didClose = false;
  histLastSyn = 0;
  histLastFin = 0;
  histLastRst = 0;
  rxmtCnt = 0;
  rxmtThresh = 1;
  win0Cnt = 0;
  win0Thresh = 1;
  gapCnt = 0;
  gapThresh = 1;
  /** Next relative sequence number of in-order data (reassembly without keeping the bytes). */
  reassemSeq = 1;
  /** Data seen beyond a hole, as [start, end) pairs sorted by start. */
  held: number[] = [];

  setState(s: TcpState): void {
    if (s === this.state) return;
    this.prevState = this.state;
    this.state = s;
  }

  isActive(): boolean {
    return this.state !== TcpState.Inactive && !this.didClose;
  }

  updateLastSeq(seq: number): void {
    if (seq < this.lastSeq) this.seqWraps++;
    this.lastSeq = seq;
  }

  updateAckSeq(seq: number): void {
    if (seq < this.ackSeq) this.ackWraps++;
    this.ackSeq = seq;
  }

  full(seq: number, wraps: number): number {
    return wraps * 4294967296 + seq;
  }

  relative(seq: number, wraps: number): number {
    return this.full(seq, wraps) - this.startSeq;
  }

  noDataAcked(): boolean {
    const ack = this.full(this.ackSeq, this.ackWraps);
    return ack === this.startSeq || ack === this.startSeq + 1;
  }

  /** Payload bytes sent, from the sequence space (Zeek's orig_bytes / resp_bytes). */
  size(peer: TcpEndpoint): number {
    // A half-open connection found and aborted: its sequence numbers say nothing about data.
    if (
      this.prevState === TcpState.SynSent &&
      this.state === TcpState.Reset &&
      peer.state === TcpState.Inactive &&
      !this.noDataAcked()
    )
      return 0;
    const last = this.full(this.lastSeq, this.seqWraps);
    const ack = this.full(this.ackSeq, this.ackWraps);
    let size = (last > ack ? last : ack) - this.startSeq;
    if (size < 0) size += 4294967296;
    if (size !== 0) size--; // the SYN octet
    if (this.finCnt > 0 && size !== 0) size--; // the FIN octet
    return size;
  }

  /** In-order data moves the reassembly point; data past a hole is remembered as a range. */
  dataSent(seq: number, len: number): void {
    const end = seq + len;
    if (end <= this.reassemSeq) return;
    if (seq <= this.reassemSeq) {
      this.reassemSeq = end;
      this.absorbHeld();
      return;
    }
    const h = this.held;
    if (h.length >= MAX_HELD_RANGES * 2) return;
    let i = 0;
    while (i < h.length && h[i]! < seq) i += 2;
    h.splice(i, 0, seq, end);
  }

  /**
   * The peer acknowledged up to `ack`: bytes below it never seen are a content gap. Returns their count
   * (0 when nothing was missing).
   */
  ackReceived(ack: number): number {
    let upTo = ack;
    // The FIN takes one sequence number that carries no data.
    if (this.finCnt > 0 && upTo >= this.finSeq) upTo = this.finSeq - 1;
    if (upTo <= this.reassemSeq) return 0;
    let missing = 0;
    let at = this.reassemSeq;
    const h = this.held;
    while (h.length > 0 && h[0]! < upTo) {
      const s = h[0]!;
      const e = h[1]!;
      if (s > at) missing += s - at;
      if (e > at) at = e;
      h.splice(0, 2);
    }
    if (upTo > at) {
      missing += upTo - at;
      at = upTo;
    }
    this.reassemSeq = at;
    this.absorbHeld();
    return missing;
  }

  private absorbHeld(): void {
    const h = this.held;
    while (h.length > 0 && h[0]! <= this.reassemSeq) {
      if (h[1]! > this.reassemSeq) this.reassemSeq = h[1]!;
      h.splice(0, 2);
    }
  }
}
