import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { HorizontalPortScan } from '../../../../engine/detectors/networkDiscovery/horizontalPortScan';
import { VerticalPortScan } from '../../../../engine/detectors/networkDiscovery/verticalPortScan';
import type { ConnRecord } from '../../../../engine/flow';
import { conn } from './records';
import { countByType, descriptions, runRecords } from './harness';

const T0 = 1_600_000_000;

/** `n` not-established flows from 10.0.0.1 to ports 1..n of one host. */
function vertical(n: number, p: Partial<ConnRecord> = {}, start = T0): ConnRecord[] {
  return Array.from({ length: n }, (_, i) =>
    conn({ ts: start + i, daddr: '45.33.32.156', dport: i + 1, ...p }),
  );
}

/** `n` not-established flows from 10.0.0.1 to one port of n hosts. */
function horizontal(n: number, p: Partial<ConnRecord> = {}, start = T0): ConnRecord[] {
  return Array.from({ length: n }, (_, i) =>
    conn({ ts: start + i, daddr: `23.0.0.${i + 1}`, dport: 81, ...p }),
  );
}

test('vertical scan: first evidence at 10 ports (Q15), next at 100, with upstream wording', async () => {
  const cases: [number, number][] = [
    [5, 0],
    [9, 0],
    [10, 1],
    [99, 1],
    [100, 2],
    [250, 2],
  ];
  for (const [ports, expected] of cases) {
    const { evidence } = await runRecords([new VerticalPortScan()], vertical(ports));
    assert.equal(evidence.length, expected, `${ports} ports`);
  }
  const { evidence } = await runRecords([new VerticalPortScan()], vertical(12, { spkts: 2 }));
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'new vertical port scan to IP 45.33.32.156 from 10.0.0.1. Total 10 TCP ports were scanned. ' +
      'Total packets sent to all ports: 20. Confidence: 1. by Slips',
  );
  assert.equal(e.evidenceType, 'VERTICAL_PORT_SCAN');
  assert.equal(e.threatLevel, 'high');
  assert.equal(e.confidence, 1);
  assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: '10.0.0.1' });
  assert.deepEqual(e.victim, { direction: 'DST', iocType: 'IP', value: '45.33.32.156' });
  assert.equal(e.profile, 'profile_10.0.0.1');
  assert.equal(e.timewindow.number, 1);
  assert.equal(e.timestamp, T0, 'first-seen time of the target');
  assert.equal(e.proto, 'tcp');
  assert.equal(e.uids.length, 10);
  assert.equal(e.module, 'network_discovery');
  assert.deepEqual(e.facts, { dstPorts: 10, packetsSent: 20, log10Bucket: 1 });
});

test('vertical scan: confidence from the source packets sent to the target', async () => {
  const cases: [number, string, number][] = [
    [0, 'Confidence: 0.3.', 0.3],
    [1, 'Confidence: 1.0.', 1],
  ];
  for (const [spkts, text, value] of cases) {
    const { evidence } = await runRecords([new VerticalPortScan()], vertical(10, { spkts }));
    assert.ok(evidence[0]!.description.includes(text), evidence[0]!.description);
    assert.equal(evidence[0]!.confidence, value);
  }
  // 4 flows of 0 packets and 6 of 1: 6 packets
  const recs = vertical(10).map((r, i) => ({ ...r, spkts: i < 4 ? 0 : 1 }));
  const { evidence } = await runRecords([new VerticalPortScan()], recs);
  assert.equal(evidence[0]!.confidence, 0.6);
});

test('vertical scan: established flows, multicast targets and Server role do not count', async () => {
  const established = await runRecords([new VerticalPortScan()], vertical(20, { state: 'SF' }));
  assert.equal(established.evidence.length, 0);
  const multicast = await runRecords([new VerticalPortScan()], vertical(20, { daddr: '224.0.0.251' }));
  assert.equal(multicast.evidence.length, 0);
  const all = await runRecords([new VerticalPortScan()], vertical(10), {
    ...DEFAULT_CONFIG,
    analysisDirection: 'all',
  });
  assert.deepEqual(
    all.evidence.map((e) => e.profile),
    ['profile_10.0.0.1'],
    'the scanned host is not reported as scanning',
  );
});

test('vertical scan: TCP and UDP are counted and reported apart', async () => {
  const recs = [...vertical(10), ...vertical(10, { proto: 'udp', state: 'S0' }, T0 + 100)];
  const { evidence } = await runRecords([new VerticalPortScan()], recs);
  assert.deepEqual(
    evidence.map((e) => e.description.match(/Total 10 (\w+) ports/)![1]),
    ['TCP', 'UDP'],
  );
});

