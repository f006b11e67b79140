// Candidates that wait for more traffic before they are decided ("re-check after 15 s", "within 5 min"):
// a min-heap on (deadline, arrival), so they settle in traffic-time order whatever order flows arrive
// in, and ties settle in arrival order (deterministic output).

interface Entry<T> {
  due: number;
  seq: number;
  item: T;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class DeadlineQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(due: number, item: T): void {
    const h = this.heap;
    h.push({ due, seq: this.seq++, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  /** Hands every item whose deadline is at or before `now` to `settle`, earliest first. */
  settleDue(now: number, settle: (item: T) => void): void {
    const h = this.heap;
    while (h.length > 0 && h[0]!.due <= now) settle(this.pop());
  }

  /** Hands every item to `settle`, earliest deadline first (end of input). */
  drain(settle: (item: T) => void): void {
    while (this.heap.length > 0) settle(this.pop());
  }

  private pop(): T {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, h[i]!)) break;
        [h[i], h[c]] = [h[c]!, h[i]!];
        i = c;
      }
    }
    return top.item;
  }
}
