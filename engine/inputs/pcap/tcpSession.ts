// The TCP side of connection tracking, following the behaviour of Zeek's TCP analyzer (its endpoint state
// machine, history letters, sequence-based sizes and close timers), so conn_state, history and byte
// counts come out as Zeek writes them. Written from Zeek's documented semantics, not its code.
import { type Connection } from './connection';
import { TimerKind, type TimerQueue } from './timers';
import { seqDelta, TcpEndpoint, TcpState } from './tcpEndpoint';

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const ACK = 0x10;

// History kinds; the responder's are these shifted left by 16.
const HIST_SYN = 0x1;
const HIST_FIN = 0x2;
const HIST_RST = 0x4;
const HIST_FIN_RST = 0x8;
const HIST_DATA = 0x10;
const HIST_ACK = 0x20;
const HIST_MULTI = 0x40;

/** Sequence jumps larger than this in SYNs and RSTs are not trusted (Zeek's TOO_LARGE_SEQ_DELTA). */
const TOO_LARGE_SEQ_DELTA = 1048576;
/** Zeek's tcp_close_delay: a fully closed connection lingers this long for stray packets. */
const TCP_CLOSE_DELAY = 5;
/** Zeek's tcp_attempt_delay: an unanswered SYN is given up after this long. */
const TCP_ATTEMPT_DELAY = 5;
/** Zeek's tcp_SYN_timeout: the first expire check of a new TCP connection. */
export const TCP_SYN_TIMEOUT = 5;
/** Zeek's tcp_session_timer: the expire check repeats at this interval. */
const TCP_SESSION_TIMER = 6;
/** Zeek's tcp_connection_linger: a closing connection idle this long may be expired. */
const TCP_CONNECTION_LINGER = 5;

/** One TCP segment, as the tracker decoded it. */
export interface Segment {
  flags: number;
  seq: number;
  ack: number;
  win: number;
  /** Payload length according to the IP header. */
  len: number;
  /** Payload bytes actually captured. */
  capLen: number;
  /** Offset of the payload in the packet buffer. */
  off: number;
}

function isHandshake(s: TcpState): boolean {
  return s === TcpState.Inactive || s === TcpState.SynSent || s === TcpState.SynAckSent;
}

export class TcpSession {
  constructor(
    private readonly tcpInactivity: number,
    private readonly timers: TimerQueue,
  ) {}

  /** Zeek's reuse rule: a new SYN (different sequence number) on a known tuple starts a new connection. */
  isReuse(c: Connection, flags: number, seq: number): boolean {
    if ((flags & SYN) === 0) return false;
    const o = c.orig!;
    const r = c.resp!;
    let connOrig = o;
    if (flags & ACK) {
      if (o.state !== TcpState.Inactive) return false;
      connOrig = r;
    }
    if (!(o.didClose || r.didClose)) {
      if (seq === connOrig.startSeq) return false;
      if (
        (flags & ACK) === 0 &&
        connOrig.state === TcpState.SynAckSent &&
        r.state === TcpState.Inactive &&
        seq === r.startSeq
      )
        return false;
    }
    return true;
  }

  /** A TCP analyzer timer is due at `t` (the time of the packet that moved the clock past it). */
  fire(c: Connection, kind: TimerKind, t: number): 'remove' | 'keep' {
    const o = c.orig!;
    const r = c.resp!;
    if (kind === TimerKind.Delete) return 'remove';
    // The analyzer's timers do nothing once it is no longer active (they are not renewed either).
    if (!c.active) return 'keep';
    if (kind === TimerKind.Attempt) {
      if (
        (o.state === TcpState.SynSent || o.state === TcpState.SynAckSent) &&
        r.state === TcpState.Inactive
      ) {
        c.active = false;
        return 'remove';
      }
      return 'keep';
    }
    if (c.lastTs + TCP_CONNECTION_LINGER < t) {
      if (
        (o.didClose || r.didClose) &&
        ((o.didClose && r.didClose) ||
          o.state === TcpState.Reset ||
          r.state === TcpState.Reset ||
          o.state === TcpState.Inactive ||
          r.state === TcpState.Inactive)
      )
        return 'remove';
      if (o.state === TcpState.Inactive && r.state === TcpState.Inactive) return 'remove';
    }
    this.timers.add(c, t + TCP_SESSION_TIMER, TimerKind.Expire);
    return 'keep';
  }

