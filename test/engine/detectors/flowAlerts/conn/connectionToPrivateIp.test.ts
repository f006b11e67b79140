import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { ConnectionToPrivateIp } from '../../../../../engine/detectors/flowAlerts/conn';
import { runRecords } from './harness';

const T = 1_600_000_000;

const cases: [name: string, p: Partial<Parameters<typeof conn>[0]>, description?: string][] = [
  [
    'private to private',
    { daddr: '192.168.1.129', dport: 22 },
    'Connecting to private IP: 192.168.1.129 on destination port: 22',
  ],
  [
    'ICMP',
    { daddr: '192.168.1.129', dport: 0, proto: 'icmp' },
    'Connecting to private IP: 192.168.1.129 protocol: ICMP',
  ],
  [
    'IPv6 link-local to link-local',
    { saddr: 'fe80::1', daddr: 'fe80::2', dport: 546, proto: 'udp' },
    'Connecting to private IP: fe80::2 on destination port: 546',
  ],
  ['to a public address', { daddr: '8.8.8.8' }],
  ['from a public address', { saddr: '8.8.8.8', daddr: '192.168.1.129' }],
  ['to multicast', { daddr: '224.0.0.251', dport: 5353, proto: 'udp' }],
  ['DHCP broadcast from 0.0.0.0', { saddr: '0.0.0.0', daddr: '255.255.255.255', dport: 67, proto: 'udp' }],
  ['to the reserved 240/4', { daddr: '241.180.10.126', proto: 'udp' }],
];

for (const [name, p, description] of cases)
  test(`CONNECTION_TO_PRIVATE_IP: ${name}`, async () => {
    const ev = await runRecords(
      [conn({ ts: T, saddr: '192.168.1.132', ...p })],
      [new ConnectionToPrivateIp()],
    );
    if (!description) return assert.equal(ev.length, 0);
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.description, description);
    assert.equal(ev[0]!.threatLevel, 'info');
    assert.equal(ev[0]!.confidence, 1);
    assert.equal(ev[0]!.attacker.direction, 'SRC');
    assert.equal(ev[0]!.victim?.value, p.daddr);
  });

test('CONNECTION_TO_PRIVATE_IP: DNS and DHCP to the gateway are normal; once per port and window', async () => {
  const gw = 'aa:bb:cc:00:00:01';
  const ev = await runRecords(
    [
      conn({ ts: T, saddr: '192.168.1.10', daddr: '8.8.8.8', dmac: gw }),
      conn({ ts: T + 1, saddr: '192.168.1.1', daddr: '8.8.8.8', smac: gw }),
      conn({ ts: T + 2, saddr: '192.168.1.10', daddr: '192.168.1.1', dport: 53, proto: 'udp' }),
      conn({ ts: T + 3, saddr: '192.168.1.10', daddr: '192.168.1.1', dport: 67, proto: 'udp' }),
      conn({ ts: T + 4, saddr: '192.168.1.10', daddr: '192.168.1.1', dport: 53, proto: 'tcp' }),
      conn({ ts: T + 5, saddr: '192.168.1.10', daddr: '192.168.1.1', dport: 53, proto: 'tcp' }),
      conn({ ts: T + 6, saddr: '192.168.1.10', daddr: '192.168.1.2', dport: 53, proto: 'udp' }),
    ],
    [new ConnectionToPrivateIp()],
  );
  assert.deepEqual(
    ev.map((e) => `${e.victim?.value}:${e.dstPort}/${e.proto}`),
    ['192.168.1.1:53/tcp', '192.168.1.2:53/udp'],
  );
});
