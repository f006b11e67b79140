import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { NonHttpPort80, NonSslPort443 } from '../../../../../engine/detectors/flowAlerts/conn';
import type { ConnRecord } from '../../../../../engine/flow';
import { runRecords } from './harness';

const T = 1_600_000_000;
const https = (ts: number, p: Partial<ConnRecord> = {}) =>
  conn({
    ts,
    saddr: '10.0.2.15',
    daddr: '3.123.248.34',
    dport: 443,
    state: 'SF',
    sbytes: 100,
    dbytes: 40,
    ...p,
  });
const http = (ts: number, p: Partial<ConnRecord> = {}) =>
  conn({
    ts,
    saddr: '10.0.2.15',
    daddr: '194.132.197.198',
    dport: 80,
    state: 'SF',
    sbytes: 5,
    dbytes: 3,
    ...p,
  });

test('NON_SSL_PORT_443_CONNECTION: established 443 with data that Zeek did not call ssl', async () => {
  const rec = https(T);
  const ev = await runRecords([rec], [new NonSslPort443()]);
  assert.equal(ev.length, 1);
  const e = ev[0]!;
  assert.equal(e.description, 'non-SSL established connection to port 443. destination IP: 3.123.248.34');
  assert.deepEqual([e.threatLevel, e.confidence, e.module], ['medium', 0.8, 'flow_alerts']);
  assert.deepEqual(e.attacker, { direction: 'SRC', iocType: 'IP', value: '10.0.2.15' });
  assert.deepEqual(e.victim, { direction: 'DST', iocType: 'IP', value: '3.123.248.34' });
  assert.deepEqual(e.uids, [rec.uid]);
});

const sslCases: [name: string, records: ConnRecord[], expected: number][] = [
  ['an ssl flow between the same hosts 4 min before', [https(T - 240, { appproto: 'ssl' }), https(T)], 0],
  ['an ssl flow 4 min after', [https(T), https(T + 240, { appproto: 'ssl' })], 0],
  ['an ssl flow 6 min before', [https(T - 360, { appproto: 'ssl' }), https(T)], 1],
  ['an ssl flow 6 min after', [https(T), https(T + 360, { appproto: 'ssl' })], 1],
  ['an ssl flow from another host', [https(T, { saddr: '10.0.2.16', appproto: 'ssl' }), https(T + 1)], 1],
  ['Suricata `tls`', [https(T, { source: 'suricata', appproto: 'tls', state: 'established' })], 0],
  [
    'Suricata without app_proto (no payload seen)',
    [https(T, { source: 'suricata', appproto: '', state: 'established' })],
    0,
  ],
  ['Suricata `failed`', [https(T, { source: 'suricata', appproto: 'failed', state: 'established' })], 1],
  ['Zeek `ssl,quic`', [https(T, { appproto: 'ssl,quic' })], 0],
  ['Argus (no application protocol at all)', [https(T, { source: 'argus', state: 'FSPA_FSPA' })], 0],
  ['no data', [https(T, { sbytes: 0, dbytes: 0 })], 0],
  ['not established', [https(T, { state: 'S0' })], 0],
  ['UDP', [https(T, { proto: 'udp' })], 0],
  ['two flows to the same host in one window', [https(T), https(T + 1000)], 1],
];

for (const [name, records, expected] of sslCases)
  test(`NON_SSL_PORT_443_CONNECTION: ${name} → ${expected}`, async () => {
    const sorted = [...records].sort((a, b) => a.ts - b.ts);
    assert.equal((await runRecords(sorted, [new NonSslPort443()])).length, expected);
  });

test('NON_SSL_PORT_443_CONNECTION: decided in traffic time, whatever order the flows arrive in', async () => {
  // Zeek writes conn.log at connection end: the ssl flow may be logged before an earlier-starting one.
  const ssl = https(T + 100, { appproto: 'ssl' });
  const plain = https(T);
  assert.equal((await runRecords([ssl, plain], [new NonSslPort443()])).length, 0);
  assert.equal((await runRecords([plain, ssl], [new NonSslPort443()])).length, 0);
});

test('NON_HTTP_PORT_80_CONNECTION: two linked evidence from http_analyzer', async () => {
  const rec = http(T);
  const ev = await runRecords([rec], [new NonHttpPort80()]);
  assert.deepEqual(
    ev.map((e) => `${e.attacker.direction} ${e.threatLevel} ${e.confidence} ${e.description}`),
    [
      'SRC low 0.8 non-HTTP established connection to port 80. destination IP: 194.132.197.198',
      'DST medium 0.8 non-HTTP established connection to port 80. from IP: 10.0.2.15',
    ],
  );
  assert.equal(ev[0]!.module, 'http_analyzer');
  assert.deepEqual(ev[0]!.relIds, [ev[1]!.id]);
  assert.deepEqual(ev[1]!.relIds, [ev[0]!.id]);
  assert.deepEqual(ev[1]!.uids, [rec.uid]);
  assert.equal(new NonHttpPort80().name, 'http_analyzer');
});

test('NON_HTTP_PORT_80_CONNECTION: an http flow between the same hosts within 5 min clears it', async () => {
  assert.equal(
    (await runRecords([http(T), http(T + 200, { appproto: 'http' })], [new NonHttpPort80()])).length,
    0,
  );
  assert.equal(
    (await runRecords([http(T), http(T + 400, { appproto: 'http' })], [new NonHttpPort80()])).length,
    2,
  );
});
