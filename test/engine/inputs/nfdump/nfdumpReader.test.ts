// nfdump: the binary fixture through the real nfdump tool, CSV text read directly, and broken input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { NfdumpReader } from '../../../../engine/inputs/nfdump/nfdumpReader';
import { InputError, type Source } from '../../../../engine/inputs/reader';
import { syntheticUid } from '../../../../engine/inputs/uid';
import { fileSource, memory, readAll } from '../argus/readAll';
import { DATA } from '../../../helpers/data';

const FIXTURE = `${DATA}/nfdump/slips/test1-malicious.nfdump`;

function nfdumpCsv(path: string, extra: string[] = []): string {
  return execFileSync('nfdump', ['-r', path, '-o', 'csv', ...extra], {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The flow lines of nfdump's CSV output: after the header, before the Summary block. */
function flowLines(csv: string): string[] {
  const lines = csv.split('\n');
  const end = lines.indexOf('Summary');
  return lines.slice(1, end < 0 ? undefined : end).filter((l) => /^\d/.test(l));
}

async function read(
  source: Source,
  nfdumpCommand?: string,
): Promise<{ recs: ConnRecord[]; acc: Accounting }> {
  const acc = new Accounting();
  const recs = (await readAll(new NfdumpReader(source, { accounting: acc, nfdumpCommand }))) as ConnRecord[];
  return { recs, acc };
}

test('test1-malicious.nfdump: one record per flow line of nfdump -o csv, none rejected', async () => {
  const csv = nfdumpCsv(FIXTURE);
  const want = flowLines(csv);
  const { recs, acc } = await read(fileSource(FIXTURE));
  assert.equal(want.length, 4593);
  assert.equal(recs.length, want.length);
  assert.equal(acc.parsed, want.length);
  assert.equal(acc.rejected, 0);
  assert.deepEqual(acc.fileErrors, []);
  assert.ok(acc.balanced());
});

test('test1-malicious.nfdump: counters are integers that add up to the Summary totals (Q8)', async () => {
  const lines = nfdumpCsv(FIXTURE).split('\n');
  const totals = lines[lines.indexOf('Summary') + 2]!.split(',').map(Number);
  const { recs } = await read(fileSource(FIXTURE));
  let bytes = 0;
  let packets = 0;
  for (const r of recs) {
    assert.ok(
      Number.isInteger(r.spkts) &&
        Number.isInteger(r.dpkts) &&
        Number.isInteger(r.sbytes) &&
        Number.isInteger(r.dbytes),
    );
    bytes += r.sbytes + r.dbytes;
    packets += r.spkts + r.dpkts;
  }
  assert.deepEqual([recs.length, bytes, packets], [totals[0], totals[1], totals[2]]);
});

test('test1-malicious.nfdump: first and last flows, field by field', async () => {
  const { recs } = await read(fileSource(FIXTURE));
  // 2018-01-12 15:37:30,2018-01-12 15:37:30,0.000,147.32.80.119,147.32.82.62,52324,902,TCP,......S.,0,0,1,60,0,0,...
  assert.deepEqual(recs[0], {
    kind: 'conn',
    source: 'nfdump',
    ts: Date.UTC(2018, 0, 12, 15, 37, 30) / 1000,
    uid: syntheticUid(FIXTURE, 2),
    saddr: '147.32.80.119',
    sport: 52324,
    daddr: '147.32.82.62',
    dport: 902,
    proto: 'tcp',
    label: undefined,
    detailedLabel: undefined,
    origin: { file: FIXTURE, line: 2 },
    dur: 0,
    appproto: '',
    sbytes: 60,
    dbytes: 0,
    spkts: 1,
    dpkts: 0,
    state: '......S.',
    history: '',
    smac: '',
    dmac: '',
    dir: '->',
  });
  // 2018-01-12 15:38:03,...,147.32.82.62,147.32.80.119,902,55238,TCP,...A.R..,0,0,1,40,0,0,...
  const last = recs[recs.length - 1]!;
  assert.deepEqual(
    [
      last.ts,
      last.saddr,
      last.sport,
      last.daddr,
      last.dport,
      last.state,
      last.spkts,
      last.sbytes,
      last.origin.line,
    ],
    [
      Date.UTC(2018, 0, 12, 15, 38, 3) / 1000,
      '147.32.82.62',
      902,
      '147.32.80.119',
      55238,
      '...A.R..',
      1,
      40,
      4594,
    ],
  );
  assert.equal(recs.filter((r) => r.proto === 'udp').length, 17);
});

test('nfdump CSV text already converted is read directly, from a file or a stream, headed or not (-q)', async () => {
  const { recs: fromBinary } = await read(fileSource(FIXTURE));
  const strip = (rs: ConnRecord[]) =>
    rs.map((r) => [
      r.ts,
      r.saddr,
      r.sport,
      r.daddr,
      r.dport,
      r.proto,
      r.state,
      r.spkts,
      r.sbytes,
      r.dpkts,
      r.dbytes,
    ]);
  const dir = mkdtempSync(join(tmpdir(), 'nfdump-'));
  const csvPath = join(dir, 'flows.csv');
  writeFileSync(csvPath, nfdumpCsv(FIXTURE));
  const fromFile = await read(fileSource(csvPath));
  assert.deepEqual(strip(fromFile.recs), strip(fromBinary));
  assert.ok(fromFile.acc.balanced());
  const fromStream = await read(memory(nfdumpCsv(FIXTURE)));
  assert.deepEqual(strip(fromStream.recs), strip(fromBinary));
  const quiet = await read(memory(nfdumpCsv(FIXTURE, ['-q'])));
  assert.deepEqual(strip(quiet.recs), strip(fromBinary));
  assert.equal(quiet.acc.rejected, 0);
});

test('ICMP flows from nfpcapd: type and code land in sport and dport, as Zeek writes them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nfpcapd-'));
  execFileSync('nfpcapd', ['-r', `${DATA}/pcap/slips/test12-icmp-portscan.pcap`, '-w', dir], {
    stdio: 'ignore',
  });
  const file = join(
    dir,
    readdirSync(dir).find((n) => n.startsWith('nfcapd.'))!,
  );
  const want = flowLines(nfdumpCsv(file));
  const { recs, acc } = await read(fileSource(file));
  assert.equal(recs.length, want.length);
  assert.ok(acc.balanced());
  const echo = recs.filter((r) => r.saddr === '192.168.1.109');
  assert.ok(echo.length > 0);
  for (const r of echo) assert.deepEqual([r.proto, r.sport, r.dport], ['icmp', 8, 0]);
});

