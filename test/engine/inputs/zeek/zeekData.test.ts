// Every Zeek log in the shared data: each data line is counted once, supported logs yield one record per
// data line (with ts, uid and addresses as written), unsupported logs are skipped line by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FlowRecord } from '../../../../engine/flow';
import { CANONIFIED_TS, DATA, dataLines, readLog, withRealTimestamps, zeekLogs } from './zeekTestKit';

const SUPPORTED = new Set([
  'conn',
  'dns',
  'http',
  'ssl',
  'ssh',
  'dhcp',
  'ftp',
  'smtp',
  'tunnel',
  'notice',
  'files',
  'arp',
  'software',
  'weird',
  'login',
  'x509',
]);

/** Hand-edited lines in the data that are not valid records (checked by eye: missing columns). */
const KNOWN_BAD: Record<string, number[]> = {
  // "- SSH::Password_Guessing" joined two columns with a space and the `p` and `n` columns are gone.
  'zeek/slips/test10-mixed-zeek-dir/notice.log': [21],
};

/** The log type as the file itself says (`#path`, `_path`), else the start of its name. */
function declaredType(path: string): string {
  const text = readFileSync(path, 'utf8');
  const header = /^#path\t(\S+)/m.exec(text);
  if (header) return header[1]!;
  const json = /"_path":\s*"([^"]+)"/.exec(text);
  if (json) return json[1]!;
  return path.split('/').pop()!.split('.')[0]!;
}

/** Checks a record against its raw line, parsed here without the reader's code. */
function matchesLine(path: string, text: string[], rec: FlowRecord): void {
  const line = text[rec.origin.line - 1]!;
  const at = `${path}:${rec.origin.line}`;
  const value = (obj: Record<string, string | undefined>, key: string): string | undefined => {
    const v = obj[key];
    return v === undefined || v === '-' || v === '(empty)' ? undefined : v;
  };
  let cols: Record<string, string | undefined>;
  if (line.trimStart().startsWith('{')) {
    const o = JSON.parse(line) as Record<string, unknown>;
    cols = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? undefined : String(v)]));
  } else {
    const fieldsLine = text
      .slice(0, rec.origin.line)
      .reverse()
      .find((l) => l.startsWith('#fields'))!;
    const names = fieldsLine.split('\t').slice(1);
    const parts = line.split('\t');
    cols = Object.fromEntries(names.map((n, i) => [n, parts[i]]));
  }
  assert.equal(rec.ts, +cols.ts!, at);
  const uid = value(cols, 'uid');
  if (uid !== undefined && rec.kind !== 'files') assert.equal(rec.uid, uid, at);
  const saddr = value(cols, 'id.orig_h');
  if (saddr !== undefined) assert.equal(rec.saddr, saddr, at);
  const dport = value(cols, 'id.resp_p');
  if (dport !== undefined) assert.equal(rec.dport, +dport, at);
  assert.ok(rec.uid.length > 0, at);
}

const logs = zeekLogs();

test('the shared data holds the 115 Zeek logs of its MANIFEST', () => {
  const manifest = readFileSync(`${DATA}/MANIFEST.tsv`, 'utf8')
    .split('\n')
    .map((l) => l.split('\t')[0]!)
    .filter((f) => f.startsWith('zeek') && (f.endsWith('.log') || f.endsWith('.labeled')))
    .map((f) => `${DATA}/${f}`)
    .sort();
  assert.equal(logs.length, 115);
  assert.deepEqual([...logs].sort(), manifest);
});

for (const path of logs) {
  const name = path.slice(DATA.length + 1);
  const type = declaredType(path);
  const lines = dataLines(path);
  const canonified = readFileSync(path, 'utf8').includes(`\n${CANONIFIED_TS}`);

  if (!SUPPORTED.has(type)) {
    test(`${name}: an unsupported ${type} log is skipped line by line`, async () => {
      const { recs, acc } = await readLog(path);
      assert.equal(recs.length, 0);
      assert.equal(acc.skippedTotal, lines.length);
      assert.equal(acc.read, lines.length);
      assert.deepEqual([...acc.skipped.keys()], lines.length ? [`unsupported Zeek log type "${type}"`] : []);
      assert.ok(acc.balanced());
    });
    continue;
  }

  if (canonified) {
    test(`${name}: btest's placeholder timestamps are rejected, the rest reads once given real ones`, async () => {
      const { recs, acc } = await readLog(path);
      assert.equal(recs.length, 0);
      assert.equal(acc.rejected, lines.length);
      assert.deepEqual(
        acc.rejections.map((p) => p.line),
        lines,
      );
      for (const p of acc.rejections) assert.equal(p.reason, `invalid ts "${CANONIFIED_TS}"`);
      const fixed = withRealTimestamps(path);
      const again = await readLog(fixed);
      assert.equal(again.acc.parsed, lines.length, JSON.stringify(again.acc.rejections.slice(0, 3)));
      assert.equal(again.acc.read, lines.length);
      assert.equal(again.recs.length, lines.length);
      assert.ok(again.recs.every((r) => r.kind === type));
      const text = readFileSync(fixed, 'utf8').split('\n');
      for (const r of again.recs) matchesLine(fixed, text, r);
    });
    continue;
  }

  test(`${name}: one ${type} record per data line`, async () => {
    const { recs, acc } = await readLog(path);
    const bad = KNOWN_BAD[name] ?? [];
    assert.deepEqual(
      acc.rejections.map((p) => p.line),
      bad,
      JSON.stringify(acc.rejections.slice(0, 3)),
    );
    assert.equal(acc.skippedTotal, 0);
    assert.equal(acc.parsed, lines.length - bad.length);
    assert.equal(acc.read, lines.length);
    assert.ok(acc.balanced());
    assert.deepEqual(
      recs.map((r) => r.origin.line),
      lines.filter((l) => !bad.includes(l)),
    );
    assert.ok(recs.every((r) => r.kind === type && r.origin.file === path));
    const text = readFileSync(path, 'utf8').split('\n');
    for (const r of recs) matchesLine(path, text, r);
  });
}
