// Eve event shapes from other Suricata versions, and hostile lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsRecord, FilesRecord, FlowRecord, SshRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { canonicalIPv6 } from '../../../../engine/inputs/suricata/canonicalIPv6';
import { SuricataReader } from '../../../../engine/inputs/suricata/suricataReader';
import { memory, readAll } from '../argus/readAll';

const BASE = {
  timestamp: '2021-06-06T15:59:46.457984+0200',
  flow_id: 1374195536821504,
  src_ip: '10.0.0.1',
  src_port: 40000,
  dest_ip: '10.0.0.2',
  dest_port: 53,
  proto: 'UDP',
};
const TS = Date.UTC(2021, 5, 6, 13, 59, 46) / 1000 + 0.457984;
const GOOD = JSON.stringify({
  ...BASE,
  event_type: 'flow',
  flow: { start: BASE.timestamp, end: BASE.timestamp, state: 'new' },
});

async function read(text: string | Buffer): Promise<{ recs: FlowRecord[]; acc: Accounting }> {
  const acc = new Accounting();
  const recs = await readAll(new SuricataReader(memory(text, 'eve.json'), { accounting: acc }));
  assert.ok(acc.balanced());
  return { recs, acc };
}

async function one(event: Record<string, unknown>): Promise<FlowRecord> {
  const { recs, acc } = await read(JSON.stringify({ ...BASE, ...event }) + '\n');
  assert.equal(acc.rejected, 0, JSON.stringify(acc.rejections));
  assert.equal(recs.length, 1);
  return recs[0]!;
}

test('eve format 3 DNS (Suricata 7+): the question under queries[], answers with TTLs', async () => {
  const r = (await one({
    event_type: 'dns',
    dns: {
      version: 3,
      type: 'response',
      rcode: 'NXDOMAIN',
      queries: [{ rrname: 'vowyzuk.com', rrtype: 'A' }],
      answers: [{ rrname: 'vowyzuk.com', rrtype: 'A', ttl: 30, rdata: '1.2.3.4' }],
    },
  })) as DnsRecord;
  assert.deepEqual(
    [r.query, r.qtypeName, r.rcodeName, r.answers, r.ttls],
    ['vowyzuk.com', 'A', 'NXDOMAIN', ['1.2.3.4'], [30]],
  );
  assert.equal(r.ts, TS);
});

test('grouped-only DNS answers: CNAMEs first, no TTLs', async () => {
  const r = (await one({
    event_type: 'dns',
    dns: {
      type: 'answer',
      rrname: 'a.example',
      rrtype: 'A',
      rcode: 'NOERROR',
      grouped: { A: ['1.1.1.1'], CNAME: ['b.example'] },
    },
  })) as DnsRecord;
  assert.deepEqual([r.answers, r.ttls], [['b.example', '1.1.1.1'], []]);
});

test('old per-answer DNS events (Suricata 4): rdata and ttl on the dns object', async () => {
  const r = (await one({
    event_type: 'dns',
    dns: {
      type: 'answer',
      rrname: 'a.example',
      rrtype: 'AAAA',
      ttl: 60,
      rdata: '2001:0db8:0000:0000:0000:0000:0000:0001',
    },
  })) as DnsRecord;
  assert.deepEqual([r.answers, r.ttls], [['2001:db8::1'], [60]]);
});

test('ssh events: software versions and the protocol major version', async () => {
  const r = (await one({
    event_type: 'ssh',
    dest_port: 22,
    proto: 'TCP',
    ssh: {
      client: { proto_version: '2.0', software_version: 'OpenSSH_8.1' },
      server: { proto_version: '2.0', software_version: 'OpenSSH_7.4' },
    },
  })) as SshRecord;
  assert.deepEqual(
    [r.kind, r.client, r.server, r.version, r.authSuccess],
    ['ssh', 'OpenSSH_8.1', 'OpenSSH_7.4', 2, undefined],
  );
});

test('fileinfo with hashes and a file id', async () => {
  const r = (await one({
    event_type: 'fileinfo',
    app_proto: 'http',
    fileinfo: { file_id: 7, size: 10, md5: 'm', sha1: 's1', sha256: 's256', magic: 'PE32 executable' },
  })) as FilesRecord;
  assert.deepEqual(
    [r.fuid, r.uid, r.md5, r.sha1, r.sha256, r.mimeType, r.size],
    ['7', '1374195536821504', 'm', 's1', 's256', 'PE32 executable', 10],
  );
});

test('Ethernet addresses are kept when Suricata logs them', async () => {
  const r = await one({
    event_type: 'flow',
    ether: { src_mac: 'aa:bb:cc:dd:ee:ff', dest_mac: '11:22:33:44:55:66' },
    flow: { start: BASE.timestamp },
  });
  assert.ok(r.kind === 'conn');
  assert.deepEqual([r.smac, r.dmac, r.dur], ['aa:bb:cc:dd:ee:ff', '11:22:33:44:55:66', 0]);
});

