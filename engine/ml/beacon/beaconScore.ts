// RITA's beacon score (neighbours.md 2.4) for one source→destination pair: four sub-scores in [0,1]
// (interval regularity, size regularity, histogram, duration) and their weighted sum.
//
// RITA scores 24 hours of logs with 24 hourly bins. We score one time window at a time, so the
// "dataset" is the traffic the window saw (first to last flow of the profile in it) and its 24 bins
// are 24 equal slices of that span; a bin plays the role of RITA's hour in the duration score.
import { round3, skewMadScore, type SkewMad } from './robustStats';

/** RITA's defaults: fewer unique connection times cannot show a rhythm; weights sum to 1. */
export const BEACON_RULES = {
  minUniqueTimestamps: 4,
  /** Needed non-zero intervals (RITA: ≥ 3). */
  minIntervals: 3,
  bins: 24,
  /** Bimodal fit needs this many non-empty bins. */
  minBinsForBimodal: 11,
  /** Bar heights are grouped in buckets of this share of the tallest bar. */
  bimodalBucketShare: 0.05,
  /** One bar may be an outlier in the bimodal fit. */
  bimodalOutliers: 1,
  /** Duration score needs this many non-empty bins. */
  minBinsForDuration: 6,
  /** A run of this many consecutive non-empty bins is full consistency (RITA: 12 hours of 24). */
  consistencyRun: 12,
  weights: { ts: 0.25, ds: 0.25, hist: 0.25, dur: 0.25 },
} as const;

export interface BeaconInput {
  /** Connection start times (epoch seconds), any order. */
  timestamps: readonly number[];
  /** Originator bytes per connection, same order as timestamps. */
  sizes: readonly number[];
  /** The span the histogram and the duration coverage are measured over. */
  rangeStart: number;
  rangeEnd: number;
}

export interface BeaconScore {
  score: number;
  ts: SkewMad;
  ds: SkewMad;
  hist: { score: number; cvScore: number; bimodalFit: number; bins: number[] };
  dur: { score: number; coverage: number; consistency: number };
  connections: number;
  uniqueTimestamps: number;
  /** Median interval between connections, seconds. */
  medianInterval: number;
}

/** The pair's beacon score, or undefined when it has too few distinct connection times to judge. */
export function beaconScore(i: BeaconInput): BeaconScore | undefined {
  const times = [...i.timestamps].sort((a, b) => a - b);
  const intervals: number[] = [];
  let unique = times.length ? 1 : 0;
  for (let k = 1; k < times.length; k++) {
    const d = times[k]! - times[k - 1]!;
    if (d > 0) {
      intervals.push(d);
      unique++;
    }
  }
  if (unique < BEACON_RULES.minUniqueTimestamps || intervals.length < BEACON_RULES.minIntervals)
    return undefined;
  const ts = skewMadScore(intervals, 1);
  const ds = skewMadScore(i.sizes, 0);
  const bins = histogram(times, i.rangeStart, i.rangeEnd);
  const hist = histogramScore(bins);
  const dur = durationScore(bins, times[0]!, times[times.length - 1]!, i.rangeEnd - i.rangeStart);
  const w = BEACON_RULES.weights;
  const score = round3(w.ts * ts.score + w.ds * ds.score + w.hist * hist.score + w.dur * dur.score);
  return {
    score,
    ts,
    ds,
    hist: { ...hist, bins },
    dur,
    connections: times.length,
    uniqueTimestamps: unique,
    medianInterval: ts.median,
  };
}

/** Connections per bin over [start, end]; the end itself falls in the last bin. */
export function histogram(sortedTimes: readonly number[], start: number, end: number): number[] {
  const n = BEACON_RULES.bins;
  const bins = new Array<number>(n).fill(0);
  const span = end - start;
  for (const t of sortedTimes) {
    const k = span > 0 ? Math.floor(((t - start) / span) * n) : 0;
    bins[Math.max(0, Math.min(n - 1, k))]!++;
  }
  return bins;
}

/** max(1 − CV of the bin counts, bimodal fit): flat or two-level histograms look scheduled. */
export function histogramScore(bins: readonly number[]): {
  score: number;
  cvScore: number;
  bimodalFit: number;
} {
  const mean = bins.reduce((a, b) => a + b, 0) / bins.length;
  const variance = bins.reduce((a, b) => a + (b - mean) ** 2, 0) / bins.length;
  const cv = mean > 0 ? Math.sqrt(variance) / mean : Infinity;
  const cvScore = cv > 1 ? 0 : round3(1 - cv);
  const bimodalFit = round3(bimodal(bins));
  return { score: Math.max(cvScore, bimodalFit), cvScore, bimodalFit };
}

/** Share of non-empty bars whose heights fall in the two most common height buckets (one outlier allowed). */
function bimodal(bins: readonly number[]): number {
  const bars = bins.filter((b) => b > 0);
  if (bars.length < BEACON_RULES.minBinsForBimodal) return 0;
  const bucket = Math.ceil(BEACON_RULES.bimodalBucketShare * Math.max(...bars));
  const freq = new Map<number, number>();
  for (const b of bars) {
    const k = Math.floor(b / bucket);
    freq.set(k, (freq.get(k) ?? 0) + 1);
  }
  const top = [...freq.values()].sort((a, b) => b - a);
  const fit = ((top[0] ?? 0) + (top[1] ?? 0)) / Math.max(1, bars.length - BEACON_RULES.bimodalOutliers);
  return Math.min(1, fit);
}

/** max(coverage of the span, longest circular run of non-empty bins / 12): long-lived, steady contact. */
export function durationScore(
  bins: readonly number[],
  first: number,
  last: number,
  span: number,
): { score: number; coverage: number; consistency: number } {
  const filled = bins.filter((b) => b > 0).length;
  if (filled < BEACON_RULES.minBinsForDuration) return { score: 0, coverage: 0, consistency: 0 };
  const coverage = round3(span > 0 ? Math.min(1, (last - first) / span) : 0);
  const consistency = round3(Math.min(1, longestCircularRun(bins) / BEACON_RULES.consistencyRun));
  return { score: Math.max(coverage, consistency), coverage, consistency };
}

function longestCircularRun(bins: readonly number[]): number {
  const n = bins.length;
  if (bins.every((b) => b > 0)) return n;
  let best = 0;
  let run = 0;
  // Two passes over the ring catch a run that wraps from the last bin to the first.
  for (let k = 0; k < 2 * n; k++) {
    run = bins[k % n]! > 0 ? run + 1 : 0;
    best = Math.max(best, Math.min(run, n));
  }
  return best;
}
