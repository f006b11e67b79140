import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { ConnectionToMultiplePorts } from '../../../../../engine/detectors/flowAlerts/conn';
import { runRecords } from './harness';

const T = 1_600_000_000;
const c = (ts: number, dport: number, p: Partial<Parameters<typeof conn>[0]> = {}) =>
  conn({ ts, saddr: '10.0.0.1', daddr: '8.8.8.8', dport, state: 'SF', ...p });

test('CONNECTION_TO_MULTIPLE_PORTS: established TCP to a second unknown port of one host, again as ports grow', async () => {
  const recs = [c(T, 5000), c(T + 1, 5000), c(T + 2, 5001), c(T + 3, 5001), c(T + 4, 5002)];
  const ev = await runRecords(recs, [new ConnectionToMultiplePorts()]);
  assert.deepEqual(
    ev.map((e) => e.description),
    [
      'Connection to multiple ports [5000, 5001] of IP: 8.8.8.8. ',
      'Connection to multiple ports [5000, 5001, 5002] of IP: 8.8.8.8. ',
    ],
  );
  const e = ev[0]!;
  assert.equal(e.threatLevel, 'info');
  assert.equal(e.confidence, 0.5);
  assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: '10.0.0.1' });
  assert.deepEqual(e.victim, { direction: 'DST', iocType: 'IP', value: '8.8.8.8' });
  assert.deepEqual(
    e.uids,
    recs.slice(0, 3).map((r) => r.uid),
  );
});

const quiet: [string, Parameters<typeof conn>[0][]][] = [
  ['the triggering port has a service name', [c(T, 5000), c(T + 1, 443)]],
  ['the flow was recognised as a service', [c(T, 5000), c(T + 1, 5001, { appproto: 'ssl' })]],
  ['not established', [c(T, 5000), c(T + 1, 5001, { state: 'S0' })]],
  ['UDP', [c(T, 5000, { proto: 'udp' }), c(T + 1, 5001, { proto: 'udp' })]],
  ['different hosts', [c(T, 5000), c(T + 1, 5001, { daddr: '8.8.4.4' })]],
];

for (const [name, recs] of quiet)
  test(`CONNECTION_TO_MULTIPLE_PORTS: nothing when ${name}`, async () => {
    assert.equal(
      (
        await runRecords(
          recs.map((p) => conn(p)),
          [new ConnectionToMultiplePorts()],
        )
      ).length,
      0,
    );
  });

test('CONNECTION_TO_MULTIPLE_PORTS: a known port already contacted still counts among the ports', async () => {
  const ev = await runRecords([c(T, 443), c(T + 1, 5001)], [new ConnectionToMultiplePorts()]);
  assert.deepEqual(
    ev.map((e) => e.description),
    ['Connection to multiple ports [443, 5001] of IP: 8.8.8.8. '],
  );
});