test('event types that are not flows are skipped and counted by type', async () => {
  const lines = ['alert', 'alert', 'stats', 'anomaly', 'dhcp', 'netflow'].map((t) =>
    JSON.stringify({ ...BASE, event_type: t }),
  );
  const { recs, acc } = await read(lines.join('\n'));
  assert.equal(recs.length, 0);
  assert.deepEqual(Object.fromEntries(acc.skipped), {
    'suricata event_type alert': 2,
    'suricata event_type stats': 1,
    'suricata event_type anomaly': 1,
    'suricata event_type dhcp': 1,
    'suricata event_type netflow': 1,
  });
});

const BAD: [string, string | Buffer, RegExp][] = [
  ['binary garbage', Buffer.from([0x00, 0x8f, 0x7b, 0x01, 0xff]), /UTF-8|JSON/],
  ['truncated JSON', GOOD.slice(0, 60), /invalid JSON/],
  ['JSON array', '[1,2,3]', /not a JSON object/],
  ['JSON number', '42', /not a JSON object/],
  ['JSON null', 'null', /not a JSON object/],
  ['JSON string', '"flow"', /not a JSON object/],
  ['no event_type', JSON.stringify(BASE), /no event_type/],
  [
    'invalid timestamp',
    JSON.stringify({ ...BASE, event_type: 'dns', timestamp: 'yesterday', dns: {} }),
    /dns event: invalid timestamp "yesterday"/,
  ],
  [
    'invalid flow.start',
    GOOD.replace(/"start":"[^"]*"/, '"start":"2021-99-06T15:59:46+0200"'),
    /flow event: invalid flow.start/,
  ],
  ['invalid IP', GOOD.replace('10.0.0.1', '10.0.0.999'), /invalid src_ip "10.0.0.999"/],
  ['IP of the wrong type', GOOD.replace('"10.0.0.2"', '12'), /invalid dest_ip "12"/],
  ['invalid port', GOOD.replace('40000', '-5'), /invalid src_port "-5"/],
  [
    'flow without its object',
    JSON.stringify({ ...BASE, event_type: 'flow' }),
    /flow event without a "flow" object/,
  ],
  [
    'http with a non-object',
    JSON.stringify({ ...BASE, event_type: 'http', http: 'GET /' }),
    /http event without an "http" object/,
  ],
  [
    'non-UTF-8 bytes',
    Buffer.concat([Buffer.from(GOOD.slice(0, 20)), Buffer.from([0xc3, 0x28]), Buffer.from(GOOD.slice(20))]),
    /not valid UTF-8/,
  ],
];

test('each bad line is rejected once with file:line; the good lines around it are kept', async () => {
  const parts: Buffer[] = [Buffer.from(GOOD + '\n')];
  for (const [, bad] of BAD)
    parts.push(typeof bad === 'string' ? Buffer.from(bad) : bad, Buffer.from('\n' + GOOD + '\n'));
  const { recs, acc } = await read(Buffer.concat(parts));
  assert.equal(recs.length, BAD.length + 1);
  assert.equal(acc.rejected, BAD.length);
  BAD.forEach(([what, , reason], i) => {
    const p = acc.rejections[i]!;
    assert.equal(p.file, 'eve.json', what);
    assert.equal(p.line, 2 + 2 * i, what);
    assert.match(p.reason, reason, what);
  });
});

test('a line over 1 MiB is rejected once', async () => {
  const long = JSON.stringify({ ...BASE, event_type: 'http', http: { url: 'x'.repeat(3 * 1024 * 1024) } });
  const { recs, acc } = await read([GOOD, long, GOOD].join('\n'));
  assert.equal(recs.length, 2);
  assert.equal(acc.rejected, 1);
  assert.equal(acc.rejections[0]!.line, 2);
});

test('an empty file gives no records', async () => {
  const { recs, acc } = await read('');
  assert.equal(recs.length, 0);
  assert.equal(acc.read, 0);
});

test('canonicalIPv6: RFC 5952 short form', () => {
  const cases: [string, string][] = [
    ['0000:0000:0000:0000:0000:0000:0000:0000', '::'],
    ['ff02:0000:0000:0000:0000:0000:0000:0016', 'ff02::16'],
    ['fe80:0000:0000:0000:ba27:ebff:fec7:e9c9', 'fe80::ba27:ebff:fec7:e9c9'],
    ['2001:0DB8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:1:1:1:0:1', '2001:db8:1:1:1:1:0:1'],
    ['::1', '::1'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalIPv6(input), want, input);
});
