import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertsLogSink, alertLine, evidenceLine } from '../../../engine/output/alertsLog';
import { humanUtc, isoUtc } from '../../../engine/output/format/time';
import { alert, evidence, FIXED_NOW, fixedClock, T0 } from './fixtures';

const PAD = ' '.repeat(26 - '10.0.0.5'.length);

test('time formats: microseconds, UTC, +00:00', () => {
  assert.equal(isoUtc(T0 + 5.123456), '2020-12-18T14:00:05.123456+00:00');
  assert.equal(isoUtc(T0), '2020-12-18T14:00:00.000000+00:00');
  assert.equal(isoUtc(T0 + 0.9999996), '2020-12-18T14:00:01.000000+00:00');
  assert.equal(humanUtc(T0 + 5.000001), '2020/12/18 14:00:05.000001');
});

const cases: [string, string, string][] = [
  [
    'evidence line',
    evidenceLine(evidence()),
    `2020-12-18T14:00:05.123456+00:00 (TW 1): Src IP 10.0.0.5${PAD}. Detected Horizontal port scan to port 443/TCP. ` +
      'From 10.0.0.5 to 30 unique destination IPs. Threat level: high.',
  ],
  [
    'evidence line with the attacker host name',
    evidenceLine(
      evidence({
        attacker: { direction: 'SRC', iocType: 'IP', value: '10.0.0.5', hostname: 'pc1' },
        description: 'x',
        threatLevel: 'info',
      }),
    ),
    `2020-12-18T14:00:05.123456+00:00 (TW 1): Src IP ${'10.0.0.5 (pc1)'.padEnd(26)}. Detected x Threat level: info.`,
  ],
  [
    'alert line',
    alertLine(alert(), FIXED_NOW),
    `2020-12-18T14:00:05.123456+00:00: Src IP 10.0.0.5${PAD}. Generated an alert given enough evidence on timewindow 1. ` +
      '(real time 2024-05-06T07:08:09.123000+00:00)',
  ],
  [
    'blocked alert line',
    alertLine(alert({ blocked: true, timewindow: { number: 3, start: T0, end: T0 + 1 } }), FIXED_NOW),
    `2020-12-18T14:00:05.123456+00:00: Src IP 10.0.0.5${PAD}. Is blocked given enough evidence on timewindow 3. ` +
      '(real time 2024-05-06T07:08:09.123000+00:00)',
  ],
];

for (const [name, got, want] of cases) test(`alerts.log ${name}`, () => assert.equal(got, want));

test('AlertsLogSink writes one line per evidence and alert, in order', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'alertslog-')), 'alerts.log');
  const sink = new AlertsLogSink(path, fixedClock);
  sink.evidence(evidence());
  sink.alert(alert());
  await sink.close();
  assert.equal(readFileSync(path, 'utf8'), `${evidenceLine(evidence())}\n${alertLine(alert(), FIXED_NOW)}\n`);
});

test('an empty run still leaves an empty alerts.log', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'alertslog-')), 'alerts.log');
  await new AlertsLogSink(path, fixedClock).close();
  assert.equal(readFileSync(path, 'utf8'), '');
});