  packet(c: Connection, isOrig: boolean, s: Segment, t: number): void {
    const ep = isOrig ? c.orig! : c.resp!;
    const peer = isOrig ? c.resp! : c.orig!;
    const flags = s.flags;
    const len = s.len;
    let segLen = len;
    if (flags & SYN) segLen++;
    if (flags & FIN) segLen++;
    if (flags & RST) segLen -= len;
    const seqOnePast = (s.seq + segLen) >>> 0;

    initEndpoint(ep, flags, s.seq, seqOnePast);
    let underflow = false;
    let relSeq: number;
    {
      const r = relativeSeq(ep, s.seq, ep.lastSeq, ep.seqWraps);
      relSeq = r;
      underflow = r < 0;
    }
    this.updateHistory(c, isOrig, flags, ep, relSeq, len);
    if (s.win === 0 && (flags & RST) === 0 && peer.state !== TcpState.Closed && ep.state !== TcpState.Reset) {
      const k = scaled(ep.win0Cnt + 1, ep.win0Thresh);
      ep.win0Cnt = k.count;
      ep.win0Thresh = k.thresh;
      if (k.hit) c.history += isOrig ? 'W' : 'w';
    }
    if (!(c.orig!.didClose && c.resp!.didClose)) c.lastTs = t;
    if (flags & FIN) {
      ep.finCnt++;
      ep.finSeq = relSeq + segLen;
    }
    if (flags & RST) ep.rstCnt++;

    let relAck = 0;
    if (flags & ACK) {
      if (peer.state === TcpState.Inactive) {
        relAck = 1;
        const a = (s.ack - 1) >>> 0;
        peer.startSeq = a;
        peer.ackSeq = a;
        peer.lastSeq = a;
      } else {
        const r = relativeSeq(peer, s.ack, peer.ackSeq, peer.ackWraps);
        if (r < 0) relAck = 0;
        else {
          relAck = r;
          if ((flags & RST) === 0) updateAckSeq(peer, s.ack);
        }
      }
    }

    const deltaLast = this.updateLastSeq(c, isOrig, ep, seqOnePast, flags, len);
    const close = this.stateMachine(c, t, ep, peer, s, isOrig, deltaLast);

    if (flags & ACK) {
      const missing = peer.ackReceived(relAck);
      if (missing > 0 && peer.state !== TcpState.Partial && ep.state !== TcpState.Partial) {
        c.missedBytes += missing;
        // Gaps revealed by a closing FIN or RST are unreliable; Zeek keeps them out of the history.
        if ((flags & (FIN | RST)) === 0) {
          const k = scaled(peer.gapCnt + 1, peer.gapThresh);
          peer.gapCnt = k.count;
          peer.gapThresh = k.thresh;
          if (k.hit) c.history += isOrig ? 'g' : 'G';
        }
      }
    }

    const relDataSeq = flags & SYN ? relSeq + 1 : relSeq;
    if (len > 0 && (flags & RST) === 0 && !underflow && s.capLen >= len) ep.dataSent(relDataSeq, len);

    if (close.doClose) this.connectionClosed(c, ep, peer, close.genEvent);

    // The handshake is over once either side leaves it: from then on the TCP inactivity timeout applies.
    if (!c.tcpTimeoutSet && (!isHandshake(ep.state) || !isHandshake(peer.state))) {
      c.tcpTimeoutSet = true;
      c.inactivity = this.tcpInactivity;
      c.inactivityTimer++;
      this.timers.add(c, c.lastTs + this.tcpInactivity, TimerKind.Inactivity);
    }
  }

