// Beacon evidence through the real engine: hand-made pairs, then real captures (a periodic HTTPS
// beacon, NjRAT and RemcosRAT C&C) where the periodic pair scores high and a normal one low.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BeaconDetector } from '../../../../engine/detectors/ml/beaconDetector';
import { conn } from '../../../helpers/records';
import { runFile, runRecords } from '../../../helpers/detectorHarness';
import type { Evidence } from '../../../../engine/evidence/types';

const T0 = 1_700_000_000;

function beaconFor(evidence: Evidence[], src: string, dst: string): Evidence | undefined {
  return evidence.find(
    (e) => e.evidenceType === 'BEACON' && e.attacker.value === src && e.victim?.value === dst,
  );
}

test('a 60 s beacon in a window gives evidence with its sub-scores; a one-off burst does not', async () => {
  const beacon = Array.from({ length: 30 }, (_, i) =>
    conn({ ts: T0 + 60 * i, saddr: '10.0.0.1', daddr: '203.0.113.9', dport: 443, sbytes: 300 }),
  );
  // a burst of 5 connections with growing gaps and sizes to another host
  const burst = [0, 1, 3, 7, 900].map((d, i) =>
    conn({ ts: T0 + 100 + d, saddr: '10.0.0.1', daddr: '198.51.100.7', dport: 80, sbytes: 100 * 3 ** i }),
  );
  const records = [...beacon, ...burst].sort((a, b) => a.ts - b.ts);
  const { evidence } = await runRecords([new BeaconDetector(0.7)], records);
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(e.evidenceType, 'BEACON');
  assert.equal(e.attacker.value, '10.0.0.1');
  assert.equal(e.victim?.value, '203.0.113.9');
  assert.equal(e.dstPort, 443);
  assert.equal(e.uids.length, 30);
  assert.equal(e.timestamp, T0 + 60 * 29);
  // window span = the profile's traffic 0..1740 s: intervals and sizes are constant (1, 1), the beacon
  // fills all 24 bins → hist 1 − CV; it covers the whole span → duration 1
  assert.equal(e.facts.ts_score, 1);
  assert.equal(e.facts.ds_score, 1);
  assert.equal(e.facts.dur_score, 1);
  assert.ok((e.facts.score as number) >= 0.9, `score ${e.facts.score}`);
  assert.match(
    e.description,
    /^Beacon-like connections from 10\.0\.0\.1 to 203\.0\.113\.9 port 443\/tcp: beacon score /,
  );
  assert.match(
    e.description,
    /\(intervals 1\.000, sizes 1\.000, histogram \d\.\d{3}, duration 1\.000\); 30 connections/,
  );
  assert.equal(e.confidence, 1);
  assert.equal(e.module, 'beacon');
});

test('threshold is configurable: 1.01 silences everything, 0 reports every scored pair', async () => {
  const recs = () =>
    Array.from({ length: 8 }, (_, i) =>
      conn({ ts: T0 + 10 * i + (i % 2) * 3, daddr: '203.0.113.1', sbytes: 10 }),
    );
  assert.equal((await runRecords([new BeaconDetector(1.01)], recs())).evidence.length, 0);
  assert.equal((await runRecords([new BeaconDetector(0)], recs())).evidence.length, 1);
});

test('test-cc-capture-2: the 2–3 s HTTPS beacon 147.32.80.37 → 141.193.213.20:443 scores high', async () => {
  const { evidence } = await runFile('pcap/slips/test-cc-capture-2.pcap', [new BeaconDetector(0.7)]);
  const e = beaconFor(evidence, '147.32.80.37', '141.193.213.20');
  assert.ok(e, 'beacon evidence for the curl loop');
  assert.equal(e.dstPort, 443);
  assert.ok((e.facts.score as number) >= 0.9, `score ${e.facts.score}`);
});

test('NjRAT and RemcosRAT C&C pairs score high; a normal web pair of the same host scores low', async () => {
  const njrat = await runFile('zeek/security-datasets-for-testing/001-zeek-scenario-malicious', [
    new BeaconDetector(0),
  ]);
  const cc = beaconFor(njrat.evidence, '192.168.1.115', '41.108.179.197')!;
  assert.ok(cc && (cc.facts.score as number) >= 0.8, `NjRAT C&C score ${cc?.facts.score}`);
  assert.equal(cc.dstPort, 1177);
  const web = beaconFor(njrat.evidence, '192.168.1.115', '52.0.95.231')!;
  assert.ok(web && (web.facts.score as number) < 0.5, `normal web pair ${web?.facts.score}`);

  const remcos = await runFile('zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled', [
    new BeaconDetector(0.7),
  ]);
  const exfil = beaconFor(remcos.evidence, '192.168.1.107', '66.63.168.35');
  assert.ok(exfil && exfil.dstPort === 5888, 'RemcosRAT channel');
});
