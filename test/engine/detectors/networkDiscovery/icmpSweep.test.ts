import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IcmpSweep } from '../../../../engine/detectors/networkDiscovery/icmpSweep';
import type { ConnRecord } from '../../../../engine/flow';
import { conn } from './records';
import { runRecords } from './harness';

const T0 = 1_600_000_000;

/** Zeek-style ICMP: the type in sport, the code in dport, state OTH. */
function icmp(ts: number, daddr: string, type = 8, p: Partial<ConnRecord> = {}): ConnRecord {
  return conn({ ts, daddr, proto: 'icmp', sport: type, dport: 0, state: 'OTH', history: '', spkts: 1, ...p });
}

function sweep(hosts: number, type = 8, p: Partial<ConnRecord> = {}): ConnRecord[] {
  return Array.from({ length: hosts }, (_, i) => icmp(T0 + i, `110.128.128.${i + 1}`, type, p));
}

test('ICMP sweep: evidence at every 5 distinct hosts, upstream wording, medium', async () => {
  const cases: [number, number][] = [
    [4, 0],
    [5, 1],
    [9, 1],
    [10, 2],
    [21, 4],
  ];
  for (const [hosts, expected] of cases) {
    const { evidence } = await runRecords([new IcmpSweep()], sweep(hosts));
    assert.equal(evidence.length, expected, `${hosts} hosts`);
  }
  const { evidence } = await runRecords([new IcmpSweep()], sweep(5, 8, { spkts: 2 }));
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'ICMP scanning 5 different IPs. ICMP scan type: ICMP_ADDRESS_SCAN. Total packets sent: 10 over 5 flows. ' +
      'Confidence: 1.0. by Slips',
  );
  assert.equal(e.evidenceType, 'ICMP_ADDRESS_SCAN');
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 1);
  assert.equal(e.timestamp, T0);
  assert.equal(e.proto, 'icmp');
});

test('ICMP sweep: pinging the same host again adds flows, not hosts; one host is never a sweep', async () => {
  const recs = [...sweep(4), ...Array.from({ length: 30 }, (_, i) => icmp(T0 + 10 + i, '110.128.128.1'))];
  const { evidence } = await runRecords([new IcmpSweep()], recs);
  assert.equal(evidence.length, 0);
  const more = await runRecords([new IcmpSweep()], [...recs, icmp(T0 + 100, '110.128.128.99')]);
  assert.ok(more.evidence[0]!.description.includes('Total packets sent: 35 over 35 flows.'));
});

test('ICMP sweep: request types map to their evidence types; replies and other types do not count', async () => {
  const cases: [number, string, string, number][] = [
    [8, 'icmp', 'ICMP_ADDRESS_SCAN', 1],
    [13, 'icmp', 'ICMP_TIMESTAMP_SCAN', 1],
    [17, 'icmp', 'ICMP_ADDRESS_MASK_SCAN', 1],
    [128, 'ipv6-icmp', 'ICMP_ADDRESS_SCAN', 1],
    [0, 'icmp', '', 0],
    [14, 'icmp', '', 0],
    [18, 'icmp', '', 0],
    [3, 'icmp', '', 0],
    [8, 'ipv6-icmp', '', 0],
  ];
  for (const [type, proto, evidenceType, n] of cases) {
    const recs = Array.from({ length: 5 }, (_, i) =>
      icmp(T0 + i, proto === 'icmp' ? `10.9.0.${i + 1}` : `2001:db8::${i + 1}`, type, { proto }),
    );
    const { evidence } = await runRecords([new IcmpSweep()], recs);
    assert.equal(evidence.length, n, `type ${type}/${proto}`);
    if (n) assert.equal(evidence[0]!.evidenceType, evidenceType);
  }
});

test('ICMP sweep: Argus writes the type in the low byte of a hex sport (0x0008, code << 8 | type)', async () => {
  // What engine/inputs/argus parses `0x0008` and `0x0308` (type 8, code 3) into.
  const recs = [
    ...Array.from({ length: 3 }, (_, i) =>
      icmp(T0 + i, `10.9.0.${i + 1}`, 0x0008, { source: 'argus', state: 'ECO' }),
    ),
    ...Array.from({ length: 2 }, (_, i) => icmp(T0 + 5 + i, `10.9.1.${i + 1}`, 0x0308, { source: 'argus' })),
  ];
  const { evidence } = await runRecords([new IcmpSweep()], recs);
  assert.equal(evidence.length, 1);
  assert.equal(evidence[0]!.evidenceType, 'ICMP_ADDRESS_SCAN');
});

test('ICMP sweep: broadcast and multicast targets are not hosts; odd ports never throw', async () => {
  const recs = [
    ...['255.255.255.255', '224.0.0.1', '0.0.0.0'].map((d, i) => icmp(T0 + i, d)),
    icmp(T0 + 5, '10.9.0.1', -1),
    icmp(T0 + 6, '10.9.0.2', 70000),
  ];
  const { evidence } = await runRecords([new IcmpSweep()], recs);
  assert.equal(evidence.length, 0);
});
