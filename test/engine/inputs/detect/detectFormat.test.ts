// detectFormat on every kind of file in the shared data, and on missing, empty and unknown paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detectFormat } from '../../../../engine/inputs/detectFormat';
import { InputError, type InputFormat } from '../../../../engine/inputs/reader';

import { DATA } from '../../../helpers/data';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    out.push(p);
    if (statSync(p).isDirectory()) out.push(...walk(p));
  }
  return out;
}

const all = walk(DATA);
const files = all.filter((p) => statSync(p).isFile());

async function rejectsWith(path: string, message: RegExp): Promise<void> {
  await assert.rejects(detectFormat(path), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, message);
    return true;
  });
}

/** Expected format of a shared-data file, from facts about it rather than its content. */
const BY_PATH: [RegExp, InputFormat][] = [
  [/\.pcap$/, 'pcap'],
  [/\.pcapng$/, 'pcapng'],
  [/\.tabs\.binetflow$|test5-mixed\.binetflow$/, 'binetflow-tabs'],
  [/\.binetflow$/, 'binetflow'],
  [/suricata.*\.json$|eve\.json$/, 'suricata'],
  [/\.nfdump$/, 'nfdump'],
];

test('captures, binetflows, eve files and nfdump files in the shared data', async () => {
  let checked = 0;
  for (const path of files) {
    const want = BY_PATH.find(([re]) => re.test(path))?.[1];
    if (want === undefined) continue;
    assert.equal(await detectFormat(path), want, path);
    checked++;
  }
  // 25 pcaps + 4 pcapng + 10 binetflows + 2 eve + 1 nfdump
  assert.equal(checked, 42);
});

test('every Zeek log in the shared data is zeek-tsv or zeek-json, as its first record shows', async () => {
  const logs = files.filter((p) => /\.log(\.labeled)?$/.test(p) && !p.includes('/nfdump/'));
  assert.ok(logs.length > 80);
  for (const path of logs) {
    const first = readFileSync(path, 'utf8').trimStart();
    const want = first.startsWith('{') ? 'zeek-json' : 'zeek-tsv';
    assert.equal(await detectFormat(path), want, path);
  }
});

test('folders holding Zeek logs are zeek-folder; others say they hold none', async () => {
  const dirs = all.filter((p) => statSync(p).isDirectory());
  let zeek = 0;
  for (const dir of dirs) {
    const hasLog = readdirSync(dir).some(
      (n) => /\.log(\.labeled)?$/.test(n) && statSync(join(dir, n)).isFile(),
    );
    const hasSupported = readdirSync(dir).some((n) =>
      /^(conn|dns|http|ssl|ssh|dhcp|ftp|smtp|tunnel|notice|files|arp|software|weird|login|x509)\.(.*\.)?log(\.labeled)?$/.test(
        n,
      ),
    );
    if (hasSupported) {
      assert.equal(await detectFormat(dir), 'zeek-folder', dir);
      zeek++;
    } else if (!hasLog) {
      await rejectsWith(dir, /is a folder without any Zeek log Slips reads/);
    }
  }
  assert.ok(zeek >= 35, `${zeek} Zeek folders`);
});

test("nfdump's text output is recognised and refused with what to do instead", async () => {
  for (const name of ['nfcapd.sample1.txt', 'nfcapd.sample2.txt', 'nfcapd.sample1.labeled.txt']) {
    await rejectsWith(
      join(DATA, 'nfdump/netflowlabeler-text-output', name),
      /nfdump's text output.*nfdump -r FILE -o csv/,
    );
  }
});

test('a missing path', async () => {
  await rejectsWith('/no/such/capture.pcap', /^\/no\/such\/capture\.pcap does not exist$/);
});

test('files of no flow format: README, CSV tables, a Slips alerts file, a TSV table', async () => {
  for (const path of [
    join(DATA, 'README.md'),
    join(DATA, 'ti/slips-local-ti-files/own_malicious_iocs.csv'),
    join(DATA, 'zeek-baselines/stratosphere-test7/slips-1.0.6-alerts.json'),
    join(DATA, 'MANIFEST.tsv'),
  ]) {
    await rejectsWith(
      path,
      new RegExp(`^${path.replace(/[.]/g, '\\.')}: unknown input format; expected a pcap`),
    );
  }
});

