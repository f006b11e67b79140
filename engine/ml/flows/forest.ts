// A random forest over the flow features: bootstrap samples, class weights that balance Normal and
// Malware, trees of tree.ts; the Malware probability is the mean of the trees' leaf shares (as
// scikit-learn's predict_proba). Saved as plain JSON arrays, checked node by node when loaded.
import { seededRandom } from '../random';
import { growTree, type Tree } from './tree';

export interface ForestOptions {
  /** Upstream's forest had 30 trees (n_estimators=30). */
  trees: number;
  maxFeatures: number;
  seed: number;
}

export const FOREST_FORMAT = 'slips-flow-random-forest/1';

export interface ForestJson {
  format: typeof FOREST_FORMAT;
  features: string[];
  classes: string[];
  options: ForestOptions;
  trees: Tree[];
}

/** A model file that cannot be used; the message names the file and what is wrong with it. */
export class ForestFileError extends Error {
  override name = 'ForestFileError';
}

export class RandomForest {
  private constructor(
    readonly features: readonly string[],
    readonly classes: readonly string[],
    readonly options: ForestOptions,
    private readonly trees: readonly Tree[],
  ) {}

  /**
   * Trains on row-major `x` (rows × features) with labels 0/1. Each class gets the weight
   * rows / (2 × its rows), scikit-learn's class_weight='balanced': the labelled captures hold far more
   * malware flows than normal ones, and an unweighted forest would call almost every flow malware.
   */
  static train(
    x: Float64Array,
    y: Uint8Array,
    names: { features: readonly string[]; classes: readonly string[] },
    options: ForestOptions,
  ): RandomForest {
    const n = y.length;
    const features = names.features.length;
    if (x.length !== n * features)
      throw new Error(`expected ${n}×${features} feature values, got ${x.length}`);
    const count1 = y.reduce((a, v) => a + v, 0);
    if (count1 === 0 || count1 === n) throw new Error('training needs flows of both classes');
    const classWeight = [n / (2 * (n - count1)), n / (2 * count1)];
    const rnd = seededRandom(options.seed);
    const trees: Tree[] = [];
    for (let t = 0; t < options.trees; t++) {
      const weight = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rnd() * n);
        weight[i]! += classWeight[y[i]!]!;
      }
      trees.push(growTree({ x, y, features }, { maxFeatures: options.maxFeatures, weight, rnd }));
    }
    return new RandomForest([...names.features], [...names.classes], options, trees);
  }

  /** Probability of the second class (Malware) for one feature vector. */
  probability(f: ArrayLike<number>): number {
    let sum = 0;
    for (const t of this.trees) {
      let k = 0;
      while (t.feature[k]! >= 0) k = f[t.feature[k]!]! <= t.threshold[k]! ? t.left[k]! : t.right[k]!;
      sum += t.value[k]!;
    }
    return sum / this.trees.length;
  }

  get nodeCount(): number {
    return this.trees.reduce((a, t) => a + t.feature.length, 0);
  }

  toJSON(): ForestJson {
    return {
      format: FOREST_FORMAT,
      features: [...this.features],
      classes: [...this.classes],
      options: this.options,
      trees: this.trees.map((t) => ({
        ...t,
        // Thresholds stay exact (a rounded one could send a flow the other way); leaf shares are
        // rounded to 6 decimals to keep the file small. Evaluation always uses the reloaded file.
        value: t.value.map((v) => Math.round(v * 1e6) / 1e6),
      })),
    };
  }

  /**
   * Checks a parsed model file: the expected feature names and classes, and every tree well formed
   * (children after their parent, so a walk always ends at a leaf). `file` names it in messages.
   */
  static fromJSON(
    j: unknown,
    file: string,
    want: { features: readonly string[]; classes: readonly string[] },
  ): RandomForest {
    const bad = (why: string): never => {
      throw new ForestFileError(`${file}: ${why}`);
    };
    if (!j || typeof j !== 'object') bad('not a JSON object');
    const m = j as Partial<ForestJson>;
    if (m.format !== FOREST_FORMAT) bad(`format must be "${FOREST_FORMAT}", got ${JSON.stringify(m.format)}`);
    if (JSON.stringify(m.features) !== JSON.stringify(want.features))
      bad(`features must be ${want.features.join(',')}, got ${JSON.stringify(m.features)}`);
    if (JSON.stringify(m.classes) !== JSON.stringify(want.classes))
      bad(`classes must be ${want.classes.join(',')}, got ${JSON.stringify(m.classes)}`);
    if (!Array.isArray(m.trees) || m.trees.length === 0) bad('no trees');
    const trees = m.trees!.map((t, k) =>
      checkTree(t, want.features.length, (why) => bad(`tree ${k}: ${why}`)),
    );
    return new RandomForest(
      want.features,
      want.classes,
      m.options ?? { trees: trees.length, maxFeatures: 0, seed: 0 },
      trees,
    );
  }
}

function checkTree(t: unknown, features: number, bad: (why: string) => never): Tree {
  const tree = t as Partial<Tree>;
  const cols = ['feature', 'threshold', 'left', 'right', 'value'] as const;
  for (const c of cols) if (!Array.isArray(tree?.[c])) bad(`${c} is not a list`);
  const n = tree.feature!.length;
  if (n === 0) bad('no nodes');
  for (const c of cols) if (tree[c]!.length !== n) bad(`${c} has ${tree[c]!.length} entries, expected ${n}`);
  for (let k = 0; k < n; k++) {
    const f = tree.feature![k];
    const v = tree.value![k];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) bad(`node ${k}: value must be in [0, 1]`);
    if (f === -1) continue;
    if (!Number.isInteger(f) || f! < 0 || f! >= features) bad(`node ${k}: feature ${f} out of range`);
    if (typeof tree.threshold![k] !== 'number' || !Number.isFinite(tree.threshold![k]))
      bad(`node ${k}: threshold is not a finite number`);
    for (const side of ['left', 'right'] as const) {
      const c = tree[side]![k];
      if (!Number.isInteger(c) || c! <= k || c! >= n)
        bad(`node ${k}: ${side} child ${c} is not a later node`);
    }
  }
  return tree as Tree;
}
