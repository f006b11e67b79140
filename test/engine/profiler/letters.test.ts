import { test } from 'node:test';
import assert from 'node:assert/strict';
import { letterFor } from '../../../engine/profiler/letters';

// Each case worked out by hand from the table in slips-behaviour.md 3.4.
const cases: [string, number | undefined, number | undefined, number, number, number, string][] = [
  // name, t0, t1, t, dur, bytes, expected
  ['first flow, small short', undefined, undefined, 100, 0.05, 100, '1'],
  ['first flow, large long', undefined, undefined, 100, 11, 5000, '9'],
  ['first flow, medium size medium dur', undefined, undefined, 100, 1, 500, '5'],
  ['second flow, gap 30 s', undefined, 100, 130, 0.05, 100, '1,'],
  ['second flow, gap 3 s', undefined, 100, 103, 0.05, 100, '1.'],
  ['strong periodic, 60 s gaps', 40, 100, 160, 0.05, 100, 'a,'],
  ['weak periodic (TD 1.2)', 0, 100, 220, 0.05, 100, 'A+'],
  ['weak non-periodic (TD 4)', 0, 10, 50, 0.05, 100, 'r,'],
  ['strong non-periodic (TD 10)', 0, 10, 110, 0.05, 100, 'R+'],
  ['periodic hourly gaps: zero prefix and no time char', 0, 7200, 14400, 0.05, 100, '00a'],
  [
    'boundaries: dur 0.1 short, 10 medium; bytes 250 small, 1100 medium',
    undefined,
    undefined,
    0,
    0.1,
    250,
    '1',
  ],
  ['dur exactly 10 is medium, bytes 1100 medium', undefined, undefined, 0, 10, 1100, '5'],
  ['gap exactly 5 s is "."', undefined, 0, 5, 0, 0, '1.'],
  ['gap exactly 3600 s is "*" and no zeros on the 2nd flow', undefined, 0, 3600, 0, 0, '1*'],
  ['equal zero gaps count as periodic', 100, 100, 100, 0, 0, 'a.'],
];

for (const [name, t0, t1, t, d, s, want] of cases) {
  test(`letters: ${name}`, () => assert.equal(letterFor(t0, t1, t, d, s), want));
}

test('letters: a 60 s beacon gives 11,a,a,', () => {
  let t0: number | undefined;
  let t1: number | undefined;
  let out = '';
  for (const t of [0, 60, 120, 180]) {
    out += letterFor(t0, t1, t, 0.01, 120);
    t0 = t1;
    t1 = t;
  }
  assert.equal(out, '11,a,a,');
});
