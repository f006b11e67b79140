// Interned strings: each distinct value is kept once and rows hold its number. Addresses, protocols
// and states repeat across millions of flows, so a query compares small integers (or evaluates a
// condition once per distinct value) instead of touching a string per row.

export class StringPool {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** The id of `s`, or -1 when no row has it. */
  idOf(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
