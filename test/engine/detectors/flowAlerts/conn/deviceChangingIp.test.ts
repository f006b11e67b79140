import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { DeviceChangingIp } from '../../../../../engine/detectors/flowAlerts/conn';
import { runRecords } from './harness';

const T = 1_600_000_000;
const MAC = '08:00:27:ef:ee:34';

test('DEVICE_CHANGING_IP: the first flow of an address whose MAC came with another address', async () => {
  const recs = [
    conn({ ts: T, saddr: '192.168.1.20', daddr: '8.8.8.8', smac: MAC }),
    conn({ ts: T + 1, saddr: '192.168.1.20', daddr: '8.8.8.8', smac: MAC }),
    conn({ ts: T + 2, saddr: '192.168.1.21', daddr: '8.8.8.8', smac: MAC }),
    conn({ ts: T + 3, saddr: '192.168.1.21', daddr: '8.8.8.8', smac: MAC }),
  ];
  const ev = await runRecords(recs, [new DeviceChangingIp()]);
  assert.equal(ev.length, 1);
  const e = ev[0]!;
  assert.equal(
    e.description,
    `A device changing IPs. IP 192.168.1.21 was found with MAC address ${MAC} but the MAC belongs originally to IP: 192.168.1.20. `,
  );
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.8);
  assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: '192.168.1.21' });
  assert.deepEqual(e.uids, [recs[2]!.uid]);
});

const quiet: [string, [string, string][]][] = [
  [
    'different MACs',
    [
      ['192.168.1.20', MAC],
      ['192.168.1.21', '08:00:27:00:00:01'],
    ],
  ],
  [
    'public addresses',
    [
      ['8.8.8.8', MAC],
      ['8.8.4.4', MAC],
    ],
  ],
  [
    'IPv6 addresses',
    [
      ['fd00::1', MAC],
      ['fd00::2', MAC],
    ],
  ],
  [
    'from 0.0.0.0 (DHCP)',
    [
      ['0.0.0.0', MAC],
      ['192.168.1.21', MAC],
    ],
  ],
  [
    'from link-local',
    [
      ['169.254.3.3', MAC],
      ['192.168.1.21', MAC],
    ],
  ],
  [
    'no MAC column',
    [
      ['192.168.1.20', ''],
      ['192.168.1.21', ''],
    ],
  ],
];

for (const [name, pairs] of quiet)
  test(`DEVICE_CHANGING_IP: nothing for ${name}`, async () => {
    const recs = pairs.map(([saddr, smac], i) => conn({ ts: T + i, saddr, smac, daddr: '1.1.1.1' }));
    assert.equal((await runRecords(recs, [new DeviceChangingIp()])).length, 0);
  });