test('vertical scan (#1766/#1781): a second scan of the same host in the window alerts only at the next decade', async () => {
  // 30 ports, then the same 30 ports again, then 50 new ones: 80 ports, one evidence.
  const recs = [
    ...vertical(30),
    ...vertical(30, {}, T0 + 100),
    ...vertical(50, {}, T0 + 200).map((r) => ({ ...r, dport: r.dport + 30 })),
  ];
  const { evidence } = await runRecords([new VerticalPortScan()], recs);
  assert.equal(evidence.length, 1);
  // Another host in the same window has its own count.
  const other = vertical(10, { daddr: '45.33.32.157' }, T0 + 300);
  const two = await runRecords([new VerticalPortScan()], [...recs, ...other]);
  assert.equal(two.evidence.length, 2);
  // The same host in the next window starts again.
  const next = vertical(10, {}, T0 + 3600 + 10);
  const three = await runRecords([new VerticalPortScan()], [...recs, ...next]);
  assert.deepEqual(
    three.evidence.map((e) => e.timewindow.number),
    [1, 2],
  );
});

test('horizontal scan: first evidence at 10 hosts, service name from services.csv, upstream wording', async () => {
  const { evidence } = await runRecords([new HorizontalPortScan()], horizontal(12, { spkts: 1, dpkts: 1 }));
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'Horizontal port scan to port http-alt 81/tcp. From 10.0.0.1 to 10 unique destination IPs. ' +
      'Total packets sent: 20. Confidence: 1. by Slips',
  );
  assert.equal(e.evidenceType, 'HORIZONTAL_PORT_SCAN');
  assert.equal(e.threatLevel, 'high');
  assert.equal(e.dstPort, 81);
  assert.equal(e.proto, 'tcp');
  assert.equal(e.victim, undefined);
  assert.equal(e.timestamp, T0);
  const cases: [number, number][] = [
    [9, 0],
    [10, 1],
    [100, 2],
  ];
  for (const [hosts, expected] of cases) {
    const r = await runRecords(
      [new HorizontalPortScan()],
      Array.from({ length: hosts }, (_, i) =>
        conn({ ts: T0 + i, daddr: `23.0.${Math.floor(i / 200)}.${(i % 200) + 1}`, dport: 81 }),
      ),
    );
    assert.equal(r.evidence.length, expected, `${hosts} hosts`);
  }
});

test('horizontal scan: unnamed ports keep upstream double space; UDP names; port 0 and flipped flows do not count', async () => {
  const unnamed = await runRecords([new HorizontalPortScan()], horizontal(10, { dport: 9527 }));
  assert.ok(
    unnamed.evidence[0]!.description.startsWith('Horizontal port scan to port  9527/tcp. From 10.0.0.1'),
  );
  const udp = await runRecords([new HorizontalPortScan()], horizontal(10, { dport: 53, proto: 'udp' }));
  assert.ok(udp.evidence[0]!.description.startsWith('Horizontal port scan to port DNS 53/udp.'));
  const port0 = await runRecords([new HorizontalPortScan()], horizontal(20, { dport: 0 }));
  assert.equal(port0.evidence.length, 0);
  const flipped = await runRecords([new HorizontalPortScan()], horizontal(20, { history: '^hR' }));
  assert.equal(flipped.evidence.length, 0);
});

test('port scans: odd values never throw, and the same input gives the same evidence', async () => {
  const odd = [
    ...vertical(12, { dur: -5, spkts: -1, sbytes: Number.MAX_SAFE_INTEGER }),
    ...horizontal(12, { spkts: 1e15, dpkts: 1e15 }),
    conn({ ts: T0 + 50, daddr: '', dport: 0 }),
  ];
  const a = await runRecords([new VerticalPortScan(), new HorizontalPortScan()], odd);
  const b = await runRecords([new VerticalPortScan(), new HorizontalPortScan()], odd);
  assert.deepEqual(countByType(a.evidence), { VERTICAL_PORT_SCAN: 1, HORIZONTAL_PORT_SCAN: 1 });
  assert.deepEqual(
    a.evidence.map((e) => e.id),
    b.evidence.map((e) => e.id),
  );
  assert.deepEqual(descriptions(a.evidence), descriptions(b.evidence));
});

test('accumulator: 19 high evidence at confidence 1 in one window raise an alert (5.1)', async () => {
  // 19 hosts scanned on 10 ports each: 19 × 0.8 = 15.2 ≥ 0.25 × 3600 / 60 = 15.
  const recs: ConnRecord[] = [];
  for (let h = 1; h <= 19; h++)
    for (let p = 1; p <= 10; p++)
      recs.push(conn({ ts: T0 + h * 20 + p, daddr: `45.33.${h}.1`, dport: p, spkts: 2 }));
  const { evidence, alerts } = await runRecords([new VerticalPortScan()], recs);
  assert.equal(evidence.length, 19);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.profile, 'profile_10.0.0.1');
  assert.equal(alerts[0]!.correlIds.length, 19);
  assert.equal(alerts[0]!.lastEvidence.id, evidence[18]!.id);
  const eighteen = await runRecords([new VerticalPortScan()], recs.slice(0, 180));
  assert.equal(eighteen.alerts.length, 0);
});
