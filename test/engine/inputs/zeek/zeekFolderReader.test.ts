// A Zeek folder: every supported log read, merged in ts order, unsupported logs left alone and listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FlowRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { InputError } from '../../../../engine/inputs/reader';
import { REORDER_WINDOW } from '../../../../engine/inputs/zeek/logCursor';
import { ZeekFolderReader } from '../../../../engine/inputs/zeek/zeekFolderReader';
import { zeekLogKind } from '../../../../engine/inputs/zeek/zeekLogKind';
import { DATA, readAll, readLog, tmpDir, tmpFile, tsvLog } from './zeekTestKit';

async function readFolder(
  dir: string,
  batchSize?: number,
): Promise<{ recs: FlowRecord[]; acc: Accounting; reader: ZeekFolderReader }> {
  const acc = new Accounting();
  const reader = new ZeekFolderReader(dir, { accounting: acc, batchSize });
  return { recs: await readAll(reader), acc, reader };
}

function assertTimeOrdered(recs: FlowRecord[]): void {
  for (let i = 1; i < recs.length; i++) {
    assert.ok(
      recs[i - 1]!.ts <= recs[i]!.ts,
      `record ${i} (${recs[i]!.origin.file}:${recs[i]!.origin.line}) goes back in time`,
    );
  }
}

const key = (r: FlowRecord): string => `${r.origin.file}:${r.origin.line}`;

const FOLDERS = [
  'zeek/slips/test9-mixed-zeek-dir',
  'zeek/slips/test10-mixed-zeek-dir',
  'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled',
  'zeek/slips/test13-malicious-dhcpscan-zeek-dir',
  'zeek/slips/test14-malicious-zeek-dir',
  'zeek/slips/test15-malicious-zeek-dir',
  'zeek/security-datasets-for-testing/008-zeek-mixed/data',
];

for (const folder of FOLDERS) {
  test(`${folder}: every record of every supported log, in ts order`, async () => {
    const dir = `${DATA}/${folder}`;
    const names = readdirSync(dir).sort();
    const supported = names.filter((n) => zeekLogKind(n) !== undefined).map((n) => join(dir, n));
    const { recs, acc, reader } = await readFolder(dir, 100);
    assert.deepEqual(reader.logFiles, supported);
    assert.deepEqual(
      reader.ignoredFiles,
      names.filter((n) => zeekLogKind(n) === undefined).map((n) => join(dir, n)),
    );
    // The same records as reading each log alone, none twice.
    const alone: FlowRecord[] = [];
    let rejected = 0;
    for (const f of supported) {
      const one = await readLog(f);
      alone.push(...one.recs);
      rejected += one.acc.rejected;
    }
    assert.equal(recs.length, alone.length);
    assert.deepEqual(new Set(recs.map(key)), new Set(alone.map(key)));
    assert.equal(new Set(recs.map(key)).size, recs.length);
    assert.deepEqual([acc.parsed, acc.rejected, acc.skippedTotal], [alone.length, rejected, 0]);
    assert.ok(acc.balanced());
    assertTimeOrdered(recs);
  });
}

test('test9: unsupported logs are listed, not read', async () => {
  const { reader, acc } = await readFolder(`${DATA}/zeek/slips/test9-mixed-zeek-dir`);
  assert.deepEqual(
    reader.ignoredFiles.map((f) => f.split('/').pop()),
    ['loaded_scripts.log', 'packet_filter.log', 'pe.log'],
  );
  assert.equal(acc.skippedTotal, 0);
});

