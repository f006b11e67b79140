import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DgaNxdomains,
  DnsWithoutConnection,
  HighEntropyDnsAnswer,
  InvalidDnsResolution,
} from '../../../../../engine/detectors/flowAlerts/app';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import type { Detector } from '../../../../../engine/detectors/detector';
import type { FlowRecord } from '../../../../../engine/flow';
import { conn, dns } from '../../../../helpers/records';
import { runRecords } from './harness';

const T0 = 1_601_998_366;
const HOST = '192.168.1.5';

test('high-entropy TXT answer: two linked evidence, the server (medium) and the client (low)', async () => {
  const random = 'TXT 64 ' + 'q8Zr3XkLw0Pn7VbT2mYcJ5hDsFgA9uEiOlK1xNjR6tHpW4aCzQvBe'.repeat(2);
  const txt = (answers: string[], p = {}) =>
    dns({ ts: T0, saddr: HOST, daddr: '8.8.8.8', qtypeName: 'TXT', query: 'x.example', answers, ...p });
  const cases: [string, FlowRecord, number][] = [
    ['random text', txt([random]), 2],
    ['low entropy', txt(['TXT 9 txtvers=1']), 0],
    ['not TXT', txt(['1.2.3.4']), 0],
    ['two high answers', txt([random, `${random}x`]), 4],
    ['multicast source', txt([random], { saddr: '224.0.0.251' }), 0],
    ['no answers', txt([]), 0],
  ];
  for (const [name, rec, expected] of cases) {
    const { evidence } = await runRecords([new HighEntropyDnsAnswer()], [rec]);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new HighEntropyDnsAnswer()], [txt([random], { uid: 'Ctxt' })]);
  const [byServer, byClient] = evidence;
  assert.match(
    byServer!.description,
    /^A DNS TXT answer with high entropy\. query: x\.example answer: "TXT 64 q8Zr.*" entropy: \d\.\d+ $/,
  );
  assert.deepEqual(
    [byServer!.attacker.direction, byServer!.attacker.value, byServer!.threatLevel],
    ['DST', '8.8.8.8', 'medium'],
  );
  assert.deepEqual(
    [byClient!.attacker.direction, byClient!.attacker.value, byClient!.threatLevel],
    ['SRC', HOST, 'low'],
  );
  for (const e of evidence) {
    assert.equal(e.evidenceType, 'HIGH_ENTROPY_DNS_ANSWER');
    assert.equal(e.confidence, 0.6);
    assert.deepEqual(e.uids, ['Ctxt']);
  }
  assert.deepEqual(byServer!.relIds, [byClient!.id]);
  // The threshold comes from the configuration.
  const strict = { ...DEFAULT_CONFIG, flowAlerts: { ...DEFAULT_CONFIG.flowAlerts, entropyThreshold: 9 } };
  assert.equal((await runRecords([new HighEntropyDnsAnswer()], [txt([random])], strict)).evidence.length, 0);
});

test('invalid DNS resolution: a public name answered with a private address', async () => {
  const q = (query: string, answers: string[]) => dns({ ts: T0, saddr: HOST, query, answers });
  const cases: [string, FlowRecord, string[]][] = [
    [
      'loopback',
      q('galyqaz.com', ['127.0.0.1']),
      ['Invalid DNS answer. The DNS query galyqaz.com was resolved to the private IP: 127.0.0.1'],
    ],
    [
      'RFC 1918',
      q('google.com', ['192.168.1.1']),
      ['Invalid DNS answer. The DNS query google.com was resolved to the private IP: 192.168.1.1'],
    ],
    [
      'unique local IPv6',
      q('dns.msftncsi.com', ['fd3e:4f5a:5b81::1']),
      [
        'Invalid DNS answer. The DNS query dns.msftncsi.com was resolved to the private IP: fd3e:4f5a:5b81::1',
      ],
    ],
    ['public', q('example.com', ['93.184.216.34']), []],
    [
      'one of two',
      q('x.com', ['93.184.216.34', '10.1.1.1']),
      ['Invalid DNS answer. The DNS query x.com was resolved to the private IP: 10.1.1.1'],
    ],
    ['localhost', q('localhost', ['127.0.0.1']), []],
    ['mDNS', q('printer.local', ['192.168.1.20']), []],
    ['reverse lookup', q('1.1.168.192.in-addr.arpa', ['10.0.0.1']), []],
    ['CNAME only', q('a.example', ['b.example']), []],
  ];
  for (const [name, rec, expected] of cases) {
    const { evidence } = await runRecords([new InvalidDnsResolution()], [rec]);
    assert.deepEqual(
      evidence.map((e) => e.description),
      expected,
      name,
    );
  }
  const { evidence } = await runRecords([new InvalidDnsResolution()], [q('galyqaz.com', ['127.0.0.1'])]);
  const e = evidence[0]!;
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['INVALID_DNS_RESOLUTION', 'info', 0.8]);
  assert.deepEqual([e.victim?.iocType, e.victim?.value], ['DOMAIN', 'galyqaz.com']);
});

