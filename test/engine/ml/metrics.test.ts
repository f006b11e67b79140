import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestF1Threshold, binaryMetrics, rocAuc } from '../../../engine/ml/metrics';
import { stratifiedSplit } from '../../../engine/ml/random';

test('ROC-AUC counts positive-over-negative pairs, ties half', () => {
  // pairs (pos, neg): (0.9,0.1) (0.9,0.4) (0.35,0.1) win; (0.35,0.4) loses → 3/4
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.9], [0, 0, 1, 1]), 0.75);
  assert.equal(rocAuc([0.5, 0.5], [0, 1]), 0.5);
});

test('precision, recall and F1 at a threshold; best-F1 threshold', () => {
  const m = binaryMetrics([0.1, 0.4, 0.35, 0.9, 0.8], [0, 0, 1, 1, 0], 0.3);
  // predicted positive: 0.4, 0.35, 0.9, 0.8 → TP 2, FP 2, FN 0
  assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [2, 2, 1, 0]);
  assert.equal(m.precision, 0.5);
  assert.equal(m.recall, 1);
  assert.equal(Math.round(m.f1 * 1e4) / 1e4, 0.6667);
  assert.equal(bestF1Threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 0.5);
});

test('stratified split keeps class ratios and is the same for the same seed', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ i, y: i < 80 ? 1 : 0 }));
  const [a, b, c] = stratifiedSplit(items, (t) => t.y, [0.7, 0.1, 0.2], 3);
  assert.deepEqual([a!.length, b!.length, c!.length], [70, 10, 20]);
  assert.equal(c!.filter((t) => t.y).length, 16);
  assert.deepEqual(stratifiedSplit(items, (t) => t.y, [0.7, 0.1, 0.2], 3)[2], c);
  assert.notDeepEqual(stratifiedSplit(items, (t) => t.y, [0.7, 0.1, 0.2], 4)[2], c);
});