test('rotated, labelled and gzipped logs are all read; other files are ignored', async () => {
  const dir = tmpDir();
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  const conn = (ts: number, uid: string): string[] => [
    ts.toFixed(6),
    uid,
    '10.0.0.1',
    '1',
    '10.0.0.2',
    '80',
    'tcp',
  ];
  tmpFile('conn.00:00:00-01:00:00.log', tsvLog('conn', fields, [conn(1, 'A1'), conn(4, 'A2')]), dir);
  tmpFile(
    'conn.01:00:00-02:00:00.log.gz',
    gzipSync(tsvLog('conn', fields, [conn(6, 'B1'), conn(8, 'B2')])),
    dir,
  );
  tmpFile(
    'dns.log.labeled',
    tsvLog(
      'dns',
      [...fields, 'query', 'label'],
      [
        [...conn(2, 'D1'), 'a.example', 'Benign'],
        [...conn(7, 'D2'), 'b.example', 'Malicious'],
      ],
    ),
    dir,
  );
  tmpFile('conn.log', tsvLog('conn', fields, [conn(3, 'C1'), conn(5, 'C2')]), dir);
  tmpFile('loaded_scripts.log', '#fields\tname\n/a.zeek\n', dir);
  tmpFile('README.md', 'not a log\n', dir);
  mkdirSync(join(dir, 'conn.log.d'));
  const { recs, acc, reader } = await readFolder(dir, 3);
  assert.deepEqual(
    recs.map((r) => r.uid),
    ['A1', 'D1', 'C1', 'A2', 'C2', 'B1', 'D2', 'B2'],
  );
  assert.deepEqual(
    reader.ignoredFiles.map((f) => f.split('/').pop()),
    ['README.md', 'loaded_scripts.log'],
  );
  assert.equal(reader.format, 'zeek-folder');
  assert.deepEqual([acc.parsed, acc.read], [8, 8]);
  assert.equal(recs.find((r) => r.uid === 'D2')!.label, 'Malicious');
});

test('equal timestamps come out by file name, then line', async () => {
  const dir = tmpDir();
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  const at = (uid: string): string[] => ['10.000000', uid, '10.0.0.1', '1', '10.0.0.2', '80', 'tcp'];
  tmpFile('ssl.log', tsvLog('ssl', fields, [at('S1'), at('S2')]), dir);
  tmpFile('conn.log', tsvLog('conn', fields, [at('C1'), at('C2')]), dir);
  tmpFile('dns.log', tsvLog('dns', fields, [at('D1')]), dir);
  const { recs } = await readFolder(dir);
  assert.deepEqual(
    recs.map((r) => r.uid),
    ['C1', 'C2', 'D1', 'S1', 'S2'],
  );
});

test('a log written out of ts order (Zeek logs at connection end) comes out in order', async () => {
  const dir = tmpDir();
  const lines: string[] = [];
  // Long connections logged late: each block's first record started well before the others.
  for (let i = 0; i < 3000; i++)
    lines.push(
      JSON.stringify({
        ts: i % 10 === 0 ? i - 500 : i,
        uid: `C${i}`,
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 1,
        'id.resp_h': '10.0.0.2',
        'id.resp_p': 80,
        proto: 'tcp',
      }),
    );
  tmpFile('conn.log', lines.join('\n') + '\n', dir);
  tmpFile(
    'dns.log',
    JSON.stringify({
      ts: 1000.5,
      uid: 'D1',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 1,
      'id.resp_h': '10.0.0.53',
      'id.resp_p': 53,
    }) + '\n',
    dir,
  );
  const { recs } = await readFolder(dir, 512);
  assert.ok(3000 < REORDER_WINDOW);
  assert.equal(recs.length, 3001);
  assertTimeOrdered(recs);
});

test('many rotated logs of one kind merge in order', async () => {
  const dir = tmpDir();
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  for (let h = 0; h < 40; h++) {
    const rows = Array.from({ length: 25 }, (_, i) => [
      (h * 3600 + i * 100).toFixed(6),
      `C${h}_${i}`,
      '10.0.0.1',
      '1',
      '10.0.0.2',
      '80',
      'tcp',
    ]);
    tmpFile(
      `conn.${String(h).padStart(2, '0')}:00:00-${String(h + 1).padStart(2, '0')}:00:00.log`,
      tsvLog('conn', fields, rows),
      dir,
    );
  }
  const { recs, acc } = await readFolder(dir);
  assert.equal(recs.length, 1000);
  assert.equal(acc.parsed, 1000);
  assertTimeOrdered(recs);
});