test('DGA: 10 different NXDOMAIN names in a window, then the count starts again', async () => {
  const nx = (i: number, p = {}) =>
    dns({ ts: T0 + i, saddr: HOST, query: `dga${i}.com`, rcodeName: 'NXDOMAIN', uid: `Cnx${i}`, ...p });
  const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => nx(from + i));
  const cases: [string, FlowRecord[], number[]][] = [
    ['9 names', names(9), []],
    ['10 names', names(10), [10]],
    ['25 names: every 10 after a reset', names(25), [10, 10]],
    ['repeated names count once', [...names(9), nx(0), nx(1)], []],
    [
      'reverse and mDNS names ignored',
      [...names(9), nx(9, { query: '4.3.2.1.in-addr.arpa' }), nx(10, { query: 'x.local' })],
      [],
    ],
    ['NOERROR ignored', [...names(9), nx(9, { rcodeName: 'NOERROR' })], []],
    [
      'other windows count apart',
      [...names(5), ...names(5, 3601).map((r, i) => ({ ...r, query: `late${i}.com` }))],
      [],
    ],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new DgaNxdomains()], recs);
    assert.deepEqual(
      evidence.map((e) => e.facts.nxdomains),
      expected,
      name,
    );
  }
  const { evidence } = await runRecords([new DgaNxdomains()], names(10));
  const e = evidence[0]!;
  assert.equal(
    e.description,
    `Possible DGA or domain scanning. ${HOST} failed to resolve 10 different domains`,
  );
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['DGA_NXDOMAINS', 'high', 0.1]);
  assert.equal(e.uids.length, 10);
  assert.equal(e.timestamp, T0 + 9);
});

