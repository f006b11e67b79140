// Reads a capture with the engine's own readers and turns its connections into feature rows with
// their ground truth, as the forest's training and evaluation see them.
import { Accounting } from '../../inputs/accounting';
import { openReader } from '../../inputs/openReader';
import { flowFeatures, normaliseLabel, type Label } from './features';

export interface FlowRows {
  /** Feature vectors of the TCP/UDP connections, in input order. */
  features: Float64Array[];
  /** Their normalised labels (undefined: no usable label). */
  labels: (Label | undefined)[];
  /** Connection records not classified (other protocols). */
  skipped: number;
  /** Lines the reader rejected. */
  rejected: number;
}

export async function readFlowRows(path: string): Promise<FlowRows> {
  const accounting = new Accounting();
  const reader = await openReader(path, { accounting });
  const out: FlowRows = { features: [], labels: [], skipped: 0, rejected: 0 };
  for await (const batch of reader.batches())
    for (const rec of batch) {
      if (rec.kind !== 'conn') continue;
      const f = flowFeatures(rec);
      if (!f) {
        out.skipped++;
        continue;
      }
      out.features.push(f);
      out.labels.push(normaliseLabel(rec.label));
    }
  out.rejected = accounting.rejections.length;
  return out;
}

/** The rows with a label, packed for training: row-major features and 0/1 labels. */
export function packLabelled(parts: readonly FlowRows[]): { x: Float64Array; y: Uint8Array } {
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (const p of parts)
    p.features.forEach((f, i) => {
      const l = p.labels[i];
      if (l === undefined) return;
      xs.push(f);
      ys.push(l);
    });
  const width = xs[0]?.length ?? 0;
  const x = new Float64Array(xs.length * width);
  xs.forEach((f, i) => x.set(f, i * width));
  return { x, y: Uint8Array.from(ys) };
}
