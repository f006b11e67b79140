// Binary classification metrics for the model cards: precision, recall, F1 at a threshold and ROC-AUC.

export interface BinaryMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function binaryMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): BinaryMetrics {
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = scores[i]! > threshold;
    if (labels[i]) p ? tp++ : fn++;
    else p ? fp++ : tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1, rocAuc: rocAuc(scores, labels), tp, fp, tn, fn };
}

/** Probability that a random positive outscores a random negative (ties count half): Mann–Whitney U. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (labels[idx[k]!]) rankSumPos += midRank;
    i = j;
  }
  for (let i = 0; i < labels.length; i++) labels[i] ? pos++ : neg++;
  if (!pos || !neg) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** The threshold (among the scores seen) with the best F1: chosen on validation data, never on the test split. */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const candidates = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  let best = 0.5;
  let bestF1 = -1;
  for (let k = 0; k < candidates.length; k++) {
    // midpoint between neighbouring scores, so the threshold does not sit on a training score
    const t = k + 1 < candidates.length ? (candidates[k]! + candidates[k + 1]!) / 2 : candidates[k]!;
    const f1 = binaryMetrics(scores, labels, t).f1;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/** Rates to 4 decimals, as the model cards print them. */
export function roundMetrics(m: BinaryMetrics): BinaryMetrics {
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return { ...m, precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), rocAuc: r(m.rocAuc) };
}
