import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsArpaScan } from '../../../../engine/detectors/networkDiscovery/dnsArpaScan';
import { dns, reverse } from './records';
import { runRecords } from './harness';

const T0 = 1_600_000_000;

test('DNS ARPA scan: 10 different reverse queries within 2 s → medium 0.7 with upstream wording', async () => {
  const recs = Array.from({ length: 10 }, (_, i) => reverse(T0 + i * 0.2, `192.168.1.${i + 1}`));
  const { evidence } = await runRecords([new DnsArpaScan()], recs);
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(e.description, 'Doing DNS ARPA scan. Scanned 10 hosts within 2 seconds.');
  assert.equal(e.evidenceType, 'DNS_ARPA_SCAN');
  assert.equal(e.threatLevel, 'medium');
  assert.equal(e.confidence, 0.7);
  assert.equal(e.uids.length, 10);
  assert.equal(e.module, 'flow_alerts');
  assert.equal(e.timestamp, T0 + 9 * 0.2);
});

test('DNS ARPA scan: a 2 s sliding window of distinct names, counted again after each evidence', async () => {
  const cases: [string, number[], number][] = [
    ['10 names over 2.7 s', Array.from({ length: 10 }, (_, i) => i * 0.3), 0],
    ['exactly 2 s', Array.from({ length: 10 }, (_, i) => (i * 2) / 9), 1],
    ['20 names quickly', Array.from({ length: 20 }, (_, i) => i * 0.05), 2],
    ['a slow start, then a burst', [0, 5, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, 5.7, 5.8, 5.9], 1],
  ];
  for (const [name, offsets, expected] of cases) {
    const recs = offsets.map((o, i) => reverse(T0 + o, `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`));
    const { evidence } = await runRecords([new DnsArpaScan()], recs);
    assert.equal(evidence.length, expected, name);
  }
});

test('DNS ARPA scan: repeated names, IPv6 reverse and forward names do not count; case does not matter', async () => {
  const same = Array.from({ length: 15 }, (_, i) => reverse(T0 + i * 0.1, '192.168.1.1'));
  const v6 = Array.from({ length: 15 }, (_, i) => dns({ ts: T0 + i * 0.1, query: `${i}.0.0.0.ip6.arpa` }));
  const fwd = Array.from({ length: 15 }, (_, i) => dns({ ts: T0 + i * 0.1, query: `host${i}.example.com` }));
  const { evidence } = await runRecords([new DnsArpaScan()], [...same, ...v6, ...fwd]);
  assert.equal(evidence.length, 0);
  const upper = Array.from({ length: 10 }, (_, i) =>
    dns({ ts: T0 + i * 0.1, query: `${i + 1}.1.168.192.IN-ADDR.ARPA` }),
  );
  assert.equal((await runRecords([new DnsArpaScan()], upper)).evidence.length, 1);
});
