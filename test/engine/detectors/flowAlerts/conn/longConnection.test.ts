import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { LongConnection } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import { runRecords } from './harness';

const T = 1_600_000_000;

const cases: [name: string, dur: number, daddr: string, expected: string | undefined, confidence?: number][] =
  [
    ['just over the threshold', 1500.5, '1.2.3.4', 'took 25 mins', 0.02],
    ['exactly the threshold is not long', 1500, '1.2.3.4', undefined],
    ['2,382 s', 2382, '47.74.193.6', 'took 39 mins', 0.03],
    ['a day caps the confidence at 1', 200_000, '1.2.3.4', 'took 3333 mins', 1],
    ['multicast destination skipped', 5000, '224.0.0.251', undefined],
    ['negative duration', -5000, '1.2.3.4', undefined],
    ['NaN duration', NaN, '1.2.3.4', undefined],
    ['infinite duration', Infinity, '1.2.3.4', undefined],
  ];

for (const [name, dur, daddr, expected, confidence] of cases)
  test(`LONG_CONNECTION: ${name}`, async () => {
    const rec = conn({ ts: T, saddr: '10.8.0.69', daddr, dport: 5222, dur, state: 'SF' });
    const ev = await runRecords([rec], [new LongConnection()]);
    if (expected === undefined) return assert.equal(ev.length, 0);
    assert.equal(ev.length, 1);
    const e = ev[0]!;
    assert.equal(e.evidenceType, 'LONG_CONNECTION');
    assert.equal(
      e.description,
      `Long Connection. Connection from 10.8.0.69 to destination address: ${daddr} ${expected}`,
    );
    assert.equal(e.threatLevel, 'low');
    assert.equal(e.confidence, confidence);
    assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: '10.8.0.69' });
    assert.deepEqual(e.victim, { direction: 'DST', iocType: 'IP', value: daddr });
    assert.deepEqual(e.uids, [rec.uid]);
    assert.equal(e.timestamp, T);
    assert.equal(e.profile, 'profile_10.8.0.69');
    assert.equal(e.dstPort, 5222);
    assert.equal(e.module, 'flow_alerts');
  });

test('LONG_CONNECTION: the threshold comes from flowAlerts.longConnectionThreshold', async () => {
  const config = {
    ...DEFAULT_CONFIG,
    flowAlerts: { ...DEFAULT_CONFIG.flowAlerts, longConnectionThreshold: 60 },
  };
  const ev = await runRecords(
    [conn({ ts: T, daddr: '1.2.3.4', dur: 61, state: 'SF' })],
    [new LongConnection()],
    config,
  );
  assert.equal(ev.length, 1);
  assert.equal(ev[0]!.facts.thresholdSeconds, 60);
});
