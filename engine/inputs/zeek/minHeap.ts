// A binary min-heap on an array, for the time-ordered merge of Zeek logs.

export class MinHeap<T> {
  private readonly items: T[] = [];

  /** `less(a, b)` is true when a must come out before b. */
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      this.siftDown();
    }
    return top;
  }

  /** Restores order after the smallest item's key grew (cheaper than pop then push). */
  updateTop(): void {
    this.siftDown();
  }

  private siftDown(): void {
    const a = this.items;
    const n = a.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.less(a[r]!, a[l]!) ? r : l;
      if (!this.less(a[c]!, a[i]!)) return;
      [a[i], a[c]] = [a[c]!, a[i]!];
      i = c;
    }
  }
}
