// Grows one classification tree of the forest: CART with the entropy criterion (upstream trained its
// forest with criterion='entropy'), a random subset of features tried at each node, nodes split until
// pure. Samples carry weights (bootstrap multiplicity × class weight), so duplicates cost nothing extra.
import { shuffleInPlace } from '../random';

/** A tree as flat arrays in creation order; a child always has a larger index than its parent. */
export interface Tree {
  /** Feature tested at the node, -1 at a leaf. */
  feature: number[];
  /** Go left when the feature value is <= threshold. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Weighted share of the Malware class among the training samples that reached the node. */
  value: number[];
}

export interface TreeData {
  /** Row-major features, `rows × features`. */
  x: Float64Array;
  y: Uint8Array;
  features: number;
}

export interface GrowOptions {
  /** Features drawn at each node (sklearn's default for classifiers: floor(sqrt(features))). */
  maxFeatures: number;
  /** Per-sample weight (0 = not in this tree's bootstrap sample). */
  weight: Float64Array;
  rnd: () => number;
}

interface Pending {
  node: number;
  idx: Int32Array;
}

/** Below this weighted gain a split is no better than noise in the sums. */
const MIN_GAIN = 1e-12;

export function growTree(d: TreeData, o: GrowOptions): Tree {
  const t: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const start: number[] = [];
  for (let i = 0; i < d.y.length; i++) if (o.weight[i]! > 0) start.push(i);
  const stack: Pending[] = [{ node: newNode(t), idx: Int32Array.from(start) }];
  const order = Array.from({ length: d.features }, (_, k) => k);
  while (stack.length) {
    const { node, idx } = stack.pop()!;
    let w0 = 0;
    let w1 = 0;
    for (const i of idx) d.y[i] ? (w1 += o.weight[i]!) : (w0 += o.weight[i]!);
    t.value[node] = w0 + w1 > 0 ? w1 / (w0 + w1) : 0;
    if (w0 === 0 || w1 === 0 || idx.length < 2) continue;
    const best = bestSplit(d, o, idx, w0, w1, shuffleInPlace(order, o.rnd));
    if (!best) continue;
    const l: number[] = [];
    const r: number[] = [];
    for (const i of idx) (d.x[i * d.features + best.feature]! <= best.threshold ? l : r).push(i);
    t.feature[node] = best.feature;
    t.threshold[node] = best.threshold;
    const ln = newNode(t);
    const rn = newNode(t);
    t.left[node] = ln;
    t.right[node] = rn;
    stack.push({ node: rn, idx: Int32Array.from(r) }, { node: ln, idx: Int32Array.from(l) });
  }
  return t;
}

function newNode(t: Tree): number {
  t.feature.push(-1);
  t.threshold.push(0);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push(0);
  return t.feature.length - 1;
}

/**
 * The split with the largest entropy decrease among `maxFeatures` features of the shuffled order; as
 * in scikit-learn, constant features do not use up the draw, so more are tried until one can split.
 */
function bestSplit(
  d: TreeData,
  o: GrowOptions,
  idx: Int32Array,
  w0: number,
  w1: number,
  order: number[],
): { feature: number; threshold: number } | undefined {
  const parent = entropy(w0, w1) * (w0 + w1);
  let best: { feature: number; threshold: number } | undefined;
  let bestGain = MIN_GAIN;
  let tried = 0;
  const vals = new Float64Array(idx.length);
  const sorted = Int32Array.from(idx);
  for (const f of order) {
    if (tried >= o.maxFeatures) break;
    for (let k = 0; k < idx.length; k++) vals[k] = d.x[idx[k]! * d.features + f]!;
    const perm = Array.from({ length: idx.length }, (_, k) => k).sort((a, b) => vals[a]! - vals[b]! || a - b);
    if (vals[perm[0]!] === vals[perm[perm.length - 1]!]) continue;
    tried++;
    for (let k = 0; k < perm.length; k++) sorted[k] = idx[perm[k]!]!;
    let l0 = 0;
    let l1 = 0;
    for (let k = 0; k < perm.length - 1; k++) {
      const i = sorted[k]!;
      d.y[i] ? (l1 += o.weight[i]!) : (l0 += o.weight[i]!);
      const v = vals[perm[k]!]!;
      const next = vals[perm[k + 1]!]!;
      if (v === next) continue;
      const r0 = w0 - l0;
      const r1 = w1 - l1;
      const gain = parent - entropy(l0, l1) * (l0 + l1) - entropy(r0, r1) * (r0 + r1);
      if (gain > bestGain) {
        bestGain = gain;
        // The midpoint, as scikit-learn; when it rounds onto `next` the lower value keeps the split valid.
        const mid = v + (next - v) / 2;
        best = { feature: f, threshold: mid < next ? mid : v };
      }
    }
  }
  return best;
}

function entropy(a: number, b: number): number {
  const n = a + b;
  if (n <= 0 || a <= 0 || b <= 0) return 0;
  const p = a / n;
  const q = b / n;
  return -(p * Math.log2(p) + q * Math.log2(q));
}