  private updateHistory(
    c: Connection,
    isOrig: boolean,
    flags: number,
    ep: TcpEndpoint,
    relSeq: number,
    len: number,
  ): void {
    const shift = isOrig ? 0 : 16;
    const up = isOrig;
    const bits = (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0) + (flags & RST ? 1 : 0);
    if (bits > 1) {
      if (flags & FIN && flags & RST) c.checkHistory(HIST_FIN_RST << shift, up ? 'I' : 'i');
      else c.checkHistory(HIST_MULTI << shift, up ? 'Q' : 'q');
    } else if (bits === 1) {
      if (flags & SYN) {
        const code = flags & ACK ? (up ? 'H' : 'h') : up ? 'S' : 's';
        if (c.checkHistory(HIST_SYN << shift, code) && relSeq !== ep.histLastSyn) c.history += code;
        ep.histLastSyn = relSeq;
      }
      if (flags & FIN) {
        const code = up ? 'F' : 'f';
        if (c.checkHistory(HIST_FIN << shift, code) && relSeq + len !== ep.histLastFin) c.history += code;
        ep.histLastFin = relSeq + len;
      }
      if (flags & RST) {
        const code = up ? 'R' : 'r';
        if (c.checkHistory(HIST_RST << shift, code) && relSeq !== ep.histLastRst) c.history += code;
        ep.histLastRst = relSeq;
      }
    } else if (len > 0) c.checkHistory(HIST_DATA << shift, up ? 'D' : 'd');
    else if (flags & ACK) c.checkHistory(HIST_ACK << shift, up ? 'A' : 'a');
  }

  private updateLastSeq(
    c: Connection,
    isOrig: boolean,
    ep: TcpEndpoint,
    lastSeq: number,
    flags: number,
    len: number,
  ): number {
    const delta = seqDelta(lastSeq, ep.lastSeq);
    if (flags & (SYN | RST) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
      // Not trusted.
    } else if (flags & FIN && ep.lastSeq === (ep.startSeq + 1) >>> 0) ep.updateLastSeq(lastSeq);
    else if (ep.state === TcpState.Reset) {
      // Nothing after a reset is trusted.
    } else if (delta > 0) ep.updateLastSeq(lastSeq);
    else if (len > 0) {
      const k = scaled(ep.rxmtCnt + 1, ep.rxmtThresh);
      ep.rxmtCnt = k.count;
      ep.rxmtThresh = k.thresh;
      if (k.hit) c.history += isOrig ? 'T' : 't';
    }
    return delta;
  }

  private stateMachine(
    c: Connection,
    t: number,
    ep: TcpEndpoint,
    peer: TcpEndpoint,
    s: Segment,
    isOrig: boolean,
    deltaLast: number,
  ): { doClose: boolean; genEvent: boolean } {
    const flags = s.flags;
    let doClose = false;
    let genEvent = false;
    switch (ep.state) {
      case TcpState.Inactive: {
        if (flags & SYN) {
          if (isOrig) {
            ep.setState(flags & ACK ? TcpState.SynAckSent : TcpState.SynSent);
            this.timers.add(c, t + TCP_ATTEMPT_DELAY, TimerKind.Attempt);
          } else {
            if ((flags & ACK) === 0 && peer.state === TcpState.SynAckSent && s.seq === ep.startSeq) {
              // SYN and SYN-ACK seen the wrong way round: the roles were wrong.
              c.flip();
              peer.setState(TcpState.Established);
            }
            if (peer.state === TcpState.SynSent) peer.setState(TcpState.Established);
            ep.setState(TcpState.Established);
          }
        }
        if (flags & FIN) {
          ep.setState(TcpState.Closed);
          doClose = genEvent = true;
        }
        if (flags & RST) {
          ep.setState(TcpState.Reset);
          let reject = false;
          if (isOrig) reject = peer.state === TcpState.Established;
          else reject = peer.state === TcpState.SynSent || peer.state === TcpState.SynAckSent;
          doClose = true;
          genEvent = !reject;
        }
        if (ep.state === TcpState.Inactive) {
          const orig = c.orig!;
          if (!isOrig && s.len === 0 && orig.state === TcpState.SynSent) {
            // Some stacks ACK a SYN before answering it: not a partial connection.
          } else if (flags & ACK && peer.state === TcpState.Established) {
            // A SYN-ACK was seen without its SYN, and now a pure ACK: the SYN was missed.
            ep.setState(TcpState.Established);
          } else ep.setState(TcpState.Partial);
        }
        break;
      }
      case TcpState.SynSent:
      case TcpState.SynAckSent:
        if (flags & FIN) {
          ep.setState(TcpState.Closed);
          doClose = genEvent = true;
        }
        if (flags & RST) {
          ep.setState(TcpState.Reset);
          c.active = false;
          doClose = true;
        }
        break;
      case TcpState.Established:
      case TcpState.Partial:
        if (
          flags & SYN &&
          ep.state === TcpState.Partial &&
          peer.state === TcpState.Inactive &&
          (flags & ACK) === 0
        )
          ep.setState(TcpState.SynSent);
        if (flags & FIN && (flags & RST) === 0) {
          ep.setState(TcpState.Closed);
          // A FIN followed by a RST from the peer was a normal close after all.
          if (peer.state === TcpState.Reset && peer.prevState === TcpState.Closed)
            peer.setState(TcpState.Closed);
          doClose = genEvent = true;
        }
        if (flags & RST) {
          ep.setState(TcpState.Reset);
          doClose = true;
          if (peer.state !== TcpState.Reset || peer.prevState !== TcpState.Established) c.active = false;
        }
        break;
      case TcpState.Closed:
        if (flags & RST && peer.state !== TcpState.Closed) {
          ep.setState(TcpState.Reset);
          if (!ep.didClose) doClose = true;
        }
        break;
      case TcpState.Reset:
        break;
    }
    void deltaLast;
    return { doClose, genEvent };
  }

