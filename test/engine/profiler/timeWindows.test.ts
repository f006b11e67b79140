import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeWindowGrid, ONLY_ONE_TW_WIDTH } from '../../../engine/profiler/timeWindows';

test('the grid starts at the first flow; a flow on a boundary goes to the later window', () => {
  const g = new TimeWindowGrid(3600);
  assert.equal(g.number(1000), 1);
  assert.equal(g.number(1000 + 3599.999), 1);
  assert.equal(g.number(1000 + 3600), 2);
  assert.equal(g.number(1000 + 7200), 3);
  assert.equal(g.start(2), 4600);
  assert.equal(g.end(2), 8200);
});

test('flows before the first one get timewindow0, timewindow-1, ...', () => {
  const g = new TimeWindowGrid(60);
  g.observe(1000);
  assert.equal(g.number(999), 0);
  assert.equal(g.number(940), 0);
  assert.equal(g.number(939.5), -1);
  assert.equal(g.start(0), 940);
  assert.equal(g.start(-1), 880);
});

test('only_one_tw: one window reaching 100 years back', () => {
  const g = new TimeWindowGrid(ONLY_ONE_TW_WIDTH, true);
  assert.equal(g.number(1_600_000_000), 1);
  assert.equal(g.number(1_000_000_000), 1);
  assert.equal(g.number(1_700_000_000), 1);
  assert.equal(g.start(1), 1_600_000_000 - 100 * 31_536_000);
});
