import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn } from '../../../../helpers/records';
import { DataUpload } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import { runRecords } from './harness';

const T = 1_600_000_000;
const MB = 1_000_000;

test('DATA_UPLOAD: one flow of 100 MB or more, as two linked evidence (source info, destination high)', async () => {
  const rec = conn({
    ts: T,
    saddr: '192.168.1.107',
    daddr: '66.63.168.35',
    dport: 5888,
    sbytes: 123.5 * MB,
    state: 'SF',
  });
  const ev = await runRecords([rec], [new DataUpload()]);
  assert.equal(ev.length, 2);
  const [bySrc, byDst] = ev as [(typeof ev)[0], (typeof ev)[0]];
  assert.equal(bySrc.description, 'Large data upload. 123.5 MBs sent to 66.63.168.35');
  assert.equal(byDst.description, bySrc.description);
  assert.deepEqual([bySrc.threatLevel, bySrc.confidence, bySrc.attacker.direction], ['info', 0.6, 'SRC']);
  assert.deepEqual([byDst.threatLevel, byDst.confidence, byDst.attacker.direction], ['high', 0.6, 'DST']);
  assert.equal(byDst.attacker.value, '66.63.168.35');
  assert.deepEqual(bySrc.relIds, [byDst.id]);
  assert.deepEqual(byDst.relIds, [bySrc.id]);
  assert.deepEqual(bySrc.uids, [rec.uid]);
});

test('DATA_UPLOAD: 100 MB exactly prints like upstream (`100.0`)', async () => {
  const ev = await runRecords([conn({ ts: T, daddr: '8.8.8.8', sbytes: 100 * MB })], [new DataUpload()]);
  assert.equal(ev[0]!.description, 'Large data upload. 100.0 MBs sent to 8.8.8.8');
});

test('DATA_UPLOAD: the window sum to one address, at window close', async () => {
  const recs = Array.from({ length: 6 }, (_, i) =>
    conn({ ts: T + i * 60, saddr: '192.168.1.107', daddr: '66.63.168.35', sbytes: 90 * MB, state: 'SF' }),
  );
  const other = conn({ ts: T + 10, saddr: '192.168.1.107', daddr: '8.8.8.8', sbytes: 90 * MB, state: 'SF' });
  const ev = await runRecords([...recs, other], [new DataUpload()]);
  assert.deepEqual(
    ev.map((e) => `${e.attacker.direction} ${e.threatLevel} ${e.description}`),
    [
      'SRC info Large data upload. 540.0 MBs sent to 66.63.168.35',
      'DST high Large data upload. 540.0 MBs sent to 66.63.168.35',
    ],
  );
  assert.equal(ev[0]!.timestamp, T + 300);
  assert.equal(ev[0]!.uids.length, 6);
  assert.equal(ev[0]!.facts.thresholdMb, 500);
});

test('DATA_UPLOAD: the threshold is flowAlerts.dataExfiltrationThreshold', async () => {
  const config = {
    ...DEFAULT_CONFIG,
    flowAlerts: { ...DEFAULT_CONFIG.flowAlerts, dataExfiltrationThreshold: 1 },
  };
  const ev = await runRecords(
    [conn({ ts: T, daddr: '8.8.8.8', sbytes: 2 * MB })],
    [new DataUpload()],
    config,
  );
  assert.equal(ev.length, 2);
});

const ignored: [string, string][] = [
  ['multicast', '239.1.1.1'],
  ['link-local', '169.254.9.9'],
  ['reserved', '250.1.1.1'],
];

for (const [name, daddr] of ignored)
  test(`DATA_UPLOAD: ${name} destinations are ignored`, async () => {
    assert.equal(
      (await runRecords([conn({ ts: T, daddr, sbytes: 700 * MB })], [new DataUpload()])).length,
      0,
    );
  });

test('DATA_UPLOAD: the gateway (learnt from MACs) is ignored', async () => {
  const gw = 'aa:bb:cc:dd:ee:01';
  const ev = await runRecords(
    [
      // a private host talking to the internet through its gateway reveals the gateway MAC...
      conn({ ts: T, saddr: '192.168.1.10', daddr: '8.8.8.8', smac: 'aa:bb:cc:dd:ee:10', dmac: gw }),
      // ...and a flow to the gateway's own address reveals its IP
      conn({ ts: T + 1, saddr: '192.168.1.10', daddr: '192.168.1.1', dmac: gw, dport: 53, proto: 'udp' }),
      conn({ ts: T + 2, saddr: '192.168.1.10', daddr: '192.168.1.1', dmac: gw, sbytes: 150 * MB }),
      conn({ ts: T + 3, saddr: '192.168.1.10', daddr: '192.168.1.2', sbytes: 150 * MB }),
    ],
    [new DataUpload()],
  );
  assert.deepEqual(
    ev.map((e) => e.attacker.value),
    ['192.168.1.10', '192.168.1.2'],
  );
});

test('DATA_UPLOAD: odd byte counts do not break it', async () => {
  const ev = await runRecords(
    [
      conn({ ts: T, daddr: '8.8.8.8', sbytes: -5 }),
      conn({ ts: T, daddr: '8.8.8.8', sbytes: NaN }),
      conn({ ts: T, daddr: '', sbytes: 500 * MB }),
      conn({ ts: T, daddr: '8.8.8.8', sbytes: Number.MAX_SAFE_INTEGER }),
    ],
    [new DataUpload()],
  );
  // only the huge one; the window sum is the same flow, so its evidence is not repeated
  assert.equal(ev.length, 2);
});
