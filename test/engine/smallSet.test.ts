import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmallSet } from '../../engine/smallSet';

test('a small set counts distinct members whether it holds one or many', () => {
  const s = new SmallSet(23);
  s.add(23);
  assert.equal(s.size, 1);
  assert.ok(s.has(23) && !s.has(22));
  assert.deepEqual([...s], [23]);
  for (const p of [22, 23, 80, 22]) s.add(p);
  assert.equal(s.size, 3);
  assert.ok(s.has(23) && s.has(80));
  assert.deepEqual([...s], [23, 22, 80]);
});
