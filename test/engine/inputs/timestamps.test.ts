import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimestamp } from '../../../engine/inputs/timestamps';

const cases: [string, number | undefined][] = [
  ['1601998366.785668', 1601998366.785668],
  ['2018/12/18 14:00:00.075359', Date.UTC(2018, 11, 18, 14, 0, 0) / 1000 + 0.075359],
  ['2018/12/18 14:00:00', Date.UTC(2018, 11, 18, 14) / 1000],
  ['2018-12-18 14:00:00.5', Date.UTC(2018, 11, 18, 14) / 1000 + 0.5],
  ['2021-06-06T15:59:46.457984+0200', Date.UTC(2021, 5, 6, 13, 59, 46) / 1000 + 0.457984],
  ['2021-06-06T15:59:46-01:30', Date.UTC(2021, 5, 6, 17, 29, 46) / 1000],
  ['2021-06-06T15:59:46Z', Date.UTC(2021, 5, 6, 15, 59, 46) / 1000],
  ['2018/13/18 14:00:00', undefined],
  ['yesterday', undefined],
  ['', undefined],
];

for (const [text, want] of cases) {
  test(`parseTimestamp(${JSON.stringify(text)})`, () => {
    const got = parseTimestamp(text);
    if (want === undefined) assert.equal(got, undefined);
    else assert.ok(got !== undefined && Math.abs(got - want) < 1e-6, `got ${got}, want ${want}`);
  });
}
