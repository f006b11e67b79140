import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlineQueue } from '../../../../../engine/detectors/flowAlerts/conn/deadlineQueue';

test('settles in deadline order, ties in arrival order, only what is due', () => {
  const q = new DeadlineQueue<string>();
  for (const [due, item] of [
    [30, 'c'],
    [10, 'a1'],
    [20, 'b'],
    [10, 'a2'],
    [40, 'd'],
  ] as const)
    q.push(due, item);
  const out: string[] = [];
  q.settleDue(20, (x) => out.push(x));
  assert.deepEqual(out, ['a1', 'a2', 'b']);
  assert.equal(q.size, 2);
  q.drain((x) => out.push(x));
  assert.deepEqual(out, ['a1', 'a2', 'b', 'c', 'd']);
  assert.equal(q.size, 0);
});
