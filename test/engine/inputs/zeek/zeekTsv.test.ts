// The TSV format's headers and escapes: separators, unset/empty markers, headers declared again mid-file,
// #close, the stray-tab header, `\xNN` escapes and the two-space fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { ConnRecord, DnsRecord, HttpRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { ZeekLogReader } from '../../../../engine/inputs/zeek/zeekLogReader';
import { readAll, readLog, tmpFile, tsvLog } from './zeekTestKit';

const CONN_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'history',
  'orig_pkts',
  'resp_pkts',
];

function connRow(ts: number, uid: string, extra: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    ts: ts.toFixed(6),
    uid,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': '40000',
    'id.resp_h': '10.0.0.2',
    'id.resp_p': '80',
    proto: 'tcp',
    service: 'http',
    duration: '1.5',
    orig_bytes: '100',
    resp_bytes: '200',
    conn_state: 'SF',
    history: 'ShADadFf',
    orig_pkts: '5',
    resp_pkts: '6',
  };
  return CONN_FIELDS.map((f) => extra[f] ?? base[f]!);
}

test('a plain TSV conn log: fields by #fields, unset and empty markers', async () => {
  const rows = [connRow(1, 'C1'), connRow(2, 'C2', { service: '-', duration: '-', history: '(empty)' })];
  const { recs, acc, reader } = await readLog(tmpFile('conn.log', tsvLog('conn', CONN_FIELDS, rows)));
  assert.equal(reader.format, 'zeek-tsv');
  assert.equal(acc.parsed, 2);
  const [a, b] = recs as ConnRecord[];
  assert.equal(a!.appproto, 'http');
  assert.equal(a!.dur, 1.5);
  assert.equal(b!.appproto, '');
  assert.equal(b!.dur, 0);
  assert.equal(b!.history, '');
  assert.equal(b!.smac, '');
});

test('columns are found by name, in any order, and missing ones read empty', async () => {
  const fields = ['uid', 'id.resp_p', 'ts', 'id.resp_h', 'id.orig_h', 'proto'];
  const text = tsvLog('conn', fields, [['C9', '443', '5.25', '2001:db8::1', '2001:db8::2', 'udp']]);
  const { recs } = await readLog(tmpFile('conn.log', text));
  const r = recs[0] as ConnRecord;
  assert.deepEqual(
    [r.ts, r.uid, r.saddr, r.daddr, r.dport, r.sport, r.proto, r.state],
    [5.25, 'C9', '2001:db8::2', '2001:db8::1', 443, 0, 'udp', ''],
  );
});

test('a declared separator, set separator and markers are honoured', async () => {
  const fields = [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'query',
    'answers',
    'TTLs',
    'rcode_name',
  ];
  const text = [
    '#separator \\x7c',
    '#set_separator|;',
    '#empty_field|EMPTY',
    '#unset_field|NONE',
    '#path|dns',
    `#fields|${fields.join('|')}`,
    '10.5|D1|10.0.0.1|5353|10.0.0.53|53|udp|example.com|a.example.com;1.2.3.4|60;30|NOERROR',
    '11.5|D2|10.0.0.1|5353|10.0.0.53|53|udp|example.org|EMPTY|NONE|NONE',
  ].join('\n');
  const { recs, acc } = await readLog(tmpFile('dns.log', text));
  assert.equal(acc.parsed, 2);
  const [a, b] = recs as DnsRecord[];
  assert.deepEqual(a!.answers, ['a.example.com', '1.2.3.4']);
  assert.deepEqual(a!.ttls, [60, 30]);
  assert.deepEqual([b!.answers, b!.ttls, b!.rcodeName], [[], [], '']);
});

test('headers declared again mid-file (concatenated logs) re-map the columns', async () => {
  const first = tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1')]);
  const reordered = [...CONN_FIELDS].reverse();
  const second = tsvLog('conn', [...reordered, 'ip_proto'], [[...connRow(2, 'C2').reverse(), '6']]);
  const { recs, acc } = await readLog(tmpFile('conn.log', first + second));
  assert.equal(acc.parsed, 2);
  assert.ok(acc.balanced());
  const [a, b] = recs as ConnRecord[];
  assert.deepEqual([a!.uid, a!.ts, a!.sbytes], ['C1', 1, 100]);
  assert.deepEqual([b!.uid, b!.ts, b!.sbytes, b!.state], ['C2', 2, 100, 'SF']);
});