test('DNS without connection: judged once traffic passes 30 minutes, at window close or at the end', async () => {
  const a = (ts: number, p = {}) =>
    dns({
      ts,
      saddr: HOST,
      query: 'www.example.com',
      qtypeName: 'A',
      answers: ['93.184.216.34'],
      uid: 'Cdns',
      ...p,
    });
  const to = (ts: number, daddr: string, saddr = HOST) => conn({ ts, saddr, daddr, dport: 443, state: 'SF' });
  const tick = (ts: number) => conn({ ts, saddr: '192.168.1.99', daddr: '1.1.1.1' });
  const cases: [string, FlowRecord[], number][] = [
    ['connection before the answer', [to(T0, '93.184.216.34'), a(T0 + 1)], 0],
    ['connection 10 minutes after', [a(T0), to(T0 + 600, '93.184.216.34')], 0],
    ['connection 31 minutes after', [a(T0), tick(T0 + 1801), to(T0 + 1860, '93.184.216.34')], 1],
    ['no connection, end of input', [a(T0)], 1],
    ['connection by another host', [a(T0), to(T0 + 5, '93.184.216.34', '192.168.1.6')], 1],
    [
      'connection in the next window (upstream looks in the query window only)',
      [a(T0), tick(T0 + 1000), to(T0 + 3700, '93.184.216.34')],
      1,
    ],
    [
      'an earlier resolution of the same name was contacted',
      [a(T0, { answers: ['93.184.216.35'], uid: 'Cfirst' }), to(T0 + 1, '93.184.216.35'), a(T0 + 2)],
      0,
    ],
    [
      'the IP of a CNAME in the answer was contacted',
      [
        dns({ ts: T0, saddr: '192.168.1.6', query: 'edge.cdn.example', answers: ['151.101.1.1'] }),
        to(T0, '151.101.1.1', '192.168.1.6'),
        a(T0 + 1, { answers: ['edge.cdn.example'] }),
        to(T0 + 2, '151.101.1.1'),
      ],
      0,
    ],
    [
      'AAAA answered and contacted',
      [a(T0, { qtypeName: 'AAAA', answers: ['2606:2800:220:1::1'] }), to(T0 + 1, '2606:2800:220:1::1')],
      0,
    ],
    ['TXT query', [a(T0, { qtypeName: 'TXT', answers: ['TXT 3 abc'] })], 0],
    ['NXDOMAIN', [a(T0, { rcodeName: 'NXDOMAIN', answers: [] })], 0],
    ['no answers', [a(T0, { answers: [] })], 0],
    ['reverse lookup', [a(T0, { query: '34.216.184.93.in-addr.arpa' })], 0],
    ['mDNS', [a(T0, { query: 'printer.local' })], 0],
    ['single label', [a(T0, { query: 'intranet' })], 0],
    ['wildcard', [a(T0, { query: '*.example.com' })], 0],
    ['Team Cymru', [a(T0, { query: '34.216.184.93.origin.asn.cymru.com' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new DnsWithoutConnection()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new DnsWithoutConnection()], [a(T0)]);
  const e = evidence[0]!;
  assert.equal(e.description, 'domain www.example.com resolved with no connection');
  assert.deepEqual([e.evidenceType, e.threatLevel, e.confidence], ['DNS_WITHOUT_CONNECTION', 'info', 0.8]);
  assert.deepEqual(
    [e.attacker.value, e.victim?.iocType, e.victim?.value],
    [HOST, 'DOMAIN', 'www.example.com'],
  );
  assert.equal(e.timestamp, T0);
  assert.deepEqual(e.uids, ['Cdns']);
});

test('DNS without connection: evidence is raised when traffic passes the deadline, not only at the end', async () => {
  // A probe around the detector notes the traffic time of the record during which each evidence came out.
  const det = new DnsWithoutConnection();
  const raisedAt: number[] = [];
  const probe: Detector = {
    name: det.name,
    onRecord: (rec, ctx) =>
      det.onRecord(rec, { ...ctx, emit: (e) => (raisedAt.push(rec.ts - T0), ctx.emit(e)) }),
  };
  const { evidence } = await runRecords(
    [probe],
    [
      dns({ ts: T0, saddr: HOST, query: 'a.example.com', answers: ['93.184.216.34'] }),
      conn({ ts: T0 + 1799, saddr: '192.168.1.99', daddr: '1.1.1.1' }),
      conn({ ts: T0 + 1800, saddr: '192.168.1.99', daddr: '1.1.1.2' }),
      conn({ ts: T0 + 1900, saddr: HOST, daddr: '93.184.216.34' }),
    ],
  );
  assert.deepEqual(raisedAt, [1800]);
  assert.equal(evidence.length, 1);
});

test('DNS without connection: the same input in another log order gives the same evidence', async () => {
  // Equal timestamps: a merged reader may hand over either log's line first.
  const recs: FlowRecord[] = [
    dns({ ts: T0, saddr: HOST, query: 'a.example.com', answers: ['93.184.216.34'], uid: 'C1' }),
    dns({ ts: T0, saddr: HOST, query: 'b.example.com', answers: ['93.184.216.35'], uid: 'C2' }),
    conn({ ts: T0, saddr: HOST, daddr: '93.184.216.35', state: 'SF' }),
  ];
  const forward = await runRecords([new DnsWithoutConnection()], recs);
  const connFirst = await runRecords([new DnsWithoutConnection()], [recs[2]!, recs[0]!, recs[1]!]);
  assert.deepEqual(
    forward.evidence.map((e) => e.description),
    ['domain a.example.com resolved with no connection'],
  );
  assert.deepEqual(
    connFirst.evidence.map((e) => e.id),
    forward.evidence.map((e) => e.id),
  );
});

test('DNS without connection: a window that closes before the 30 minutes settles its queries', async () => {
  const narrow = { ...DEFAULT_CONFIG, timeWindowWidth: 600 };
  const recs: FlowRecord[] = [
    dns({ ts: T0, saddr: HOST, query: 'a.example.com', answers: ['93.184.216.34'] }),
    dns({ ts: T0, saddr: HOST, query: 'b.example.com', answers: ['93.184.216.35'] }),
    conn({ ts: T0 + 10, saddr: HOST, daddr: '93.184.216.35' }),
    // Closes the first window (600 s past its last record), 20 minutes before the deadline.
    conn({ ts: T0 + 700, saddr: HOST, daddr: '93.184.216.34' }),
  ];
  const { evidence } = await runRecords([new DnsWithoutConnection()], recs, narrow);
  assert.deepEqual(
    evidence.map((e) => [e.description, e.timewindow.number]),
    [['domain a.example.com resolved with no connection', 1]],
  );
});
