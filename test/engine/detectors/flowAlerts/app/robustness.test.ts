import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import { createAppFlowAlerts } from '../../../../../engine/detectors/flowAlerts/app';
import { createHttpAnalyzer } from '../../../../../engine/detectors/http';
import type { FlowRecord } from '../../../../../engine/flow';
import { conn, dns } from '../../../../helpers/records';
import { runRecords } from './harness';
import { http, smtp, software, ssh, ssl, weird } from './records';

test('odd values never throw: empty strings, port 0, negative and huge numbers, missing answers', async () => {
  const T = 1_600_000_000;
  const odd: FlowRecord[] = [
    conn({
      ts: T,
      uid: '',
      dur: -5,
      sbytes: -1,
      dbytes: Number.MAX_SAFE_INTEGER,
      sport: 0,
      dport: 0,
      appproto: 'ssh,ssl',
    }),
    conn({ ts: T, uid: 'Codd', dbytes: Number.NaN, appproto: 'ssl' }),
    ssl({ ts: T, uid: 'Codd', serverName: 'pastebin', subject: 'CN=', validationStatus: 'self signed' }),
    ssl({
      ts: T,
      subject: 'CN=*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*google.com',
      serverName: 'a'.repeat(500) + '.microsoft.com',
    }),
    ssl({ ts: T, subject: 'O=x', serverName: '' }),
    ssh({ ts: T, uid: '', authSuccess: undefined }),
    ssh({ ts: T, uid: 'Codd', authSuccess: false }),
    software({ ts: T, versionMajor: '', versionMinor: '' }),
    software({ ts: T, versionMajor: '', versionMinor: '1' }),
    dns({ ts: T, query: '', answers: ['', '-', 'TXT', 'TXT 0 '], rcodeName: '' }),
    dns({ ts: T, query: '.', answers: ['not an ip', '999.1.1.1'], qtypeName: 'A' }),
    dns({ ts: T, query: 'x.com', answers: ['TXT ' + '\u{1F600}'.repeat(1000)], qtypeName: 'TXT' }),
    smtp({ ts: T, lastReply: 'bad smtp-auth user', daddr: '' }),
    http({
      ts: T,
      userAgent: '',
      host: '',
      uri: '',
      requestBodyLen: -1,
      responseBodyLen: Number.NaN,
      respMimeTypes: [],
    }),
    http({ ts: T, userAgent: 'server-bag[', host: '1.2.3.4', uri: '/', method: '' }),
    weird({ ts: T, uid: '', name: 'unknown_HTTP_method', addl: '' }),
    conn({ ts: -1, uid: 'Cneg' }),
  ];
  const detectors = [...createAppFlowAlerts(DEFAULT_CONFIG), ...createHttpAnalyzer(DEFAULT_CONFIG)];
  const { evidence } = await runRecords(detectors, odd);
  for (const e of evidence) {
    assert.ok(Number.isFinite(e.confidence), e.description);
    assert.ok(e.confidence >= 0 && e.confidence <= 1, e.description);
  }
});

test('the same input gives the same evidence in the same order', async () => {
  const T = 1_600_000_000;
  const recs = (): FlowRecord[] => [
    dns({ ts: T, saddr: '10.0.0.5', query: 'a.example.com', answers: ['93.184.216.34'], uid: 'D1' }),
    ssl({ ts: T + 1, saddr: '10.0.0.5', subject: 'CN=www.google.com', serverName: 'netflix.com', uid: 'S1' }),
    ssh({ ts: T + 2, uid: 'L1', authSuccess: true }),
    conn({
      ts: T + 3,
      uid: 'L1',
      saddr: '192.168.2.1',
      daddr: '192.168.2.16',
      dport: 22,
      appproto: 'ssh',
      state: 'SF',
    }),
    http({ ts: T + 4, respMimeTypes: ['application/x-dosexec'], uid: 'H1' }),
    ...[0, 1, 2].map((i) => smtp({ ts: T + 5 + i, uid: `M${i}` })),
  ];
  const run = async () =>
    (
      await runRecords(
        [...createAppFlowAlerts(DEFAULT_CONFIG), ...createHttpAnalyzer(DEFAULT_CONFIG)],
        recs(),
      )
    ).evidence.map((e) => `${e.id} ${e.evidenceType} ${e.description}`);
  const first = await run();
  assert.ok(first.length >= 10);
  assert.deepEqual(await run(), first);
});
