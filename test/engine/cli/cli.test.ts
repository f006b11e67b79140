// The command line as a user runs it: the bundled CLI on real files, exit codes, the output folder,
// and byte-identical results for the same input with a fixed clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const DATA = join(ROOT, '../shared/data');

function slips(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SLIPS_FIXED_CLOCK: '2024-01-01T00:00:00Z', ...env },
  });
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'slips-cli-'));
}

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out;
}

test('analyses the bundled sample: exit 0, summary.json balanced, one summary line', () => {
  const out = join(tmp(), 'o');
  const r = slips(['-f', join(ROOT, 'samples/test4-malicious.binetflow'), '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /binetflow .*read \d+ records .*profiles/);
  // The most active profiles are listed on stdout: the scanner first, with its flow count.
  assert.match(r.stdout, /\n3 profiles:\nprofile +flows/);
  assert.match(r.stdout, /\n192\.168\.2\.12 +388 +0 +425312 +2 +\d+ +[1-9]\d*\n/);
  // The console alert block of newest Slips, then its evidence lines.
  assert.match(
    r.stdout,
    /IP 192\.168\.2\.12 detected as malicious in timewindow 1 \(start .*\) given the following evidence:\n\t- Detected /,
  );
  assert.match(
    readFileSync(join(out, 'alerts.log'), 'utf8'),
    /Horizontal port scan to port http-alt 81\/tcp\. From 192\.168\.2\.12/,
  );
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(s.input_format, 'binetflow');
  assert.ok(s.profiles > 2);
  assert.equal(s.records_read, s.records_parsed + s.records_skipped_total + s.records_rejected);
  for (const f of ['alerts.log', 'alerts.json', 'flows.arrow', 'errors.log'])
    assert.ok(statSync(join(out, f)).isFile(), f);
});

test('the same input and config give byte-identical output files', () => {
  const a = join(tmp(), 'a');
  const b = join(tmp(), 'b');
  const input = join(DATA, 'zeek/slips/test9-mixed-zeek-dir');
  assert.equal(slips(['-f', input, '-o', a, '-q']).status, 0);
  assert.equal(slips(['-f', input, '-o', b, '-q']).status, 0);
  const fa = allFiles(a).map((f) => relative(a, f));
  const fb = allFiles(b).map((f) => relative(b, f));
  assert.deepEqual(fa, fb);
  for (const f of fa) {
    if (f === 'metadata/info.json') continue; // names its own output folder
    assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs`);
  }
});

test('the 0.7.1 usage keeps working: -c slips.conf -f file, -w honoured', () => {
  const out = join(tmp(), 'o');
  const r = slips([
    '-c',
    join(ROOT, 'config/slips.conf'),
    '-f',
    join(DATA, 'binetflow/slips/test3-mixed.binetflow'),
    '-w',
    '60',
    '-o',
    out,
  ]);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(s.time_window_width, 60);
  assert.ok(s.profiles > 20);
});

test('stdin with an explicit type', () => {
  const out = join(tmp(), 'o');
  const input = readFileSync(join(DATA, 'binetflow/slips/test4-malicious.binetflow'));
  const r = spawnSync(process.execPath, [CLI, '-f', '-', '-t', 'binetflow', '-o', out, '-q'], { input });
  assert.equal(r.status, 0, String(r.stderr));
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.ok(s.records_parsed > 300);
});

const refusals: [string, string[], RegExp][] = [
  ['a missing path', ['-f', '/nonexistent/x.log'], /does not exist/],
  ['no input', [], /no input/],
  ['stdin without a type', ['-f', '-'], /type/],
  ['a bad width', ['-f', 'x', '-w', '-5'], /width/],
];
for (const [name, args, msg] of refusals) {
  test(`refuses ${name} with exit 2 and one sentence`, () => {
    const r = slips(args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, msg);
  });
}

test('refuses an unknown format and a bad config file with exit 2', () => {
  const dir = tmp();
  const junk = join(dir, 'junk.bin');
  writeFileSync(junk, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const r = slips(['-f', junk]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown input format/);
  const badConf = join(dir, 'bad.yaml');
  writeFileSync(badConf, 'parameters:\n  time_window_width: [oops\n');
  const r2 = slips(['-c', badConf, '-f', join(ROOT, 'samples/test4-malicious.binetflow')]);
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /bad\.yaml/);
});

test('bad records are reported with file:line, counted, and the run still exits 0', () => {
  const dir = tmp();
  const f = join(dir, 'mixed.binetflow');
  const good = readFileSync(join(DATA, 'binetflow/slips/test4-malicious.binetflow'), 'utf8').split('\n');
  writeFileSync(
    f,
    [good[0], good[1], 'garbage,line', good[2], '\u0000\u0001binary', good[3]].join('\n') + '\n',
  );
  const out = join(dir, 'o');
  const r = slips(['-f', f, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /mixed\.binetflow:3: rejected/);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(s.records_parsed, 3);
  assert.equal(s.records_rejected, 2);
  assert.match(readFileSync(join(out, 'errors.log'), 'utf8'), /mixed\.binetflow:5: rejected/);
});
