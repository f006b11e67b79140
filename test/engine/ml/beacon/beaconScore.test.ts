// RITA's beacon sub-scores on small hand-computed cases (the arithmetic is in the comments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beaconScore, durationScore, histogramScore } from '../../../../engine/ml/beacon/beaconScore';
import {
  bowleySkew,
  medianAbsDeviation,
  quantileSorted,
  skewMadScore,
} from '../../../../engine/ml/beacon/robustStats';

test('nearest-rank quartiles, Bowley skew and MAD', () => {
  const s = [10, 12, 14, 40, 100];
  // floor(q·n): Q1 = s[1], Q2 = s[2], Q3 = s[3]
  assert.deepEqual(
    [0.25, 0.5, 0.75].map((q) => quantileSorted(s, q)),
    [12, 14, 40],
  );
  // (12 + 40 − 28) / (40 − 12)
  assert.equal(bowleySkew(s), 24 / 28);
  // |x − 14| = 4 2 0 26 86 → median 4
  assert.equal(medianAbsDeviation(s), 4);
  // spread below 10 → skew forced to 0; median on a quartile → 0
  assert.equal(bowleySkew([1, 2, 3, 4, 5]), 0);
  assert.equal(bowleySkew([10, 30, 30, 30, 90]), 0);
});

test('skew+MAD score: RITA defaults when the median is below 1', () => {
  // skewScore 1 − 6/7, madScore (14 − 4)/14 → (0.142857 + 0.714286) / 2 = 0.4286
  assert.equal(skewMadScore([100, 10, 40, 12, 14], 1).score, 0.429);
  assert.equal(skewMadScore([0, 0, 0, 0], 1).score, 1, 'intervals: MAD score 1 when median < 1');
  assert.equal(skewMadScore([0, 0, 0, 0], 0).score, 0.5, 'sizes: MAD score 0 when median < 1');
});

test('table: beacon score and its four sub-scores', () => {
  const cases: {
    name: string;
    timestamps: number[];
    sizes: number[];
    range: [number, number];
    want: { score: number; ts: number; ds: number; hist: number; dur: number } | undefined;
  }[] = [
    {
      // every interval 60 s, every size 100 → TS = DS = 1; one connection per bin → CV 0; full coverage
      name: 'perfect beacon',
      timestamps: Array.from({ length: 24 }, (_, i) => i * 60),
      sizes: new Array(24).fill(100),
      range: [0, 1380],
      want: { score: 1, ts: 1, ds: 1, hist: 1, dur: 1 },
    },
    {
      // intervals 10 12 14 40 100 → TS 0.429 (above); sizes 100×5, 1000 → quartiles all 100, MAD 0 → DS 1;
      // bins 0 1 3 4 10 23 hold one each → CV = 0.433/0.25 > 1 → 0, six bars < 11 → no bimodal → 0;
      // six bins → duration: coverage 176/176 = 1 (consistency 3/12); total 0.25·(0.429+1+0+1) = 0.607
      name: 'irregular intervals, steady sizes',
      timestamps: [0, 10, 22, 36, 76, 176],
      sizes: [100, 100, 100, 100, 100, 1000],
      range: [0, 176],
      want: { score: 0.607, ts: 0.429, ds: 1, hist: 0, dur: 1 },
    },
    {
      // intervals 10 20 30 40 50 → skew 0, MAD 10 → (1 + 2/3)/2 = 0.833; sizes 0 → DS 0.5;
      // bins 0 1 4 9 16 23 (of 24 over 150 s) → hist 0; duration coverage 1; 0.25·(0.833+0.5+0+1) = 0.583
      name: 'spreading intervals, empty payloads',
      timestamps: [0, 10, 30, 60, 100, 150],
      sizes: [0, 0, 0, 0, 0, 0],
      range: [0, 150],
      want: { score: 0.583, ts: 0.833, ds: 0.5, hist: 0, dur: 1 },
    },
    {
      name: 'three connections',
      timestamps: [0, 60, 120],
      sizes: [1, 1, 1],
      range: [0, 120],
      want: undefined,
    },
    {
      name: 'four connections at two distinct times',
      timestamps: [0, 0, 60, 60],
      sizes: [1, 1, 1, 1],
      range: [0, 60],
      want: undefined,
    },
  ];
  for (const c of cases) {
    const s = beaconScore({
      timestamps: c.timestamps,
      sizes: c.sizes,
      rangeStart: c.range[0],
      rangeEnd: c.range[1],
    });
    if (!c.want) {
      assert.equal(s, undefined, c.name);
      continue;
    }
    assert.ok(s, c.name);
    assert.deepEqual(
      { score: s.score, ts: s.ts.score, ds: s.ds.score, hist: s.hist.score, dur: s.dur.score },
      c.want,
      c.name,
    );
  }
});

test('histogram: flat counts score 1 − CV, two levels score by the bimodal fit', () => {
  // 12 bars of 10 and 12 of 20: mean 15, sd 5 → cv score 0.667; bucket ceil(0.05·20) = 1 →
  // two heights, 24 bars → (12 + 12)/(24 − 1) > 1 → fit 1
  const two = Array.from({ length: 24 }, (_, i) => (i % 2 ? 20 : 10));
  assert.deepEqual(histogramScore(two), { score: 1, cvScore: 0.667, bimodalFit: 1 });
  // 11 bars: 9 of height 4, 1 of 8, 1 of 40 → bucket 2 → buckets {2: 9, 4: 1, 20: 1} → (9 + 1)/10 = 1;
  // mean 84/24 = 3.5, CV > 1 → cv score 0
  const spiky = [...new Array(9).fill(4), 8, 40, ...new Array(13).fill(0)];
  assert.deepEqual(histogramScore(spiky), { score: 1, cvScore: 0, bimodalFit: 1 });
});

test('duration: coverage of the span or the longest run of filled bins, which wraps around', () => {
  const bins = new Array(24).fill(0);
  for (const k of [20, 21, 22, 23, 0, 1, 2, 3]) bins[k] = 1;
  // run of 8 across the end → 8/12 = 0.667; coverage 30/100
  assert.deepEqual(durationScore(bins, 0, 30, 100), { score: 0.667, coverage: 0.3, consistency: 0.667 });
  // five filled bins are too few
  const few = new Array(24).fill(0);
  for (const k of [0, 1, 2, 3, 4]) few[k] = 1;
  assert.deepEqual(durationScore(few, 0, 100, 100), { score: 0, coverage: 0, consistency: 0 });
});
