// Splits each batch the reader yields into one batch per partition (partition.ts says who gets what),
// keeping input order inside each, and tracks the newest traffic time of the whole input: a worker sees
// only its share, but its windows must close when the whole input's traffic time says so (the profiler
// closes a window a full width behind the newest traffic), so every batch carries that time.
import type { FlowRecord } from '../flow';
import { NetworkKnowledge } from '../detectors/networkKnowledge';
import type { AnalysisDirection } from '../profiler/profiler';
import { feedsKnowledge, partitionOf, profileIps } from './partition';
import type { EncodedBatch } from './recordCodec';

export class Router {
  /** Traffic time of the first record: the profiler's grid starts there (timeWindows.ts), in every partition. */
  private origin: number | undefined;
  /** Newest traffic time so far, of every record read. */
  private newest = -Infinity;
  /** Learns the local network as the engine does, to spot the one record that teaches it. */
  private readonly knowledge: NetworkKnowledge;
  /** Records each partition counts as its own. */
  readonly counted: number[];

  constructor(
    readonly partitions: number,
    private readonly direction: AnalysisDirection,
    clientIps: readonly string[],
  ) {
    this.knowledge = new NetworkKnowledge(clientIps);
    this.counted = new Array<number>(partitions).fill(0);
  }

  get watermark(): number {
    return this.newest;
  }

  /** One batch per partition that received records (undefined for the others). */
  split(batch: readonly FlowRecord[]): (EncodedBatch | undefined)[] {
    const before = this.newest;
    const out: (EncodedBatch | undefined)[] = new Array(this.partitions);
    const to = (k: number, rec: FlowRecord, shared: boolean) => {
      const b = (out[k] ??= { origin: this.origin!, before, after: before, records: [], shared: [] });
      if (shared) b.shared.push(b.records.length);
      b.records.push(rec);
    };
    for (const rec of batch) {
      this.origin ??= rec.ts;
      if (rec.ts > this.newest) this.newest = rec.ts;
      const owners = profileIps(rec, this.direction).map((ip) => partitionOf(ip, this.partitions));
      // A record without a profile (no valid source) is still counted once, by its source's partition.
      const counter = owners[0] ?? partitionOf(rec.saddr, this.partitions);
      this.counted[counter]!++;
      if (this.teachesKnowledge(rec)) {
        for (let k = 0; k < this.partitions; k++) to(k, rec, k !== counter);
        continue;
      }
      to(counter, rec, false);
      for (let i = 1; i < owners.length; i++) if (owners[i] !== counter) to(owners[i]!, rec, true);
    }
    for (const b of out) if (b) b.after = this.newest;
    return out;
  }

  private teachesKnowledge(rec: FlowRecord): boolean {
    if (feedsKnowledge(rec)) return true;
    // The local network is learnt from the first private source of the input, whichever partition owns it.
    if (rec.kind !== 'conn' || this.knowledge.localNetwork !== undefined) return false;
    this.knowledge.learn(rec);
    return this.knowledge.localNetwork !== undefined;
  }
}
