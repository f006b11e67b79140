// Hostile and broken binetflow lines: each rejected once with its line, the good ones around kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ConnRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { BinetflowReader } from '../../../../engine/inputs/argus/binetflowReader';
import type { Source } from '../../../../engine/inputs/reader';
import { fileSource, memory, readAll } from './readAll';

const HEADER =
  'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label';
const GOOD = '2019/04/04 16:23:00.325010,0.027947,udp,10.8.0.69,48427,  <->,8.8.8.8,53,CON,0,0,2,142,63,1,';

async function read(source: Source): Promise<{ recs: ConnRecord[]; acc: Accounting }> {
  const acc = new Accounting();
  const recs = (await readAll(new BinetflowReader(source, { accounting: acc }))) as ConnRecord[];
  return { recs, acc };
}

/** Bad line → the words its rejection must contain. */
const BAD: [string, string | Buffer, RegExp][] = [
  ['binary garbage', Buffer.from([0x00, 0x01, 0x02, 0x7f, 0x2c, 0x2c, 0x00, 0x9c, 0x10]), /UTF-8|fields/],
  ['too few columns', '2019/04/04 16:23:00,0.1,tcp,10.0.0.1', /4 fields where the header at line 1 has 16/],
  ['too many columns', GOOD + ',extra', /17 fields/],
  [
    'invalid timestamp',
    GOOD.replace('2019/04/04 16:23:00.325010', '2019/13/45 99:00:00'),
    /invalid StartTime "2019\/13\/45 99:00:00"/,
  ],
  ['invalid source IP', GOOD.replace('10.8.0.69', '10.8.0.300'), /invalid SrcAddr "10.8.0.300"/],
  ['invalid destination IP', GOOD.replace('8.8.8.8', 'not-an-ip'), /invalid DstAddr "not-an-ip"/],
  [
    'non-UTF-8 bytes',
    Buffer.concat([Buffer.from(GOOD.slice(0, -1)), Buffer.from([0xff, 0xfe])]),
    /not valid UTF-8/,
  ],
  ['invalid port', GOOD.replace('48427', '70000'), /invalid Sport "70000"/],
  ['invalid hex port', GOOD.replace('48427', '0xZZ'), /invalid Sport "0xZZ"/],
  ['negative counter', GOOD.replace(',2,142,', ',-2,142,'), /invalid TotPkts "-2"/],
  ['invalid duration', GOOD.replace('0.027947', 'abc'), /invalid Dur "abc"/],
  ['empty protocol', GOOD.replace(',udp,', ',,'), /empty Proto/],
  ['a line over 1 MiB inside one read chunk', '2'.repeat(1100 * 1024), /longer than 1048576 bytes/],
];

test('each bad line is rejected once with file:line; the good lines around it are kept', async () => {
  const parts: (string | Buffer)[] = [HEADER, GOOD];
  for (const [, bad] of BAD) parts.push(bad, GOOD);
  const chunks: Buffer[] = parts.map((p) =>
    Buffer.concat([typeof p === 'string' ? Buffer.from(p) : p, Buffer.from('\n')]),
  );
  const { recs, acc } = await read(memory(Buffer.concat(chunks), 'hostile.binetflow'));
  assert.equal(recs.length, BAD.length + 1);
  assert.equal(acc.rejected, BAD.length);
  assert.ok(acc.balanced());
  BAD.forEach(([what, , reason], i) => {
    const p = acc.rejections[i]!;
    assert.equal(p.file, 'hostile.binetflow', what);
    assert.equal(p.line, 3 + 2 * i, what);
    assert.match(p.reason, reason, what);
  });
  assert.deepEqual(
    recs.map((r) => r.origin.line),
    [2, ...BAD.map((_, i) => 4 + 2 * i)],
  );
});

test('a line over 1 MiB is rejected once and the lines after it are kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-'));
  const path = join(dir, 'long.binetflow');
  writeFileSync(path, [HEADER, GOOD, 'x'.repeat(3 * 1024 * 1024), GOOD, GOOD].join('\n') + '\n');
  const { recs, acc } = await read(fileSource(path));
  assert.equal(acc.rejected, 1);
  assert.equal(acc.rejections[0]!.line, 3);
  assert.match(acc.rejections[0]!.reason, /longer than/);
  assert.equal(recs.length, 3);
  assert.ok(acc.balanced());
});

test('records after a >1 MiB line in the same batch keep their own line numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-'));
  const path = join(dir, 'long.binetflow');
  writeFileSync(path, [HEADER, GOOD, 'x'.repeat(3 * 1024 * 1024), GOOD, GOOD].join('\n') + '\n');
  const { recs } = await read(fileSource(path));
  assert.deepEqual(
    recs.map((r) => r.origin.line),
    [2, 4, 5],
  );
});

test('an empty file gives no records and no problems', async () => {
  const { recs, acc } = await read(memory(''));
  assert.equal(recs.length, 0);
  assert.equal(acc.read, 0);
  assert.ok(acc.balanced());
});

test('a header-only file gives no records', async () => {
  const { recs, acc } = await read(memory(HEADER + '\n'));
  assert.equal(recs.length, 0);
  assert.equal(acc.read, 0);
});

test('blank lines and CRLF line ends are tolerated', async () => {
  const { recs, acc } = await read(memory(`${HEADER}\r\n${GOOD}\r\n\r\n${GOOD}\r\n`));
  assert.equal(recs.length, 2);
  assert.equal(acc.rejected, 0);
  assert.equal(recs[0]!.label, undefined);
});

test('a gzip-compressed binetflow file is read the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-'));
  const path = join(dir, 'flows.binetflow.gz');
  writeFileSync(path, gzipSync(`${HEADER}\n${GOOD}\n${GOOD}\n`));
  const { recs, acc } = await read(fileSource(path));
  assert.equal(recs.length, 2);
  assert.ok(acc.balanced());
});

test('a truncated gzip file keeps the records before the cut and reports a file error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-'));
  const path = join(dir, 'cut.binetflow.gz');
  const lines = [HEADER, ...Array.from({ length: 2000 }, () => GOOD)].join('\n') + '\n';
  const gz = gzipSync(lines);
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
  const { recs, acc } = await read(fileSource(path));
  assert.ok(recs.length > 0 && recs.length < 2000);
  assert.equal(acc.fileErrors.length, 1);
  assert.ok(acc.balanced());
});
