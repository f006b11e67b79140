// A dictionary-encoded string column that keeps one dictionary for the whole file. The Arrow IPC file
// format forbids replacing a dictionary; it allows appending to it ("deltas"), but some readers
// (older arrow-rs / polars) reject deltas. So the dictionary is seeded with every value expected and
// grows, as a delta, only when an unexpected value shows up.
import { Dictionary, Int32, Utf8, Vector, type Data } from 'apache-arrow';
import { utf8Data } from './utf8';

export class DictionaryColumn {
  readonly type: Dictionary<Utf8, Int32>;
  private readonly codes = new Map<string, number>();
  private readonly chunks: Data<Utf8>[] = [];
  private fresh: string[] = [];
  private vector: Vector<Utf8> | undefined;
  private lastValue: string | undefined;
  private lastCode = 0;

  /** `id` is fixed by the caller: the library's default is a process-wide counter, which would make
   *  two runs in one process write different bytes. */
  constructor(id: number, seed: readonly string[]) {
    this.type = new Dictionary(new Utf8(), new Int32(), id);
    for (const s of seed) this.code(s);
  }

  code(s: string): number {
    // Runs of the same value are the common case (all conn, all tcp).
    if (s === this.lastValue) return this.lastCode;
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(s, c);
      this.fresh.push(s);
    }
    this.lastValue = s;
    this.lastCode = c;
    return c;
  }

  /** The dictionary for the batch being built. Values added since the last batch become a new chunk,
   *  which the file writer emits as a delta (the first chunk stays the same object). */
  dictionary(): Vector<Utf8> {
    if (this.fresh.length > 0 || !this.vector) {
      this.chunks.push(utf8Data(this.fresh));
      this.fresh = [];
      this.vector = new Vector(this.chunks.slice());
    }
    return this.vector;
  }

  get size(): number {
    return this.codes.size;
  }
}
