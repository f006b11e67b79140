// In-order delivery of one TCP direction's payload to an analyzer. In-order segments pass straight
// through (no copy); segments past a hole are copied and held, up to a byte budget. A hole the peer has
// acknowledged (the bytes were sent but not captured), one the budget cannot wait for, or one left at the
// end is a content gap: reported to the analyzer, and delivery resumes after it, as Zeek's reassembler
// does. Sequence numbers are compared in 32-bit space relative to the expected one.
import { seqDelta } from '../tcpEndpoint';

/** Out-of-order bytes held per direction before the hole is declared a gap. */
export const MAX_HELD_BYTES = 256 * 1024;
/** Out-of-order segments held per direction (many tiny segments cost more than their bytes). */
const MAX_HELD_SEGMENTS = 256;

export interface StreamSink {
  deliver(b: Buffer, off: number, len: number): void;
  gap(len: number): void;
}

export class StreamReassembler {
  started = false;
  /** Next expected sequence number (32-bit). */
  next = 0;
  private held: { seq: number; data: Buffer }[] = [];
  private heldBytes = 0;

  constructor(private readonly sink: StreamSink) {}

  /** A SYN fixes the first data byte's sequence number. */
  syn(seq: number): void {
    if (this.started) return;
    this.started = true;
    this.next = (seq + 1) >>> 0;
  }

  segment(seq: number, b: Buffer, off: number, len: number): void {
    if (len <= 0) return;
    if (!this.started) {
      this.started = true;
      this.next = seq;
    }
    let d = seqDelta(seq, this.next);
    if (d < 0) {
      // Retransmitted (or overlapping) bytes: only what is new counts.
      if (-d >= len) return;
      off -= d;
      len += d;
      seq = this.next;
      d = 0;
    }
    if (d === 0) {
      this.next = (this.next + len) >>> 0;
      this.sink.deliver(b, off, len);
      if (this.held.length > 0) this.drain();
      return;
    }
    if (this.held.length >= MAX_HELD_SEGMENTS || this.heldBytes + len > MAX_HELD_BYTES) {
      // Too much waits on a hole that is not filling: give it up as a gap.
      this.skipTo(this.held.length > 0 ? this.held[0]!.seq : seq);
      if (seqDelta(seq, this.next) === 0) return this.segment(seq, b, off, len);
    }
    const data = Buffer.from(b.subarray(off, off + len));
    let i = this.held.length;
    while (i > 0 && seqDelta(this.held[i - 1]!.seq, seq) > 0) i--;
    this.held.splice(i, 0, { seq, data });
    this.heldBytes += len;
  }

  /** The peer acknowledged up to `ack`: a hole below it holding back data will never fill. */
  acked(ack: number): void {
    if (this.held.length === 0 || seqDelta(ack, this.next) <= 0) return;
    const first = this.held[0]!.seq;
    this.skipTo(seqDelta(ack, first) < 0 ? ack : first);
  }

  /** End of the stream: whatever waits behind a hole is delivered after reporting the gap. */
  finish(): void {
    while (this.held.length > 0) this.skipTo(this.held[0]!.seq);
  }

  get bytesHeld(): number {
    return this.heldBytes;
  }

  private skipTo(seq: number): void {
    const gap = seqDelta(seq, this.next);
    if (gap > 0) {
      this.next = seq;
      this.sink.gap(gap);
    }
    this.drain();
  }

  private drain(): void {
    while (this.held.length > 0) {
      const h = this.held[0]!;
      const d = seqDelta(h.seq, this.next);
      if (d > 0) return;
      this.held.shift();
      this.heldBytes -= h.data.length;
      if (-d < h.data.length) {
        const skip = -d;
        this.next = (this.next + h.data.length - skip) >>> 0;
        this.sink.deliver(h.data, skip, h.data.length - skip);
      }
    }
  }
}
