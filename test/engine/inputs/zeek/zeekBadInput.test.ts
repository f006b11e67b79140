// Bad input never stops the reader and loses nothing valid: each bad record is rejected once with file:line,
// the records around it are kept, and the accounting balances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { ConnRecord } from '../../../../engine/flow';
import { DATA, dataLines, readLog, tmpFile, tsvLog } from './zeekTestKit';

const FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'conn_state'];
/** Header lines tsvLog writes before the first data line. */
const HEADER_LINES = 7;

function row(i: number, over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    ts: `${100 + i}.5`,
    uid: `C${i}`,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': '1000',
    'id.resp_h': '10.0.0.2',
    'id.resp_p': '80',
    proto: 'tcp',
    conn_state: 'SF',
  };
  return FIELDS.map((f) => over[f] ?? base[f]!);
}

/** Reads `content` as conn.log and checks that exactly `badLines` were rejected and the others kept. */
async function expectRejected(
  content: string | Buffer,
  good: number,
  badLines: number[],
  reason?: RegExp,
): Promise<ConnRecord[]> {
  const path = tmpFile('conn.log', content);
  const { recs, acc } = await readLog(path);
  assert.deepEqual(
    acc.rejections.map((p) => p.line),
    badLines,
    JSON.stringify(acc.rejections),
  );
  for (const p of acc.rejections) {
    assert.equal(p.file, path);
    if (reason) assert.match(p.reason, reason);
  }
  assert.equal(acc.parsed, good);
  assert.equal(recs.length, good);
  assert.ok(acc.balanced());
  return recs as ConnRecord[];
}

test('truncated gzip: records before the cut are kept, with one file error', async () => {
  const original = `${DATA}/zeek/slips/test10-mixed-zeek-dir/conn.log`;
  const gz = gzipSync(readFileSync(original));
  const cut = gz.subarray(0, Math.floor(gz.length / 2));
  // What survives the cut, worked out with zlib directly: complete lines only.
  const survived = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  const complete = survived.slice(0, survived.lastIndexOf('\n') + 1);
  const want = complete.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
  assert.ok(want > 10 && want < 141);
  const path = tmpFile('conn.log.gz', cut);
  const { recs, acc } = await readLog(path);
  assert.equal(acc.parsed, want);
  assert.equal(recs.length, want);
  assert.equal(acc.fileErrors.length, 1);
  assert.match(acc.fileErrors[0]!.reason, /truncated gzip/);
  assert.ok(acc.rejected <= 1);
  assert.ok(acc.balanced());
  const firstLines = dataLines(original).slice(0, want);
  assert.deepEqual(
    recs.map((r) => r.origin.line),
    firstLines,
  );
});

test('a whole gzip log reads like the plain one', async () => {
  const original = `${DATA}/zeek/slips/test10-mixed-zeek-dir/conn.log`;
  const plain = await readLog(original);
  const zipped = await readLog(tmpFile('conn.log.gz', gzipSync(readFileSync(original))));
  assert.equal(zipped.acc.parsed, plain.acc.parsed);
  assert.deepEqual(
    zipped.recs.map((r) => r.uid),
    plain.recs.map((r) => r.uid),
  );
});