test('without the nfdump tool: an InputError that says how to install it', async () => {
  await assert.rejects(read(fileSource(FIXTURE), '/nonexistent/nfdump'), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.match(
      err.message,
      /test1-malicious\.nfdump: .*nfdump tool, which is not installed; install it with apt-get install nfdump/,
    );
    return true;
  });
});

test("a truncated nfcapd file: nfdump's complaints become file errors", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nfdump-'));
  const path = join(dir, 'cut.nfcapd');
  writeFileSync(path, execFileSync('head', ['-c', '300000', FIXTURE]));
  const { acc } = await read(fileSource(path));
  assert.ok(
    acc.fileErrors.some((p) => p.file === path && /^nfdump: .*Short read/.test(p.reason)),
    JSON.stringify(acc.fileErrors),
  );
  assert.equal(acc.rejected, 0);
  assert.ok(acc.balanced());
});

test('bad CSV lines are rejected once with their line; good ones kept; the Summary block is not flows', async () => {
  const lines = nfdumpCsv(FIXTURE).split('\n');
  const header = lines[0]!;
  const good = lines[1]!;
  const bad: [string, RegExp][] = [
    [
      '2018-01-12 15:37:30,2018-01-12 15:37:30,0.000,147.32.80.119',
      /4 fields where the header at line 1 has 48/,
    ],
    [good.replace('2018-01-12 15:37:30', '2018-02-31 15:37:30x'), /invalid ts/],
    [good.replace('147.32.80.119', '147.32.80'), /invalid sa "147.32.80"/],
    [good.replace(',52324,', ',port,'), /invalid sp "port"/],
    [good.replace(',1,60,', ',1,6e1,'), /invalid ibyt "6e1"/],
    [good.replace('147.32', '\u00ff\u00fe'), /invalid sa/],
    ['\u0000\u0001garbage', /not an nfdump CSV line/],
  ];
  const text = [
    header,
    good,
    ...bad.flatMap(([b]) => [b, good]),
    'Summary',
    'flows,bytes,packets,avg_bps,avg_pps,avg_bpp',
    '9,9,9,9,9,9',
  ].join('\n');
  const { recs, acc } = await read(memory(text, 'flows.csv'));
  assert.equal(recs.length, bad.length + 1);
  assert.equal(acc.rejected, bad.length);
  bad.forEach(([, reason], i) => {
    assert.equal(acc.rejections[i]!.line, 3 + 2 * i);
    assert.match(acc.rejections[i]!.reason, reason);
  });
  assert.ok(acc.balanced());
});

test('an empty CSV gives no records', async () => {
  const { recs, acc } = await read(memory(''));
  assert.equal(recs.length, 0);
  assert.equal(acc.read, 0);
});

test('stopping early ends nfdump without reporting its exit as a problem', async () => {
  const acc = new Accounting();
  const reader = new NfdumpReader(fileSource(FIXTURE), { accounting: acc });
  let batches = 0;
  for await (const batch of reader.batches()) {
    assert.ok(batch.length > 0);
    if (++batches === 2) break;
  }
  assert.deepEqual(acc.fileErrors, []);
  assert.ok(acc.parsed > 0 && acc.parsed < 4593);
});

test('an aborted signal stops reading at the next batch', async () => {
  const acc = new Accounting();
  const abort = new AbortController();
  let n = 0;
  for await (const batch of new NfdumpReader(fileSource(FIXTURE), { accounting: acc }).batches(
    abort.signal,
  )) {
    n += batch.length;
    abort.abort();
  }
  assert.ok(n > 0 && n < 4593);
  assert.deepEqual(acc.fileErrors, []);
});