  private connectionClosed(c: Connection, ep: TcpEndpoint, peer: TcpEndpoint, genEvent: boolean): void {
    if (ep.didClose) return;
    ep.didClose = true;
    const complete = ep.state === TcpState.Reset || peer.didClose || peer.state === TcpState.Inactive;
    if (complete) {
      if (genEvent && (ep.prevState !== TcpState.Inactive || peer.state !== TcpState.Inactive))
        c.active = false;
      // Closing cancels the analyzer's other timers; the connection goes after the close delay.
      c.analyzerTimers++;
      this.timers.add(c, c.lastTs + TCP_CLOSE_DELAY, TimerKind.Delete);
    } else if (ep.prevState !== TcpState.Inactive) {
      // Half closed: look again for the other side closing.
      this.timers.add(c, c.lastTs + TCP_SESSION_TIMER, TimerKind.Expire);
    }
  }
}

function initEndpoint(ep: TcpEndpoint, flags: number, seq: number, lastSeq: number): void {
  switch (ep.state) {
    case TcpState.Inactive:
      if (flags & SYN) {
        ep.ackSeq = seq;
        ep.startSeq = seq;
        ep.lastSeq = lastSeq;
      } else {
        // A partial connection: number as though a SYN had been seen, without marking the packet a duplicate.
        const before = (seq - 1) >>> 0;
        ep.ackSeq = before;
        ep.startSeq = before;
        ep.lastSeq = seq;
      }
      break;
    case TcpState.SynSent:
    case TcpState.SynAckSent:
      if (flags & SYN && seq !== ep.startSeq) {
        ep.startSeq = seq;
        ep.ackSeq = seq;
        ep.lastSeq = lastSeq;
      }
      break;
    case TcpState.Established:
    case TcpState.Partial:
      if (flags & SYN) {
        ep.startSeq = seq;
        ep.ackSeq = seq;
        ep.lastSeq = lastSeq;
      }
      break;
    case TcpState.Reset:
      if (flags & SYN && ep.prevState === TcpState.Inactive) {
        ep.startSeq = seq;
        ep.ackSeq = seq;
        ep.lastSeq = lastSeq;
      }
      break;
    default:
      break;
  }
}

/** A sequence number relative to the endpoint's start, in 64-bit space; negative = before the start. */
function relativeSeq(ep: TcpEndpoint, cur: number, last: number, wraps: number): number {
  const delta = seqDelta(cur, last);
  let w = wraps;
  if (delta < 0) {
    if (w > 0 && cur > last) w--;
  } else if (delta > 0) {
    if (cur < last) w++;
  }
  if (w === 0) return seqDelta(cur, ep.startSeq);
  return ep.relative(cur, w);
}

function updateAckSeq(ep: TcpEndpoint, ack: number): void {
  const delta = seqDelta(ack, ep.ackSeq);
  if (ack === 0 && delta > TOO_LARGE_SEQ_DELTA) return; // more likely a broken ack than a wrap onto 0
  if (delta > 0) ep.updateAckSeq(ack);
}

/** Zeek's logarithmic history letters: the 1st, 10th, 100th, ... occurrence adds one. */
function scaled(count: number, thresh: number): { count: number; hit: boolean; thresh: number } {
  if (count === thresh) return { count, hit: true, thresh: thresh * 10 };
  return { count, hit: false, thresh };
}
