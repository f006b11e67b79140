import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn, dns } from '../../../../helpers/records';
import { ConnectionWithoutDns } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import type { FlowRecord } from '../../../../../engine/flow';
import { dhcp, runRecords } from './harness';

const T = 1_600_000_000;
const SRC = '192.168.1.10';
const unrelatedDns = (ts: number) =>
  dns({ ts, saddr: SRC, query: 'example.org', answers: ['93.184.216.34'] });
const c = (ts: number, daddr: string, p: Partial<Parameters<typeof conn>[0]> = {}) =>
  conn({ ts, saddr: SRC, daddr, dport: 443, state: 'SF', ...p });

async function victims(records: FlowRecord[], config = DEFAULT_CONFIG): Promise<string[]> {
  const ev = await runRecords(records, [new ConnectionWithoutDns()], config);
  return ev.map((e) => e.victim!.value);
}

test('CONNECTION_WITHOUT_DNS: a public destination no answer resolved', async () => {
  const rec = c(T + 1, '66.63.168.35', { sport: 49999 });
  const ev = await runRecords([unrelatedDns(T), rec], [new ConnectionWithoutDns()]);
  assert.equal(ev.length, 1);
  const e = ev[0]!;
  assert.equal(e.description, 'A connection without DNS resolution to IP: 66.63.168.35');
  assert.equal(e.threatLevel, 'info');
  assert.equal(e.confidence, 0.8);
  assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: SRC });
  assert.deepEqual(e.uids, [rec.uid]);
  assert.equal(e.timestamp, T + 1);
  assert.equal(e.srcPort, 49999);
  assert.equal(e.dstPort, 443);
});

const timing: [name: string, dnsAt: number, expected: string[]][] = [
  ['answer before the connection', -30, []],
  ['answer 23 h before', -23 * 3600, []],
  ['answer 25 h before', -25 * 3600, ['93.184.216.34']],
  ['answer logged 10 s after the connection still counts', 10, []],
  ['answer 15 s after still counts', 15, []],
  ['answer 16 s after is too late', 16, ['93.184.216.34']],
];

for (const [name, dnsAt, expected] of timing)
  test(`CONNECTION_WITHOUT_DNS: ${name}`, async () => {
    const records: FlowRecord[] = [
      dns({ ts: T + dnsAt, saddr: SRC, query: 'example.org', answers: ['93.184.216.34'] }),
      c(T, '93.184.216.34'),
      // later traffic moves time on past the 15 s wait
      conn({ ts: T + 3000, saddr: SRC, daddr: '192.168.1.1', dport: 53, proto: 'udp', appproto: 'dns' }),
    ].sort((a, b) => a.ts - b.ts);
    // the window of a 25 h old answer has closed; what matters is the time between answer and connection
    assert.deepEqual(await victims(records), expected);
  });

test('CONNECTION_WITHOUT_DNS: the answer of another host counts (resolutions are network-wide)', async () => {
  assert.deepEqual(
    await victims([
      dns({ ts: T, saddr: '192.168.1.99', query: 'a.example', answers: ['1.2.3.4'] }),
      c(T + 1, '1.2.3.4'),
    ]),
    [],
  );
});

const skipped: [string, FlowRecord[]][] = [
  ['private destinations', [unrelatedDns(T), c(T + 1, '10.1.1.1')]],
  ['multicast destinations', [unrelatedDns(T), c(T + 1, '239.255.255.250', { proto: 'udp', dport: 1900 })]],
  [
    'DNS and ICMP services',
    [unrelatedDns(T), c(T + 1, '8.8.8.8', { appproto: 'dns', dport: 53, proto: 'udp' })],
  ],
  [
    'DHCP servers',
    [
      unrelatedDns(T),
      dhcp({ ts: T, serverAddr: '100.64.0.1' }),
      c(T + 1, '100.64.0.1', { dport: 67, proto: 'udp' }),
    ],
  ],
];

for (const [name, records] of skipped)
  test(`CONNECTION_WITHOUT_DNS: skips ${name}`, async () => {
    assert.deepEqual(await victims(records), []);
  });

test('CONNECTION_WITHOUT_DNS: skips local clients (client_ips)', async () => {
  const config = { ...DEFAULT_CONFIG, clientIps: ['147.32.80.0/24'] };
  assert.deepEqual(
    await victims([unrelatedDns(T), c(T + 1, '147.32.80.37'), c(T + 1, '147.32.81.37')], config),
    ['147.32.81.37'],
  );
});

test('CONNECTION_WITHOUT_DNS: nothing when the input has no DNS at all (a lone conn.log, Argus, nfdump)', async () => {
  assert.deepEqual(await victims([c(T, '8.8.4.4'), c(T + 100, '8.8.4.5')]), []);
});

test('CONNECTION_WITHOUT_DNS: candidates wait for the first DNS record, however late it comes', async () => {
  const ev = await runRecords(
    [c(T, '8.8.4.4'), c(T + 100, '8.8.4.5'), unrelatedDns(T + 5000)],
    [new ConnectionWithoutDns()],
  );
  assert.deepEqual(
    ev.map((e) => `${e.victim!.value} tw${e.timewindow.number} ${e.timestamp - T}`),
    ['8.8.4.4 tw1 0', '8.8.4.5 tw1 100'],
  );
});

test('CONNECTION_WITHOUT_DNS: once per destination and window', async () => {
  assert.deepEqual(
    await victims([
      unrelatedDns(T),
      c(T + 1, '8.8.4.4'),
      c(T + 2, '8.8.4.4'),
      c(T + 3, '8.8.4.5'),
      c(T + 3601, '8.8.4.4'),
    ]),
    ['8.8.4.4', '8.8.4.5', '8.8.4.4'],
  );
});

test('CONNECTION_WITHOUT_DNS: the same answer in either input order gives the same result', async () => {
  const answer = dns({ ts: T + 2, saddr: SRC, query: 'x.example', answers: ['5.6.7.8'] });
  const connection = c(T, '5.6.7.8');
  const later = c(T + 60, '192.168.1.1', { dport: 53, proto: 'udp', appproto: 'dns' });
  assert.deepEqual(await victims([answer, connection, later]), []);
  assert.deepEqual(await victims([connection, answer, later]), []);
});

test('CONNECTION_WITHOUT_DNS: a record without a usable time does not hold the others back', async () => {
  assert.deepEqual(
    await victims([unrelatedDns(T), c(NaN, '8.8.4.3'), c(T + 1, '8.8.4.4'), c(T + 100, '8.8.4.5')]),
    ['8.8.4.4', '8.8.4.5'],
  );
});
