// The dhcp, ftp, smtp, software and files logs `slips zeek-logs` writes: columns named and typed as
// Zeek 8 writes them (compared with Zeek's own logs for the same captures), and rows that reproduce
// Zeek's cells (apart from uids and times, which the baselines mask).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runZeekLogs } from '../../../../../engine/cli/zeekLogs';
import { DATA } from '../../../../helpers/data';

const V8 = join(DATA, 'zeek-baselines/zeek-v8.0.0');

function header(text: string, name: string): string[] {
  return text
    .split('\n')
    .find((l) => l.startsWith(`#${name}`))!
    .split('\t')
    .slice(1);
}

const rows = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

async function write(pcap: string, json = false): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'slips-newlogs-'));
  assert.equal(await runZeekLogs({ file: pcap, output: dir, json, quiet: true }), 0);
  return dir;
}

test('dhcp.log, ftp.log and smtp.log: Zeek 8 columns and types; cells as Zeek wrote them', async () => {
  const cases: [string, string, string, number[]][] = [
    // capture, log, the columns compared (all but ts and uid(s), which the baselines mask)
    ['dhcp/dhcp.pcap', 'dhcp', 'dhcp.log', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]],
    ['ftp-ipv4/ftp-ipv4.pcap', 'ftp', 'ftp.log', [2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17]],
    ['smtp/smtp.pcap', 'smtp', 'smtp.log', Array.from({ length: 23 }, (_, i) => i + 2)],
  ];
  for (const [pcap, path, log, compared] of cases) {
    const dir = await write(join(V8, pcap));
    const ours = readFileSync(join(dir, `${path}.log`), 'utf8');
    const zeek = readFileSync(join(V8, pcap.split('/')[0]!, log), 'utf8');
    assert.deepEqual(header(ours, 'fields'), header(zeek, 'fields'), path);
    assert.deepEqual(header(ours, 'types'), header(zeek, 'types'), path);
    const want = rows(zeek).map((l) => l.split('\t'));
    const got = rows(ours).map((l) => l.split('\t'));
    for (const w of want) {
      // Sets have no order: compare their members sorted.
      const norm = (r: string[]) => compared.map((i) => r[i]!.split(',').sort().join(','));
      assert.ok(
        got.some((g) => JSON.stringify(norm(g)) === JSON.stringify(norm(w))),
        `${path}: no row like ${w.join(' | ')}`,
      );
    }
  }
});

test('software.log and files.log from an HTTP download, in TSV and JSON', async () => {
  const pcap = join(V8, 'http-get/get.pcap');
  const tsv = await write(pcap);
  const sw = rows(readFileSync(join(tsv, 'software.log'), 'utf8')).map((l) => l.split('\t').slice(1));
  assert.deepEqual(sw, [
    [
      '141.142.228.5',
      '-',
      'HTTP::BROWSER',
      'Wget',
      '1',
      '14',
      '-',
      '-',
      'darwin12.2.0',
      'Wget/1.14 (darwin12.2.0)',
    ],
    ['192.150.187.43', '80', 'HTTP::SERVER', 'Apache', '2', '4', '3', '-', 'Fedora', 'Apache/2.4.3 (Fedora)'],
  ]);
  const files = readFileSync(join(tsv, 'files.log'), 'utf8');
  const names = header(files, 'fields');
  const f = Object.fromEntries(
    rows(files)[0]!
      .split('\t')
      .map((v, i) => [names[i], v]),
  );
  assert.equal(f.source, 'HTTP');
  assert.equal(f.mime_type, 'text/plain');
  assert.equal(f.seen_bytes, '4705');
  assert.equal(f.total_bytes, '4705');
  assert.equal(f.missing_bytes, '0');
  assert.match(f.md5!, /^[0-9a-f]{32}$/);
  assert.match(f.sha1!, /^[0-9a-f]{40}$/);
  const http = readFileSync(join(tsv, 'http.log'), 'utf8');
  const hnames = header(http, 'fields');
  const h = Object.fromEntries(
    rows(http)[0]!
      .split('\t')
      .map((v, i) => [hnames[i], v]),
  );
  assert.equal(h.resp_fuids, f.fuid);

  const json = await write(pcap, true);
  const j = JSON.parse(readFileSync(join(json, 'files.log'), 'utf8').split('\n')[0]!);
  assert.equal(j.md5, f.md5);
  assert.equal(j.seen_bytes, 4705);
  assert.deepEqual(j.analyzers, ['MD5', 'SHA1']);
});

test('files.log of a mail: Zeek 8 columns (plus the hash columns), cells as Zeek wrote them', async () => {
  const dir = await write(join(V8, 'smtp/smtp.pcap'));
  const ours = readFileSync(join(dir, 'files.log'), 'utf8');
  const zeek = readFileSync(join(V8, 'smtp/files.log'), 'utf8');
  const zf = header(zeek, 'fields');
  // Zeek's btest ran without hashing; Slips' configuration hashes, which appends md5, sha1 and sha256.
  assert.deepEqual(header(ours, 'fields'), [...zf, 'md5', 'sha1', 'sha256']);
  assert.deepEqual(header(ours, 'types').slice(0, zf.length), header(zeek, 'types'));
  const pick = (l: string) => {
    const r = l.split('\t');
    return ['id.orig_h', 'source', 'depth', 'mime_type', 'filename', 'is_orig', 'seen_bytes', 'total_bytes']
      .map((n) => r[zf.indexOf(n)])
      .join(' ');
  };
  assert.deepEqual(rows(ours).map(pick), rows(zeek).map(pick));
});
