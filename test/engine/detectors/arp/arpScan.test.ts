import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createArpDetectors } from '../../../../engine/detectors/arp';
import { ArpScan } from '../../../../engine/detectors/arp/arpScan';
import { HostBindings } from '../../../../engine/detectors/arp/hostBindings';
import type { FlowRecord } from '../../../../engine/flow';
import { conn } from '../../../helpers/records';
import { runRecords } from '../networkDiscovery/harness';
import { announce, arp, whoHas } from './records';

const T0 = 1_632_214_645;

const scanOnly = () => [new ArpScan(new HostBindings())];

function scan(offsets: number[], p = {}): FlowRecord[] {
  return offsets.map((o, i) => whoHas(T0 + o, `192.168.1.${i + 2}`, p));
}

test('ARP scan: who-has for 5 different addresses within 30 s → low 0.8 "performing an arp scan"', async () => {
  const cases: [string, number[], number][] = [
    ['4 addresses', [0, 1, 2, 3], 0],
    ['5 addresses in 4 s', [0, 1, 2, 3, 4], 1],
    ['5 addresses in exactly 30 s', [0, 10, 20, 25, 30], 1],
    ['5 addresses in 40 s', [0, 10, 20, 30, 40], 0],
  ];
  for (const [name, offsets, expected] of cases) {
    const { evidence } = await runRecords(scanOnly(), scan(offsets));
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords(scanOnly(), scan([0, 1, 2, 3, 4]));
  const e = evidence[0]!;
  assert.equal(e.description, 'performing an arp scan. Confidence 0.8.');
  assert.ok(e.description.includes('performing an arp scan'));
  assert.equal(e.evidenceType, 'ARP_SCAN');
  assert.equal(e.threatLevel, 'low');
  assert.equal(e.confidence, 0.8);
  assert.equal(e.profile, 'profile_192.168.1.247');
  assert.equal(e.timestamp, T0 + 4);
  assert.equal(e.uids.length, 5);
});

test('ARP scan: asking again for the same address, replies, gratuitous ARP and 0.0.0.0 probes are not a scan', async () => {
  const recs: FlowRecord[] = [
    ...Array.from({ length: 10 }, (_, i) => whoHas(T0 + i, '192.168.1.1')),
    ...Array.from({ length: 10 }, (_, i) =>
      whoHas(T0 + i, `192.168.1.${i + 10}`, { operation: 'reply', dstHw: 'aa:aa:aa:aa:aa:aa' }),
    ),
    ...Array.from({ length: 10 }, (_, i) =>
      announce(T0 + i, '192.168.1.247', 'aa:bb:cc:00:00:01', { daddr: `192.168.1.${i + 30}` }),
    ),
    ...Array.from({ length: 10 }, (_, i) => whoHas(T0 + i, `192.168.1.${i + 50}`, { saddr: '0.0.0.0' })),
    ...Array.from({ length: 10 }, (_, i) =>
      whoHas(T0 + i, `192.168.1.${i + 70}`, { dstHw: 'aa:aa:aa:aa:aa:aa' }),
    ),
  ];
  const { evidence } = await runRecords(scanOnly(), recs);
  assert.equal(evidence.length, 0);
});

test('ARP scan: the gateway (MAC of traffic to the Internet, IP that MAC announced) is not a scanner', async () => {
  const gwMac = '00:11:22:33:44:55';
  const recs: FlowRecord[] = [
    announce(T0, '192.168.1.1', gwMac),
    conn({
      ts: T0 + 1,
      saddr: '192.168.1.50',
      daddr: '8.8.8.8',
      smac: 'aa:aa:aa:aa:aa:01',
      dmac: gwMac,
      state: 'SF',
    }),
    ...Array.from({ length: 10 }, (_, i) =>
      whoHas(T0 + 2 + i, `192.168.1.${i + 100}`, { saddr: '192.168.1.1', smac: gwMac, srcHw: gwMac }),
    ),
  ];
  const { evidence } = await runRecords(createArpDetectors(DEFAULT_CONFIG), recs);
  assert.deepEqual(
    evidence.map((e) => e.evidenceType),
    ['UNSOLICITED_ARP'],
  );
});

test('ARP scan of a /24: the first group at once, later groups within 10 s of traffic time as one', async () => {
  // 256 who-has in 12.8 s (test8-malicious.pcap): 51 groups of 5.
  const recs = Array.from({ length: 256 }, (_, i) => whoHas(T0 + i * 0.05, `192.168.1.${i}`));
  const { evidence } = await runRecords(scanOnly(), recs);
  assert.deepEqual(
    evidence.map((e) => [Math.round((e.timestamp - T0) * 100) / 100, e.facts.groupsOf5]),
    [
      [0.2, 1],
      [10.45, 41],
      [12.7, 9],
    ],
  );
  // The same scan followed by later traffic: the pending group is reported when traffic passes 10 s.
  const later = await runRecords(scanOnly(), [
    ...recs.slice(0, 20),
    arp({ ts: T0 + 20, saddr: '192.168.1.9', operation: 'reply', dstHw: 'aa:aa:aa:aa:aa:aa' }),
  ]);
  assert.equal(later.evidence.length, 2);
});

test('ARP scan: hosts and windows are apart; the same input gives the same evidence', async () => {
  const a = scan([0, 1, 2, 3, 4]);
  const b = scan([0, 1, 2, 3, 4], { saddr: '192.168.1.248' });
  const c = scan([4000, 4001, 4002, 4003, 4004]);
  const one = await runRecords(scanOnly(), [...a, ...b, ...c]);
  assert.deepEqual(
    one.evidence.map((e) => `${e.profile} ${e.timewindow.number}`),
    ['profile_192.168.1.247 1', 'profile_192.168.1.248 1', 'profile_192.168.1.247 2'],
  );
  const two = await runRecords(scanOnly(), [...a, ...b, ...c]);
  assert.deepEqual(
    one.evidence.map((e) => e.id),
    two.evidence.map((e) => e.id),
  );
});
