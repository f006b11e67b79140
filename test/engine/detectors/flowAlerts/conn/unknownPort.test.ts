import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn, dns } from '../../../../helpers/records';
import { UnknownPort } from '../../../../../engine/detectors/flowAlerts/conn';
import type { FlowRecord } from '../../../../../engine/flow';
import { ftp, runRecords, ssl } from './harness';

const T = 1_600_000_000;
const SRC = '192.168.1.10';

async function run(records: FlowRecord[]) {
  return runRecords(records, [new UnknownPort()]);
}

const single: [name: string, rec: Partial<Parameters<typeof conn>[0]>, expected: string | undefined][] = [
  ['established TCP to an unknown port: high', { daddr: '8.8.4.4', dport: 5888, state: 'SF' }, 'high'],
  ['rejected TCP to an unknown port: medium', { daddr: '8.8.4.4', dport: 5888, state: 'REJ' }, 'medium'],
  ['a services.csv port', { daddr: '8.8.4.4', dport: 443, state: 'SF' }, undefined],
  ['a services.csv port over UDP', { daddr: '8.8.4.4', dport: 53, proto: 'udp', state: 'SF' }, undefined],
  [
    'services.csv is per protocol: 5223 is known over TCP only',
    { daddr: '8.8.4.4', dport: 5223, proto: 'udp', state: 'SF' },
    'high',
  ],
  ['port 0', { daddr: '8.8.4.4', dport: 0, state: 'SF' }, undefined],
  ['ICMP', { daddr: '8.8.4.4', dport: 2222, proto: 'icmp', state: 'OTH' }, undefined],
  ['IPv6-ICMP', { daddr: 'ff02::2', dport: 2222, proto: 'ipv6-icmp', state: 'OTH' }, undefined],
  [
    'an organisation port to its listed address (Viber)',
    { daddr: '52.0.252.1', dport: 5242, state: 'SF' },
    undefined,
  ],
  ['an organisation port to another address', { daddr: '8.8.4.4', dport: 5242, state: 'SF' }, 'high'],
  [
    'an organisation range (Microsoft Teams)',
    { daddr: '52.113.1.1', dport: 3480, proto: 'udp', state: 'SF' },
    undefined,
  ],
];

for (const [name, p, level] of single)
  test(`UNKNOWN_PORT: ${name}`, async () => {
    const rec = conn({ ts: T, saddr: SRC, ...p });
    const ev = await run([rec]);
    if (level === undefined) return assert.equal(ev.length, 0);
    assert.equal(ev.length, 1);
    const e = ev[0]!;
    assert.equal(
      e.description,
      `Connection to unknown destination port ${rec.dport}/${rec.proto.toUpperCase()} destination IP ${rec.daddr}.`,
    );
    assert.equal(e.threatLevel, level);
    assert.equal(e.confidence, 1);
    assert.equal(e.attacker.value, SRC);
    assert.equal(e.victim?.value, rec.daddr);
    assert.equal(e.dstPort, rec.dport);
  });

test('UNKNOWN_PORT: an organisation recognised by a DNS name or an SNI for the destination', async () => {
  const ev = await run([
    dns({ ts: T, saddr: SRC, query: 'gateway.icloud.apple.com', answers: ['17.1.1.1'] }),
    ssl({ ts: T, saddr: SRC, daddr: '17.1.1.2', serverName: 'Gateway.Apple.com' }),
    conn({ ts: T + 1, saddr: SRC, daddr: '17.1.1.1', dport: 5100, state: 'SF' }),
    conn({ ts: T + 1, saddr: SRC, daddr: '17.1.1.2', dport: 5100, state: 'SF' }),
    conn({ ts: T + 1, saddr: SRC, daddr: '17.1.1.3', dport: 5100, state: 'SF' }),
    // The name only helps on the ports the organisation is listed for.
    conn({ ts: T + 1, saddr: SRC, daddr: '17.1.1.1', dport: 5101, state: 'SF' }),
  ]);
  assert.deepEqual(
    ev.map((e) => `${e.victim?.value}:${e.dstPort}`),
    ['17.1.1.3:5100', '17.1.1.1:5101'],
  );
});

