// The random forest on small made-up data: it learns, it is reproducible from its seed, it survives
// saving and loading, and a damaged model file is refused with the file and the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ForestFileError, RandomForest } from '../../../../engine/ml/flows/forest';
import { seededRandom } from '../../../../engine/ml/random';

const NAMES = { features: ['a', 'b', 'c'], classes: ['Normal', 'Malware'] };
const OPTS = { trees: 15, maxFeatures: 2, seed: 3 };

/** Malware when a > 0.5 xor b > 0.5 (needs two levels of splits); c is noise. */
function data(n: number, seed: number) {
  const rnd = seededRandom(seed);
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rnd();
    const b = rnd();
    x.set([a, b, rnd()], i * 3);
    y[i] = Number(a > 0.5 !== b > 0.5);
  }
  return { x, y };
}

const rows = (x: Float64Array) =>
  Array.from({ length: x.length / 3 }, (_, i) => x.subarray(i * 3, i * 3 + 3));

test('learns a non-linear rule and generalises to new points', () => {
  const train = data(600, 1);
  const f = RandomForest.train(train.x, train.y, NAMES, OPTS);
  const test = data(400, 2);
  const right = rows(test.x).filter((r, i) => Number(f.probability(r) > 0.5) === test.y[i]).length;
  assert.ok(right / 400 > 0.9, `accuracy ${right / 400}`);
  for (const r of rows(test.x)) {
    const p = f.probability(r);
    assert.ok(p >= 0 && p <= 1);
  }
});

test('same seed, same forest; another seed, another forest; save → load keeps every score', () => {
  const { x, y } = data(300, 5);
  const a = RandomForest.train(x, y, NAMES, OPTS);
  const b = RandomForest.train(x, y, NAMES, OPTS);
  assert.deepEqual(a.toJSON(), b.toJSON());
  assert.notDeepEqual(RandomForest.train(x, y, NAMES, { ...OPTS, seed: 4 }).toJSON(), a.toJSON());
  const loaded = RandomForest.fromJSON(JSON.parse(JSON.stringify(a)), 'm.json', NAMES);
  for (const r of rows(data(100, 9).x)) assert.ok(Math.abs(loaded.probability(r) - a.probability(r)) < 1e-5);
});

test('class weights balance a rare class: a 5 % minority is still found', () => {
  const rnd = seededRandom(11);
  const n = 1000;
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = i % 20 === 0;
    x.set([m ? 0.8 + 0.2 * rnd() : 0.85 * rnd(), rnd(), rnd()], i * 3);
    y[i] = Number(m);
  }
  const f = RandomForest.train(x, y, NAMES, OPTS);
  assert.ok(f.probability([0.95, 0.5, 0.5]) > 0.5);
  assert.ok(f.probability([0.2, 0.5, 0.5]) < 0.5);
});

test('training needs both classes and matching sizes', () => {
  assert.throws(
    () => RandomForest.train(new Float64Array(6), new Uint8Array(2), NAMES, OPTS),
    /both classes/,
  );
  assert.throws(() => RandomForest.train(new Float64Array(5), Uint8Array.from([0, 1]), NAMES, OPTS), /2×3/);
});

test('damaged model files are refused, naming the file and the problem', () => {
  const { x, y } = data(200, 7);
  const good = () => JSON.parse(JSON.stringify(RandomForest.train(x, y, NAMES, { ...OPTS, trees: 2 })));
  const cases: [string, (j: any) => unknown, RegExp][] = [
    ['not an object', () => 42, /m\.json: not a JSON object/],
    ['other format', (j) => ({ ...j, format: 'pickle' }), /format must be/],
    ['other features', (j) => ({ ...j, features: ['b', 'a', 'c'] }), /features must be a,b,c/],
    ['other classes', (j) => ({ ...j, classes: ['x', 'y'] }), /classes must be/],
    ['no trees', (j) => ({ ...j, trees: [] }), /no trees/],
    ['missing column', (j) => (delete j.trees[0].left, j), /tree 0: left is not a list/],
    ['short column', (j) => (j.trees[1].value.pop(), j), /tree 1: value has/],
    [
      'child loops back',
      (j) => ((j.trees[0].left[0] = 0), j),
      /tree 0: node 0: left child 0 is not a later node/,
    ],
    ['child out of range', (j) => ((j.trees[0].right[0] = 1e9), j), /right child 1000000000/],
    ['feature out of range', (j) => ((j.trees[0].feature[0] = 3), j), /feature 3 out of range/],
    [
      'threshold not a number',
      (j) => ((j.trees[0].threshold[0] = 'x'), j),
      /threshold is not a finite number/,
    ],
    ['value not a share', (j) => ((j.trees[0].value[0] = 2), j), /value must be in \[0, 1\]/],
  ];
  for (const [name, mutate, msg] of cases) {
    assert.throws(
      () => RandomForest.fromJSON(mutate(good()), 'm.json', NAMES),
      (e: Error) => e instanceof ForestFileError && msg.test(e.message) && e.message.startsWith('m.json: '),
      name,
    );
  }
});

test('bad feature values never break scoring: NaN, ±Infinity, huge numbers give a probability', () => {
  const { x, y } = data(200, 13);
  const f = RandomForest.train(x, y, NAMES, OPTS);
  for (const v of [
    [NaN, NaN, NaN],
    [Infinity, -Infinity, 0],
    [1e308, -1e308, 5],
  ]) {
    const p = f.probability(v);
    assert.ok(p >= 0 && p <= 1, `${v}: ${p}`);
  }
});
