import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeLetters, MAX_SYMBOLS, VOCABULARY } from '../../../../engine/ml/cc/vocabulary';

test("upstream's 50-symbol order: a = 0, `0` = 45, * = 49", () => {
  assert.equal(VOCABULARY.length, 50);
  assert.deepEqual(encodeLetters('aI1R0,.+*').ids, [0, 17, 36, 27, 45, 46, 47, 48, 49]);
});

test('bad input: unknown symbols are skipped and counted, empty gives nothing, long strings stop at 500', () => {
  assert.deepEqual(encodeLetters('a?b\u00e9c '), { ids: [0, 1, 2], unknown: 3 });
  assert.deepEqual(encodeLetters(''), { ids: [], unknown: 0 });
  const long = encodeLetters('a,'.repeat(50_000));
  assert.equal(long.ids.length, MAX_SYMBOLS);
});
