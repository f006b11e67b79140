// The connection detections on real captures: upstream's acceptance substrings (slips-behaviour.md 11,
// ../shared/data/README.md), and the evidence counts on labelled captures, split by the ground-truth
// label of the flow each evidence names (the lead tabulates false positives from these).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnFlowAlerts } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import type { Evidence } from '../../../../../engine/evidence/types';
import { DATA, countByType, runFile, type FileRun } from './harness';

const run = (path: string) => runFile(`${DATA}/${path}`, createConnFlowAlerts(DEFAULT_CONFIG));

function withText(evidence: readonly Evidence[], text: string): Evidence[] {
  return evidence.filter((e) => e.description.includes(text));
}

test('test2-malicious.binetflow: "Long Connection." (more than 1 profile)', async () => {
  const r = await run('binetflow/slips/test2-malicious.binetflow');
  assert.ok(r.profiles > 1);
  const long = withText(r.evidence, 'Long Connection.');
  assert.ok(long.length > 0);
  const jabber = long.find((e) => e.victim?.value === '47.74.193.6')!;
  assert.equal(
    jabber.description,
    'Long Connection. Connection from 10.8.0.69 to destination address: 47.74.193.6 took 39 mins',
  );
  assert.equal(jabber.facts.durationSeconds, 2382.544678);
  assert.equal(jabber.dstPort, 5222);
});

test('test5-mixed.binetflow (Argus TAB): "Long Connection" (more than 4 profiles)', async () => {
  const r = await run('binetflow/slips/test5-mixed.binetflow');
  assert.ok(r.profiles > 4);
  assert.ok(withText(r.evidence, 'Long Connection').length > 0);
  // Argus flows carry no application protocol: no non-SSL/non-HTTP guesses from them.
  assert.equal(r.evidence.filter((e) => e.evidenceType.startsWith('NON_')).length, 0);
});

test('test9 conn.log alone: "non-HTTP established connection to port 80. destination IP: 194.132.197.198"', async () => {
  const r = await run('zeek/slips/test9-mixed-zeek-dir/conn.log');
  assert.ok(r.profiles > 4);
  const hits = withText(
    r.evidence,
    'non-HTTP established connection to port 80. destination IP: 194.132.197.198',
  );
  assert.equal(hits.length, 1);
  assert.deepEqual(hits[0]!.uids, ['CAwUdr34dVnyOwbUuj']);
  // A lone conn.log has no DNS to ask: no connection-without-DNS guesses.
  assert.equal(r.evidence.filter((e) => e.evidenceType === 'CONNECTION_WITHOUT_DNS').length, 0);
});

test('test10 conn.log alone: "non-SSL established connection"', async () => {
  const r = await run('zeek/slips/test10-mixed-zeek-dir/conn.log');
  assert.ok(r.profiles > 5);
  assert.ok(withText(r.evidence, 'non-SSL established connection').length > 0);
});

test('test14 folder: reconnection attempts to 123.22.123.22 and the GRE tunnel to 115.112.11.30', async () => {
  const r = await run('zeek/slips/test14-malicious-zeek-dir');
  const rec = withText(
    r.evidence,
    'Multiple reconnection attempts to Destination IP: 123.22.123.22 from IP: 10.0.2.15',
  );
  assert.equal(rec.length, 1);
  assert.equal(rec[0]!.facts.reconnections, 5);
  const gre = withText(r.evidence, 'GRE tunnel');
  assert.deepEqual(
    gre.map((e) => `${e.evidenceType} ${e.attacker.value} ${e.victim?.value}`),
    ['GRE_TUNNEL 10.0.2.15 115.112.11.30'],
  );
  assert.equal(r.evidence.filter((e) => e.evidenceType === 'GRE_SCAN').length, 1);
});

test('suricata test6: "Connection to unknown destination port" and "Connecting to private IP"', async () => {
  const r = await run('suricata/slips/test6-malicious.suricata.json');
  assert.ok(r.profiles > 10);
  assert.ok(withText(r.evidence, 'Connection to unknown destination port').length > 0);
  assert.ok(withText(r.evidence, 'Connecting to private IP: 192.168.1.129').length > 0);
});

/** type → label of the first flow the evidence names → count. */
function byLabel(r: FileRun): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const e of [...r.evidence].sort((a, b) => (a.evidenceType < b.evidenceType ? -1 : 1))) {
    const label = r.labels.get(e.uids[0] ?? '') ?? '(none)';
    const t = (out[e.evidenceType] ??= {});
    t[label] = (t[label] ?? 0) + 1;
  }
  return out;
}

test('labelled: stratosphere-test7 conn.log (HNS IoT bot), evidence per type and flow label', async (t) => {
  const r = await run('zeek-baselines/stratosphere-test7/conn.default-params.log.labeled');
  const table = byLabel(r);
  t.diagnostic(JSON.stringify(table));
  assert.deepEqual(table, {
    CONNECTION_TO_PRIVATE_IP: { Benign: 3, Malicious: 3 },
    DIFFERENT_LOCALNET: { Malicious: 2 },
    UNKNOWN_PORT: { Malicious: 2 },
  });
});

test('labelled: test18 CTU-SME-11 folder (RemcosRAT), evidence per type and flow label', async (t) => {
  const r = await run('zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled');
  const table = byLabel(r);
  t.diagnostic(JSON.stringify(table));
  assert.deepEqual(table, {
    CONNECTION_TO_PRIVATE_IP: { Benign: 15 },
    CONNECTION_WITHOUT_DNS: { Benign: 4, Malicious: 1, Unknown: 3 },
    MULTIPLE_RECONNECTION_ATTEMPTS: { Malicious: 143 },
    NON_SSL_PORT_443_CONNECTION: { Benign: 1, Unknown: 3 },
    UNKNOWN_PORT: { Benign: 8, Malicious: 1 },
  });
  // The RAT's 719 rejected connections to its C&C port.
  const cc = r.evidence.filter((e) => e.victim?.value === '66.63.168.35');
  assert.deepEqual(countByType(cc), {
    CONNECTION_WITHOUT_DNS: 1,
    MULTIPLE_RECONNECTION_ATTEMPTS: 143,
    UNKNOWN_PORT: 1,
  });
});

test('the same input gives the same evidence, in the same order', async () => {
  const a = await run('zeek/slips/test10-mixed-zeek-dir');
  const b = await run('zeek/slips/test10-mixed-zeek-dir');
  assert.ok(a.evidence.length > 0);
  assert.deepEqual(
    a.evidence.map((e) => e.id),
    b.evidence.map((e) => e.id),
  );
});
