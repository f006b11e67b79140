import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { DifferentLocalnet } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import { runRecords } from './harness';

const T = 1_600_000_000;
// The first private source teaches the local network: 192.168.0.0/16.
const first = () => conn({ ts: T, saddr: '192.168.1.10', daddr: '8.8.8.8', dport: 443, state: 'SF' });

test('DIFFERENT_LOCALNET: a destination in another private network is high', async () => {
  const ev = await runRecords(
    [first(), conn({ ts: T + 1, saddr: '192.168.1.10', daddr: '10.243.26.217', dport: 8080, state: 'S0' })],
    [new DifferentLocalnet()],
  );
  assert.equal(ev.length, 1);
  const e = ev[0]!;
  assert.equal(
    e.description,
    'A connection to a private IP (10.243.26.217) on port 8080/tcp outside of the used local network ' +
      '192.168.0.0/16. From IP: 192.168.1.10 on destination port: 8080/TCP',
  );
  assert.equal(e.threatLevel, 'high');
  assert.equal(e.confidence, 1);
  assert.deepEqual(e.attacker, { direction: 'DST', iocType: 'IP', value: '10.243.26.217' });
  assert.deepEqual(e.victim, { direction: 'SRC', iocType: 'IP', value: '192.168.1.10' });
});

test('DIFFERENT_LOCALNET: a source in another private network is low', async () => {
  const ev = await runRecords(
    [first(), conn({ ts: T + 1, saddr: '172.16.5.5', daddr: '8.8.8.8', dport: 443, state: 'SF' })],
    [new DifferentLocalnet()],
  );
  assert.equal(ev.length, 1);
  assert.equal(
    ev[0]!.description,
    'A connection from a private IP (172.16.5.5) on port 443/tcp outside of the used local network ' +
      '192.168.0.0/16. To IP: 8.8.8.8 ',
  );
  assert.equal(ev[0]!.threatLevel, 'low');
  assert.equal(ev[0]!.attacker.direction, 'SRC');
});

const quiet: [string, Partial<Parameters<typeof conn>[0]>][] = [
  ['inside the local network', { daddr: '192.168.7.7' }],
  ['DNS (left to the DNS analyzer)', { daddr: '10.0.0.53', dport: 53, proto: 'udp' }],
  ['public destination', { daddr: '1.1.1.1' }],
  ['link-local destination', { daddr: '169.254.1.1' }],
  ['reserved 240/4 destination', { daddr: '241.180.10.126' }],
  ['limited broadcast', { daddr: '255.255.255.255', dport: 67, proto: 'udp' }],
  ['from 0.0.0.0', { saddr: '0.0.0.0', daddr: '10.0.0.1', dport: 67, proto: 'udp' }],
  ['loopback', { daddr: '127.0.0.1' }],
  ['IPv6 unique local', { saddr: 'fd00::1', daddr: 'fd00::2' }],
];

for (const [name, p] of quiet)
  test(`DIFFERENT_LOCALNET: nothing for ${name}`, async () => {
    const ev = await runRecords(
      [first(), conn({ ts: T + 1, saddr: '192.168.1.10', ...p })],
      [new DifferentLocalnet()],
    );
    assert.equal(ev.length, 0);
  });

test('DIFFERENT_LOCALNET: client_ips decide the local network when given; repeats once per window', async () => {
  const config = { ...DEFAULT_CONFIG, clientIps: ['10.0.0.0/8'] };
  const ev = await runRecords(
    [
      conn({ ts: T, saddr: '10.1.1.1', daddr: '192.168.1.1', dport: 80, state: 'SF' }),
      conn({ ts: T + 1, saddr: '10.1.1.1', daddr: '192.168.1.1', dport: 80, state: 'SF' }),
      conn({ ts: T + 2, saddr: '10.1.1.1', daddr: '192.168.1.1', dport: 81, state: 'SF' }),
      conn({ ts: T + 3, saddr: '10.1.1.1', daddr: '10.9.9.9', dport: 80, state: 'SF' }),
    ],
    [new DifferentLocalnet()],
    config,
  );
  assert.deepEqual(
    ev.map((e) => e.dstPort),
    [80, 81],
  );
  assert.match(ev[0]!.description, /outside of the used local network 10\.0\.0\.0\/8\./);
});