test('binary garbage lines are rejected one by one', async () => {
  const garbage = Buffer.from([0x80, 0xff, 0x01, 0x02, 0x09, 0xfe, 0x00, 0xc3, 0x28, 0x7f]);
  const head = tsvLog('conn', FIELDS, [row(1)]).replace(/#close.*\n$/, '');
  const content = Buffer.concat([
    Buffer.from(head),
    garbage,
    Buffer.from('\n'),
    Buffer.from(row(2).join('\t') + '\n'),
    Buffer.from(FIELDS.map(() => '\u0001\u0002').join('\t') + '\n'),
    garbage,
    garbage,
    Buffer.from('\n' + row(3).join('\t') + '\n'),
  ]);
  const recs = await expectRejected(content, 3, [HEADER_LINES + 2, HEADER_LINES + 4, HEADER_LINES + 5]);
  assert.deepEqual(
    recs.map((r) => r.uid),
    ['C1', 'C2', 'C3'],
  );
});

test('lines with too few or too many columns are rejected', async () => {
  const rows = [row(1), row(2).slice(0, 7), row(3), [...row(4), 'extra'], row(5)];
  await expectRejected(
    tsvLog('conn', FIELDS, rows),
    3,
    [HEADER_LINES + 2, HEADER_LINES + 4],
    /^expected 8 columns \(from #fields\), found (7|9)$/,
  );
});

test('data before any #fields line is rejected; data after it is read', async () => {
  const content = [
    row(1).join('\t'),
    row(2).join('\t'),
    `#fields\t${FIELDS.join('\t')}`,
    row(3).join('\t'),
    '',
  ].join('\n');
  await expectRejected(content, 1, [1, 2], /^data line before any #fields header$/);
});

test('invalid timestamps are rejected', async () => {
  const rows = [
    row(1),
    row(2, { ts: 'yesterday' }),
    row(3, { ts: '-' }),
    row(4, { ts: '(empty)' }),
    row(5, { ts: '1e999' }),
    row(6, { ts: 'XXXXXXXXXX.XXXXXX' }),
    row(7, { ts: '' }),
    row(8),
  ];
  const recs = await expectRejected(
    tsvLog('conn', FIELDS, rows),
    2,
    [2, 3, 4, 5, 6, 7].map((i) => HEADER_LINES + i),
    /^invalid ts /,
  );
  assert.deepEqual(
    recs.map((r) => r.ts),
    [101.5, 108.5],
  );
});

test('numbers that are not numbers are rejected', async () => {
  const rows = [row(1), row(2, { 'id.orig_p': 'http' }), row(3, { 'id.resp_p': '0x' }), row(4)];
  await expectRejected(
    tsvLog('conn', FIELDS, rows),
    2,
    [HEADER_LINES + 2, HEADER_LINES + 3],
    /^id\.(orig|resp)_p is not a number: /,
  );
});

test('IPv4 and IPv6 mixed are read; addresses that are not IPs are rejected', async () => {
  const good = [
    '192.168.1.1',
    '0.0.0.0',
    '255.255.255.255',
    '2001:db8::1',
    '::1',
    '::ffff:10.0.0.1',
    'fe80::1ff:fe23:4567:890a',
  ];
  const bad = ['1.2.3.256', '01.2.3.4', '1.2.3', '1.2.3.4.5', 'fe80:::1', '2001:db8::g', 'host.example', '-'];
  const rows = [
    ...good.map((ip, i) => row(i, { 'id.orig_h': ip })),
    ...good.map((ip, i) => row(i + 10, { 'id.resp_h': ip })),
    ...bad.map((ip, i) => row(i + 20, { 'id.resp_h': ip })),
  ];
  const badLines = bad.map((_, i) => HEADER_LINES + 2 * good.length + i + 1);
  const recs = await expectRejected(
    tsvLog('conn', FIELDS, rows),
    2 * good.length,
    badLines,
    /^(destination address is not an IP address: |destination address is missing)/,
  );
  assert.deepEqual(
    recs.slice(0, good.length).map((r) => r.saddr),
    good,
  );
});

test('bytes that are not UTF-8 reject their line only (TSV and JSON)', async () => {
  const head = tsvLog('conn', FIELDS, [row(1)]).replace(/#close.*\n$/, '');
  const broken = Buffer.from(row(2, { uid: 'CXX' }).join('\t') + '\n');
  broken[broken.indexOf('CXX') + 1] = 0xff;
  broken[broken.indexOf('CXX') + 2] = 0xfe;
  await expectRejected(
    Buffer.concat([Buffer.from(head), broken, Buffer.from(row(3).join('\t') + '\n')]),
    2,
    [HEADER_LINES + 2],
    /not valid UTF-8/,
  );

  const json = (uid: string): string =>
    JSON.stringify({
      ts: 1,
      uid,
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 1,
      'id.resp_h': '10.0.0.2',
      'id.resp_p': 2,
      proto: 'tcp',
    }) + '\n';
  const bad = Buffer.from(json('CYY'));
  bad[bad.indexOf('CYY') + 1] = 0xc3;
  await expectRejected(
    Buffer.concat([Buffer.from(json('C1')), bad, Buffer.from(json('C3'))]),
    2,
    [2],
    /not valid UTF-8/,
  );
});

test('JSON lines that are not JSON objects are rejected with their line', async () => {
  const ok = JSON.stringify({
    ts: 1,
    uid: 'C1',
    'id.orig_h': '10.0.0.1',
    'id.orig_p': 1,
    'id.resp_h': '10.0.0.2',
    'id.resp_p': 2,
    proto: 'tcp',
  });
  const content = [ok, '{"ts": 1, "uid": ', '[1, 2]', '42', 'null', '"text"', ok, ''].join('\n');
  const path = tmpFile('conn.log', content);
  const { acc } = await readLog(path);
  assert.deepEqual(
    acc.rejections.map((p) => [p.line, p.reason.split(':')[0]]),
    [
      [2, 'invalid JSON'],
      [3, 'line is not a JSON object'],
      [4, 'line is not a JSON object'],
      [5, 'line is not a JSON object'],
      [6, 'line is not a JSON object'],
    ],
  );
  assert.deepEqual([acc.parsed, acc.read], [2, 7]);
  assert.ok(acc.balanced());
});

test('an empty file, a header-only file and blank lines yield nothing and count nothing', async () => {
  for (const content of ['', '\n\n  \n\t\n', tsvLog('conn', FIELDS, [])]) {
    const { recs, acc } = await readLog(tmpFile('conn.log', content));
    assert.equal(recs.length, 0);
    assert.equal(acc.read, 0);
    assert.ok(acc.balanced());
  }
  const withBlanks = tsvLog('conn', FIELDS, [row(1)]).replace(/(#types[^\n]*\n)/, '$1\n   \n\t\n');
  await expectRejected(withBlanks, 1, []);
});

async function expectLongLineRejected(size: number): Promise<void> {
  const long = row(2, { uid: 'C'.repeat(size) });
  const recs = await expectRejected(
    tsvLog('conn', FIELDS, [row(1), long, row(3)]),
    2,
    [HEADER_LINES + 2],
    /longer than/,
  );
  assert.deepEqual(
    recs.map((r) => r.origin.line),
    [HEADER_LINES + 1, HEADER_LINES + 3],
  );
}

test('a line just over 1 MiB is rejected, its neighbours kept', async () => {
  await expectLongLineRejected(1024 * 1024 + 10);
});

test('a line of several MiB is rejected, its neighbours kept with their own line numbers', async () => {
  await expectLongLineRejected(3 * 1024 * 1024);
});