test('bad lines inside a folder are rejected with their own file and line', async () => {
  const dir = tmpDir();
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  tmpFile(
    'conn.log',
    tsvLog('conn', fields, [
      ['1.0', 'C1', '10.0.0.1', '1', '10.0.0.2', '80', 'tcp'],
      ['bad', 'C2', '10.0.0.1', '1', '10.0.0.2', '80', 'tcp'],
    ]),
    dir,
  );
  tmpFile(
    'dns.log',
    '{"ts": 2, "uid": "D1", "id.orig_h": "10.0.0.1", "id.orig_p": 1, "id.resp_h": "10.0.0.53", "id.resp_p": 53}\n{oops\n',
    dir,
  );
  const { recs, acc } = await readFolder(dir);
  assert.deepEqual(
    recs.map((r) => r.uid),
    ['C1', 'D1'],
  );
  assert.deepEqual(
    acc.rejections.map((p) => [p.file.split('/').pop(), p.line]),
    [
      ['conn.log', 9],
      ['dns.log', 2],
    ],
  );
  assert.ok(acc.balanced());
});

test('stopping early (break or abort) closes the files', async () => {
  const dir = `${DATA}/zeek/slips/test9-mixed-zeek-dir`;
  const reader = new ZeekFolderReader(dir, { accounting: new Accounting(), batchSize: 10 });
  let n = 0;
  for await (const b of reader.batches()) {
    n += b.length;
    if (n >= 30) break;
  }
  assert.equal(n, 30);
  const ctl = new AbortController();
  let batches = 0;
  for await (const _ of new ZeekFolderReader(dir, { accounting: new Accounting(), batchSize: 10 }).batches(
    ctl.signal,
  )) {
    batches++;
    ctl.abort();
  }
  assert.equal(batches, 1);
});

test('a folder without a supported log is a clear input error', () => {
  const dir = tmpDir();
  tmpFile('loaded_scripts.log', '#fields\tname\n', dir);
  assert.throws(
    () => new ZeekFolderReader(dir, { accounting: new Accounting() }),
    (e: unknown) =>
      e instanceof InputError && /holds no Zeek log that can be read/.test((e as Error).message),
  );
  assert.throws(
    () =>
      new ZeekFolderReader(`${DATA}/zeek/slips/test18-malicious-ctu-sme-11-win`, {
        accounting: new Accounting(),
      }),
    (e: unknown) =>
      e instanceof InputError && /its subfolder .*zeek-labeled does, read that instead\.$/.test(e.message),
  );
  assert.throws(
    () => new ZeekFolderReader(join(dir, 'missing'), { accounting: new Accounting() }),
    InputError,
  );
});

test('a log that cannot be read is one file error; the other logs are read', async () => {
  const dir = tmpDir();
  const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
  tmpFile('conn.log', tsvLog('conn', fields, [['1.0', 'C1', '10.0.0.1', '1', '10.0.0.2', '80', 'tcp']]), dir);
  const dns = tmpFile(
    'dns.log',
    tsvLog('dns', fields, [['2.0', 'D1', '10.0.0.1', '1', '10.0.0.53', '53', 'udp']]),
    dir,
  );
  const acc = new Accounting();
  const reader = new ZeekFolderReader(dir, { accounting: acc });
  // Gone between listing the folder and reading it.
  unlinkSync(dns);
  const recs = await readAll(reader);
  assert.deepEqual(
    recs.map((r) => r.uid),
    ['C1'],
  );
  assert.equal(acc.fileErrors.length, 1);
  assert.equal(acc.fileErrors[0]!.file, dns);
  assert.match(acc.fileErrors[0]!.reason, /^cannot read this log: /);
  assert.ok(acc.balanced());
});
