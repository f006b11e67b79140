import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { ReconnectionAttempts } from '../../../../../engine/detectors/flowAlerts/conn';
import { runRecords } from './harness';

const T = 1_600_000_000;

test('MULTIPLE_RECONNECTION_ATTEMPTS: every 5th REJ to the same saddr-daddr-dport, the counter restarting', async () => {
  const recs = Array.from({ length: 12 }, (_, i) =>
    conn({ ts: T + i, saddr: '10.0.2.15', daddr: '123.22.123.22', dport: 547, state: 'REJ' }),
  );
  const ev = await runRecords(recs, [new ReconnectionAttempts()]);
  assert.equal(ev.length, 2);
  const e = ev[0]!;
  assert.equal(
    e.description,
    'Multiple reconnection attempts to Destination IP: 123.22.123.22 from IP: 10.0.2.15 reconnections: 5',
  );
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.5);
  assert.deepEqual(
    e.uids,
    recs.slice(0, 5).map((r) => r.uid),
  );
  assert.equal(e.timestamp, T + 4);
  assert.deepEqual(
    ev[1]!.uids,
    recs.slice(5, 10).map((r) => r.uid),
  );
});

const notCounted: [string, Partial<Parameters<typeof conn>[0]>][] = [
  ['other states', { state: 'S0' }],
  ['another port', { dport: 548 }],
];

for (const [name, p] of notCounted)
  test(`MULTIPLE_RECONNECTION_ATTEMPTS: ${name} do not add up`, async () => {
    const recs = [
      ...Array.from({ length: 4 }, (_, i) => conn({ ts: T + i, daddr: '1.2.3.4', dport: 547, state: 'REJ' })),
      conn({ ts: T + 10, daddr: '1.2.3.4', dport: 547, state: 'REJ', ...p }),
    ];
    assert.equal((await runRecords(recs, [new ReconnectionAttempts()])).length, 0);
  });

test('MULTIPLE_RECONNECTION_ATTEMPTS: counters are per window', async () => {
  const recs = [
    ...Array.from({ length: 4 }, (_, i) => conn({ ts: T + i, daddr: '1.2.3.4', dport: 547, state: 'REJ' })),
    conn({ ts: T + 3600, daddr: '1.2.3.4', dport: 547, state: 'REJ' }),
  ];
  assert.equal((await runRecords(recs, [new ReconnectionAttempts()])).length, 0);
});

test('MULTIPLE_RECONNECTION_ATTEMPTS (Telnet): every 4th not-established TCP to 23/2323 of one host', async () => {
  const recs = [23, 2323, 23, 2323, 23].map((dport, i) =>
    conn({ ts: T + i, saddr: '192.168.2.16', daddr: '19.88.175.47', dport, state: 'S0' }),
  );
  const ev = await runRecords(recs, [new ReconnectionAttempts()]);
  assert.equal(ev.length, 1);
  assert.equal(
    ev[0]!.description,
    'Multiple Telnet reconnection attempts from IP: 192.168.2.16 to Destination IP: 19.88.175.47  reconnections: 4',
  );
  assert.equal(ev[0]!.threatLevel, 'medium');
  assert.equal(ev[0]!.confidence, 0.5);
  // UDP or established flows are not Telnet attempts.
  const other = [
    conn({ ts: T, daddr: '19.88.175.47', dport: 23, proto: 'udp', state: 'S0' }),
    ...[1, 2, 3].map((i) => conn({ ts: T + i, daddr: '19.88.175.47', dport: 23, state: 'SF' })),
  ];
  assert.equal((await runRecords(other, [new ReconnectionAttempts()])).length, 0);
});