const tmp = mkdtempSync(join(tmpdir(), 'detect-'));
function tmpFile(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

test('an empty file', async () => {
  await rejectsWith(tmpFile('empty.log', ''), /empty\.log: unknown input format; the file is empty/);
});

test('pcap magic in all four variants; pcapng; nfcapd layouts 1 and 2', async () => {
  const cases: [number[], InputFormat][] = [
    [[0xa1, 0xb2, 0xc3, 0xd4], 'pcap'],
    [[0xd4, 0xc3, 0xb2, 0xa1], 'pcap'],
    [[0xa1, 0xb2, 0x3c, 0x4d], 'pcap'],
    [[0x4d, 0x3c, 0xb2, 0xa1], 'pcap'],
    [[0x0a, 0x0d, 0x0d, 0x0a], 'pcapng'],
    [[0x0c, 0xa5, 0x01, 0x00], 'nfdump'],
    [[0x0c, 0xa5, 0x02, 0x00], 'nfdump'],
  ];
  for (const [i, [magic, want]] of cases.entries()) {
    const p = tmpFile(`capture${i}`, Buffer.concat([Buffer.from(magic), Buffer.alloc(60)]));
    assert.equal(await detectFormat(p), want, magic.map((b) => b.toString(16)).join(' '));
  }
});

test('gzip files are judged by their content', async () => {
  const binetflow = readFileSync(join(DATA, 'binetflow/slips/test3-mixed.binetflow'));
  const eve = readFileSync(join(DATA, 'suricata/slips/test6-malicious.suricata.json'));
  const pcap = readFileSync(join(DATA, 'pcap/slips/test12-icmp-portscan.pcap'));
  assert.equal(await detectFormat(tmpFile('a.binetflow.gz', gzipSync(binetflow))), 'binetflow');
  assert.equal(await detectFormat(tmpFile('eve.json.gz', gzipSync(eve))), 'suricata');
  assert.equal(await detectFormat(tmpFile('c.pcap.gz', gzipSync(pcap))), 'pcap');
  const conn = readFileSync(join(DATA, 'zeek/slips/test10-mixed-zeek-dir/conn.log'));
  assert.equal(await detectFormat(tmpFile('conn.log.gz', gzipSync(conn))), 'zeek-tsv');
  const gz = gzipSync(eve);
  assert.equal(
    await detectFormat(tmpFile('cut.json.gz', gz.subarray(0, 5000))),
    'suricata',
    'a truncated gzip is judged by what it holds',
  );
});

test('text hints: nfdump CSV, header-less Argus lines, header-less Zeek rows', async () => {
  assert.equal(await detectFormat(tmpFile('flows.csv', 'ts,te,td,sa,da,sp,dp,pr,flg\n')), 'nfdump');
  assert.equal(
    await detectFormat(
      tmpFile('argus.txt', '2019/04/04 16:23:00,0.1,tcp,10.0.0.1,1,   ->,10.0.0.2,2,CON,0,0,1,60,60,1,\n'),
    ),
    'binetflow',
  );
  assert.equal(
    await detectFormat(
      tmpFile('argus.tsv', '2019/04/04 16:23:00\t0.1\ttcp\t10.0.0.1\t1\t->\t10.0.0.2\t2\tCON\n'),
    ),
    'binetflow-tabs',
  );
  assert.equal(
    await detectFormat(tmpFile('rows', '1601998366.785668\tCabc\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\n')),
    'zeek-tsv',
  );
  assert.equal(await detectFormat(tmpFile('z.json', '{"ts":1.5,"uid":"C1"}\n')), 'zeek-json');
  assert.equal(await detectFormat(tmpFile('e.json', '{"timestamp":"x","event_type":"alert"}\n')), 'suricata');
});

test('binary files with no known magic are unknown, unless named like nfcapd files', async () => {
  await rejectsWith(tmpFile('blob.bin', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7])), /unknown input format/);
  assert.equal(
    await detectFormat(tmpFile('nfcapd.202401010000', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]))),
    'nfdump',
  );
});

test('a folder with only logs Slips does not read', async () => {
  const dir = join(tmp, 'only-loaded-scripts');
  mkdirSync(dir);
  writeFileSync(join(dir, 'loaded_scripts.log'), '#fields\tname\n');
  await rejectsWith(dir, new RegExp(`${basename(dir)} is a folder without any Zeek log`));
});
