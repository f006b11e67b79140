// Order statistics RITA's beacon analysis is built on (neighbours.md 2.4): quartiles, Bowley skew and
// the median absolute deviation, each turned into a score in [0,1] where 1 means "perfectly regular".

/**
 * Nearest-rank quantile of an ascending array: the element at floor(q·n) (ClickHouse `quantileExact`,
 * which RITA v5 computes its quartiles with). No interpolation, so scores are exact and reproducible.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[Math.min(n - 1, Math.floor(q * n))]!;
}

/** Below this inter-quartile spread the skew is noise (RITA forces it to 0). */
const MIN_SKEW_SPREAD = 10;

/** Bowley skew (Q1+Q3−2·Q2)/(Q3−Q1), 0 when the spread is tiny or the median sits on a quartile. */
export function bowleySkew(sorted: ArrayLike<number>): number {
  const q1 = quantileSorted(sorted, 0.25);
  const q2 = quantileSorted(sorted, 0.5);
  const q3 = quantileSorted(sorted, 0.75);
  if (q3 - q1 < MIN_SKEW_SPREAD || q2 === q1 || q2 === q3) return 0;
  return (q1 + q3 - 2 * q2) / (q3 - q1);
}

/** Median of |x − median|. */
export function medianAbsDeviation(sorted: ArrayLike<number>): number {
  const med = quantileSorted(sorted, 0.5);
  const dev = Array.from(sorted, (x) => Math.abs(x - med)).sort((a, b) => a - b);
  return quantileSorted(dev, 0.5);
}

export interface SkewMad {
  skew: number;
  mad: number;
  median: number;
  skewScore: number;
  madScore: number;
  /** round3((skewScore + madScore) / 2) */
  score: number;
}

/**
 * The skew+MAD score RITA uses for both connection intervals and data sizes. When the median is
 * below 1 the relative MAD is meaningless; RITA then gives the MAD score `madWhenTiny` (1 for
 * intervals, 0 for sizes).
 */
export function skewMadScore(values: readonly number[], madWhenTiny: number): SkewMad {
  const sorted = [...values].sort((a, b) => a - b);
  const skew = bowleySkew(sorted);
  const median = quantileSorted(sorted, 0.5);
  const mad = medianAbsDeviation(sorted);
  const skewScore = 1 - Math.abs(skew);
  const madScore = median < 1 ? madWhenTiny : Math.max(0, (median - mad) / median);
  return { skew, mad, median, skewScore, madScore, score: round3((skewScore + madScore) / 2) };
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
