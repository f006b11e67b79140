// Traffic-time timers the way Zeek runs them: each is due at a time, and fires when the first packet at
// or after that time arrives, with that packet's time as "now" (renewed timers count from it). At most
// MAX_EXPIRES fire per packet, as Zeek's max_timer_expires, so bursts of expiries spread over packets.
import type { Connection } from './connection';

export const enum TimerKind {
  /** The connection's inactivity timeout (survives the analyzer's timers being cancelled). */
  Inactivity,
  /** TCP: an unanswered SYN. */
  Attempt,
  /** TCP: the periodic check for a closing or dead connection. */
  Expire,
  /** TCP: removal after the close delay. */
  Delete,
  /** UDP DNS analyzer's session timer. */
  Dns,
}

/** Zeek's max_timer_expires. */
export const MAX_EXPIRES = 300;

export interface TimerQueue {
  add(c: Connection, at: number, kind: TimerKind): void;
}

/** A binary heap of timers in parallel arrays (no object per timer). */
export class TimerHeap implements TimerQueue {
  private readonly at: number[] = [];
  private readonly conn: Connection[] = [];
  private readonly kind: TimerKind[] = [];
  private readonly gen: number[] = [];
  /** Tie-break: timers due at the same time fire in the order they were set. */
  private readonly order: number[] = [];
  private seq = 0;

  get size(): number {
    return this.at.length;
  }

  add(c: Connection, at: number, kind: TimerKind): void {
    const g = kind === TimerKind.Inactivity ? c.inactivityTimer : c.analyzerTimers;
    const n = ++this.seq;
    let i = this.at.length;
    this.at.push(at);
    this.conn.push(c);
    this.kind.push(kind);
    this.gen.push(g);
    this.order.push(n);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.before(p, at, n)) break;
      this.move(p, i);
      i = p;
    }
    this.put(i, at, c, kind, g, n);
  }

  /** Time of the next timer due, or Infinity. */
  next(): number {
    return this.at.length > 0 ? this.at[0]! : Infinity;
  }

  /**
   * Takes the next timer off the heap and returns its connection when it is still live (not cancelled,
   * connection not removed), else undefined; `firedKind` says which timer it was.
   */
  pop(): Connection | undefined {
    const c = this.conn[0]!;
    const kind = this.kind[0]!;
    const g = this.gen[0]!;
    const lastAt = this.at.pop()!;
    const lastC = this.conn.pop()!;
    const lastK = this.kind.pop()!;
    const lastG = this.gen.pop()!;
    const lastO = this.order.pop()!;
    const n = this.at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let ch = 2 * i + 1;
        if (ch >= n) break;
        if (ch + 1 < n && this.before(ch + 1, this.at[ch]!, this.order[ch]!)) ch++;
        if (!this.before(ch, lastAt, lastO)) break;
        this.move(ch, i);
        i = ch;
      }
      this.put(i, lastAt, lastC, lastK, lastG, lastO);
    }
    this.firedKind = kind;
    if (c.removed) return undefined;
    if (g !== (kind === TimerKind.Inactivity ? c.inactivityTimer : c.analyzerTimers)) return undefined;
    return c;
  }

  firedKind: TimerKind = TimerKind.Inactivity;

  private before(i: number, at: number, order: number): boolean {
    const a = this.at[i]!;
    return a < at || (a === at && this.order[i]! < order);
  }

  private move(from: number, to: number): void {
    this.at[to] = this.at[from]!;
    this.conn[to] = this.conn[from]!;
    this.kind[to] = this.kind[from]!;
    this.gen[to] = this.gen[from]!;
    this.order[to] = this.order[from]!;
  }

  private put(i: number, at: number, c: Connection, kind: TimerKind, g: number, order: number): void {
    this.at[i] = at;
    this.conn[i] = c;
    this.kind[i] = kind;
    this.gen[i] = g;
    this.order[i] = order;
  }
}