test('#close ends a log: data after it without new headers is rejected', async () => {
  const text = tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1')]) + connRow(2, 'C2').join('\t') + '\n';
  const path = tmpFile('conn.log', text);
  const { recs, acc } = await readLog(path);
  assert.equal(recs.length, 1);
  assert.deepEqual(acc.rejections, [
    { file: path, line: 10, reason: 'data line after #close without a new #fields header' },
  ]);
  assert.ok(acc.balanced());
});

test('a header indented by a stray tab is still a header', async () => {
  const text = '\t' + tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1')]);
  const { recs, acc } = await readLog(tmpFile('conn.log', text));
  assert.equal(acc.rejected, 0);
  assert.equal(recs.length, 1);
});

test('\\xNN escapes are decoded, in values and in set elements', async () => {
  const fields = [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'method',
    'host',
    'uri',
    'user_agent',
    'resp_mime_types',
  ];
  const row = [
    '1.0',
    'H1',
    '10.0.0.1',
    '1234',
    '10.0.0.2',
    '80',
    'GET',
    'caf\\xc3\\xa9.example',
    '/a\\x09b\\x5cx',
    'bad \\xff byte',
    'text/plain\\x2c charset,image/png',
  ];
  const { recs, acc } = await readLog(tmpFile('http.log', tsvLog('http', fields, [row])));
  assert.equal(acc.parsed, 1);
  const r = recs[0] as HttpRecord;
  assert.equal(r.host, 'café.example');
  assert.equal(r.uri, '/a\tb\\x');
  assert.equal(r.userAgent, 'bad \u00ff byte');
  assert.deepEqual(r.respMimeTypes, ['text/plain, charset', 'image/png']);
});

test('values split by runs of two or more spaces are read when a line has no tabs', async () => {
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'note', 'msg'];
  const text =
    tsvLog('notice', fields, [
      [
        '7.5',
        'N1',
        '10.0.0.1',
        '1',
        '10.0.0.2',
        '22',
        'tcp',
        'SSH::Password_Guessing',
        'guessing  passwords',
      ],
    ]) +
    `#fields\t${fields.join('\t')}\n` +
    '8.5   N2  10.0.0.1  1  10.0.0.2  22  tcp  Scan::Port_Scan  a scan of many ports\n';
  const { recs, acc } = await readLog(tmpFile('notice.log', text));
  assert.equal(acc.parsed, 2);
  assert.deepEqual(
    recs.map((r) => [r.uid, r.ts, r.dport, (r as { msg: string }).msg]),
    [
      ['N1', 7.5, 22, 'guessing  passwords'],
      ['N2', 8.5, 22, 'a scan of many ports'],
    ],
  );
});

test('proto unknown_transport reads as empty', async () => {
  const { recs } = await readLog(
    tmpFile('conn.log', tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1', { proto: 'unknown_transport' })])),
  );
  assert.equal(recs[0]!.proto, '');
});

test('#path names the log when the file name does not; the caller can force a kind', async () => {
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query'];
  const text = tsvLog('dns', fields, [
    ['1.0', 'D1', '10.0.0.1', '5353', '10.0.0.53', '53', 'udp', 'example.com'],
  ]);
  const plain = await readLog(tmpFile('export.txt', text));
  assert.equal(plain.recs[0]!.kind, 'dns');
  const forced = await readLog(tmpFile('export.txt', text), 'conn');
  assert.equal(forced.recs[0]!.kind, 'conn');
});

test('a log without #path is named by its file; an unnamed one is conn', async () => {
  const text = tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1')]).replace('#path\tconn\n', '');
  assert.equal((await readLog(tmpFile('conn.log', text))).recs[0]!.kind, 'conn');
  const quic = await readLog(tmpFile('quic.log', text));
  assert.deepEqual([quic.recs.length, quic.acc.skippedTotal], [0, 1]);
  assert.equal((await readLog(tmpFile('flows.txt', text))).recs[0]!.kind, 'conn');
});

test('stdin is read as conn, TSV or JSON', async () => {
  for (const text of [
    tsvLog('conn', CONN_FIELDS, [connRow(1, 'C1')]).replace('#path\tconn\n', ''),
    '{"ts":1,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80,"proto":"tcp"}\n',
  ]) {
    const acc = new Accounting();
    const reader = new ZeekLogReader(
      { kind: 'stream', stream: Readable.from([Buffer.from(text)]), name: '-' },
      { accounting: acc },
    );
    assert.equal(reader.format, 'zeek-tsv');
    const recs = await readAll(reader);
    assert.equal(recs.length, 1);
    assert.equal(recs[0]!.kind, 'conn');
    assert.equal(recs[0]!.origin.file, '-');
    assert.equal(reader.format, text.startsWith('{') ? 'zeek-json' : 'zeek-tsv');
  }
});
