// A set that holds its first member inline and makes a real Set only when a second, different member
// arrives. Scan counters keep one per destination IP and one per port, and the evidence accumulator
// one per window; most of them never see a second member (a horizontal scan touches each address on
// one port). A Set each was a third of what the profiler kept alive past young-generation collections
// on the 1M-line bench.
export class SmallSet<K> {
  private one: K | undefined;
  private many: Set<K> | undefined;

  constructor(first: K) {
    this.one = first;
  }

  get size(): number {
    return this.many ? this.many.size : 1;
  }

  add(k: K): void {
    if (this.many) this.many.add(k);
    else if (k !== this.one) {
      this.many = new Set([this.one!, k]);
      this.one = undefined;
    }
  }

  has(k: K): boolean {
    return this.many ? this.many.has(k) : k === this.one;
  }

  *[Symbol.iterator](): IterableIterator<K> {
    if (this.many) yield* this.many;
    else yield this.one!;
  }
}