test('UNKNOWN_PORT: an FTP data port announced in ftp.log is not unknown', async () => {
  const ev = await run([
    ftp({ ts: T, saddr: SRC, daddr: '8.8.4.4', usedPort: 50123 }),
    conn({ ts: T + 1, saddr: SRC, daddr: '8.8.4.4', dport: 50123, state: 'SF' }),
    conn({ ts: T + 1, saddr: SRC, daddr: '8.8.4.4', dport: 50124, state: 'SF' }),
  ]);
  assert.deepEqual(
    ev.map((e) => e.dstPort),
    [50124],
  );
});

test('UNKNOWN_PORT: UDP above 30000 to 5 destinations is P2P', async () => {
  const recs = [1, 2, 3, 4, 5, 6].map((i) =>
    conn({ ts: T + i, saddr: SRC, daddr: `8.8.8.${i}`, dport: 40000 + i, proto: 'udp', state: 'SF' }),
  );
  const ev = await run(recs);
  // The 5th destination makes the host a P2P client.
  assert.deepEqual(
    ev.map((e) => e.victim?.value),
    ['8.8.8.1', '8.8.8.2', '8.8.8.3', '8.8.8.4'],
  );
});

test('UNKNOWN_PORT: UDP above 30000 to one destination more than 6 times is P2P', async () => {
  const recs = Array.from({ length: 9 }, (_, i) =>
    conn({ ts: T + i, saddr: SRC, daddr: '8.8.8.8', dport: 40001 + i, proto: 'udp', state: 'SF' }),
  );
  const ev = await run(recs);
  assert.deepEqual(
    ev.map((e) => e.dstPort),
    [40001, 40002, 40003, 40004, 40005, 40006],
  );
});

test('UNKNOWN_PORT: silent once the source scans more than 5 ports of a host (vertical) in the window', async () => {
  const recs = Array.from({ length: 12 }, (_, i) =>
    conn({ ts: T + i, saddr: SRC, daddr: '8.8.8.8', dport: 7000 + i, state: 'S0' }),
  );
  const ev = await run(recs);
  assert.deepEqual(
    ev.map((e) => e.dstPort),
    [7000, 7001, 7002, 7003, 7004],
  );
});

test('UNKNOWN_PORT: silent once the source scans one port on more than 5 hosts (horizontal) in the window', async () => {
  const recs = Array.from({ length: 8 }, (_, i) =>
    conn({ ts: T + i, saddr: SRC, daddr: `8.8.8.${i + 1}`, dport: 7777, state: 'S0' }),
  );
  const ev = await run(recs);
  assert.equal(ev.length, 5);
  // The next window starts clean.
  const later = await run([
    ...recs,
    conn({ ts: T + 3600, saddr: SRC, daddr: '8.8.8.99', dport: 7777, state: 'S0' }),
  ]);
  assert.equal(later.length, 6);
});

test('UNKNOWN_PORT: once per destination port and window, again when an attempt becomes a connection', async () => {
  const ev = await run([
    conn({ ts: T, saddr: SRC, daddr: '66.63.168.35', dport: 5888, state: 'REJ' }),
    conn({ ts: T + 1, saddr: SRC, daddr: '66.63.168.35', dport: 5888, state: 'REJ' }),
    conn({ ts: T + 2, saddr: SRC, daddr: '66.63.168.35', dport: 5888, state: 'SF' }),
    conn({ ts: T + 3, saddr: SRC, daddr: '66.63.168.35', dport: 5888, state: 'SF' }),
    conn({ ts: T + 3, saddr: SRC, daddr: '66.63.168.35', dport: 5888, proto: 'udp', state: 'SF' }),
    conn({ ts: T + 3601, saddr: SRC, daddr: '66.63.168.35', dport: 5888, state: 'REJ' }),
  ]);
  assert.deepEqual(
    ev.map((e) => `${e.timewindow.number} ${e.proto} ${e.threatLevel}`),
    ['1 tcp medium', '1 tcp high', '1 udp high', '2 tcp medium'],
  );
});
