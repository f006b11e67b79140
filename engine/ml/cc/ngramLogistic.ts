// The baseline the sequence model is measured against: logistic regression on letter n-gram
// frequencies (unigrams and bigrams of the 50 symbols, plus log length), trained by full-batch
// gradient descent — deterministic, no library, a few seconds.
import { encodeLetters, VOCABULARY_SIZE } from './vocabulary';

const V = VOCABULARY_SIZE;
/** Unigrams, bigrams, then log(1 + length). */
export const NGRAM_FEATURES = V + V * V + 1;

export const BASELINE_TRAINING = {
  iterations: 400,
  learningRate: 2,
  /** L2 penalty per weight. */
  l2: 1e-4,
} as const;

type Sparse = { idx: number[]; val: number[] };

export function ngramFeatures(letters: string): Sparse {
  const { ids } = encodeLetters(letters);
  const counts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    counts.set(ids[i]!, (counts.get(ids[i]!) ?? 0) + 1);
    if (i > 0) {
      const k = V + ids[i - 1]! * V + ids[i]!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const idx: number[] = [];
  const val: number[] = [];
  const n = Math.max(1, ids.length);
  for (const [k, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    idx.push(k);
    val.push(c / n);
  }
  idx.push(NGRAM_FEATURES - 1);
  val.push(Math.log1p(ids.length));
  return { idx, val };
}

export class NgramLogistic {
  constructor(
    readonly w: Float64Array = new Float64Array(NGRAM_FEATURES),
    public b = 0,
  ) {}

  static train(letters: readonly string[], y: readonly number[]): NgramLogistic {
    const xs = letters.map(ngramFeatures);
    const m = new NgramLogistic();
    const grad = new Float64Array(NGRAM_FEATURES);
    const { iterations, learningRate, l2 } = BASELINE_TRAINING;
    for (let it = 0; it < iterations; it++) {
      grad.fill(0);
      let gb = 0;
      for (let i = 0; i < xs.length; i++) {
        const err = m.scoreFeatures(xs[i]!) - y[i]!;
        const x = xs[i]!;
        for (let k = 0; k < x.idx.length; k++) grad[x.idx[k]!]! += err * x.val[k]!;
        gb += err;
      }
      const n = xs.length;
      for (let k = 0; k < NGRAM_FEATURES; k++) m.w[k]! -= learningRate * (grad[k]! / n + l2 * m.w[k]!);
      m.b -= (learningRate * gb) / n;
    }
    return m;
  }

  score(letters: string): number {
    return this.scoreFeatures(ngramFeatures(letters));
  }

  private scoreFeatures(x: Sparse): number {
    let z = this.b;
    for (let k = 0; k < x.idx.length; k++) z += this.w[x.idx[k]!]! * x.val[k]!;
    return 1 / (1 + Math.exp(-z));
  }
}
