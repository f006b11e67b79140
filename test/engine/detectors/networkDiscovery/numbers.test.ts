import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  log10Bucket,
  log2Bucket,
  packetConfidence,
  pyFloat,
} from '../../../../engine/detectors/networkDiscovery/numbers';

test('packetConfidence: upstream calculate_confidence values and how Python prints them', () => {
  const cases: [number, number, string][] = [
    [0, 0.3, '0.3'],
    [-5, 0.3, '0.3'],
    [Number.NaN, 0.3, '0.3'],
    [1, 0.1, '0.1'],
    [3, 0.3, '0.3'],
    [7, 0.7, '0.7'],
    [10, 1, '1.0'],
    [11, 1, '1'],
    [1e12, 1, '1'],
  ];
  for (const [pkts, value, text] of cases)
    assert.deepEqual(packetConfidence(pkts), { value, text }, `pkts ${pkts}`);
});

test('pyFloat keeps the .0 of integral floats', () => {
  assert.equal(pyFloat(1), '1.0');
  assert.equal(pyFloat(0.55), '0.55');
  assert.equal(pyFloat(0), '0.0');
});

test('log buckets: int(log10 n) and int(log2 n) without floating-point edges', () => {
  const ten: [number, number][] = [
    [0, 0],
    [1, 0],
    [9, 0],
    [10, 1],
    [99, 1],
    [100, 2],
    [999, 2],
    [1000, 3],
    [1e15, 15],
  ];
  for (const [n, b] of ten) assert.equal(log10Bucket(n), b, `log10 ${n}`);
  const two: [number, number][] = [
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 2],
    [8, 3],
    [15, 3],
    [16, 4],
  ];
  for (const [n, b] of two) assert.equal(log2Bucket(n), b, `log2 ${n}`);
});
