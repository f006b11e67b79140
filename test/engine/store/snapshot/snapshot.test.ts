// Saved analyses through the real command line: `slips -f X --save FILE` on real captures, reopened
// without the capture, give back the same profiles, windows, evidence and alerts the run wrote to its
// output folder; a truncated, damaged, foreign or future-version file is refused with one sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { DATA } from '../../../helpers/data';
import { readSnapshot } from '../../../../engine/store/snapshot/readSnapshot';
import { SnapshotError } from '../../../../engine/store/snapshot/snapshotFile';

const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'bin/slips.js');
const INPUTS = [
  join(DATA, 'binetflow/slips/test4-malicious.binetflow'),
  join(DATA, 'zeek/slips/test9-mixed-zeek-dir'),
];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'slips-snapshot-'));
}

function slips(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SLIPS_FIXED_CLOCK: '2024-01-01T00:00:00Z' },
  });
}

/** Runs the CLI with --save; returns the snapshot path and the run's output folder. */
function saved(input: string): { file: string; out: string } {
  const dir = tmp();
  const file = join(dir, 'analysis.snapshot');
  const out = join(dir, 'o');
  const r = slips(['-f', input, '-o', out, '-q', '--save', file]);
  assert.equal(r.status, 0, r.stderr);
  return { file, out };
}

for (const input of INPUTS)
  test(`${input.slice(DATA.length + 1)}: snapshot → reopen gives the run's profiles, windows, evidence and alerts`, async () => {
    const { file, out } = saved(input);
    const { payload, store } = await readSnapshot(file);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(payload.summary, summary);
    assert.equal(store.profileCount, summary.profiles);
    assert.equal(store.windowCount, summary.timewindows);
    assert.equal(payload.records.length, summary.records_parsed);

    // Every evidence and alert of alerts.json is in the snapshot, in the same order, under its window.
    const lines = readFileSync(join(out, 'alerts.json'), 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 0, 'the input raises evidence');
    const ids = lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((o) => String(o.ID ?? o.id));
    assert.equal(payload.evidence.length, summary.evidence);
    assert.equal(payload.alerts.length, summary.alerts);
    const kept = new Set([...payload.evidence.map((e) => e.id), ...payload.alerts.map((a) => a.id)]);
    for (const id of ids) assert.ok(kept.has(id), `alerts.json id ${id} is not in the snapshot`);
    let inWindows = 0;
    for (const p of store.profiles())
      for (const tw of p.windows.values()) {
        assert.equal(tw.evidence.length, tw.summary.evidence, `${p.ip} tw ${tw.number}`);
        for (const e of tw.evidence) {
          assert.equal(e.profile, p.id);
          assert.equal(e.timewindow.number, tw.number);
        }
        inWindows += tw.evidence.length;
      }
    assert.equal(inWindows, payload.evidence.length);
    // An alert's last evidence is the window's evidence object, as in the live run.
    for (const a of payload.alerts) assert.ok(payload.evidence.includes(a.lastEvidence));

    // `slips alerts --snapshot` prints the alerts without the capture.
    const r = slips(['alerts', '--snapshot', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l && !l.startsWith('\t')).length, summary.alerts);
    assert.match(r.stderr, new RegExp(`${summary.profiles} profiles, ${summary.timewindows} time windows`));
  });

test('a snapshot is the same bytes for the same input (deterministic)', () => {
  const a = saved(INPUTS[0]!);
  const b = saved(INPUTS[0]!);
  assert.ok(readFileSync(a.file).equals(readFileSync(b.file)));
});

test('truncated, damaged, foreign and future snapshots are refused with one sentence', async () => {
  const { file } = saved(INPUTS[0]!);
  const good = readFileSync(file);
  const dir = tmp();
  const nl = good.indexOf(0x0a);
  const header = JSON.parse(good.subarray(0, nl).toString()) as Record<string, unknown>;

  const truncated = join(dir, 'truncated.snapshot');
  writeFileSync(truncated, good.subarray(0, good.length - 100));
  const damaged = join(dir, 'damaged.snapshot');
  const d = Buffer.from(good);
  d[nl + 200] = d[nl + 200]! ^ 0xff;
  writeFileSync(damaged, d);
  const future = join(dir, 'future.snapshot');
  writeFileSync(
    future,
    Buffer.concat([Buffer.from(JSON.stringify({ ...header, version: 99 }) + '\n'), good.subarray(nl + 1)]),
  );
  // Checksum right, payload not an analysis: the shape check catches it.
  const body = gzipSync(Buffer.from('{"profiles": 3}'));
  const hollow = join(dir, 'hollow.snapshot');
  const h = { ...header, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  writeFileSync(hollow, Buffer.concat([Buffer.from(JSON.stringify(h) + '\n'), body]));

  const cases: [string, RegExp][] = [
    [truncated, /truncated\.snapshot is truncated: it holds \d+ of the \d+ bytes its header announces/],
    [damaged, /damaged\.snapshot is damaged: its content does not match the checksum in its header/],
    [
      INPUTS[0]!,
      /test4-malicious\.binetflow is not a saved analysis \(no 'slips-notebooks snapshot' header line\)/,
    ],
    [future, /future\.snapshot is a saved analysis of format version 99; this engine reads version 1/],
    [hollow, /hollow\.snapshot is not a saved analysis this engine can open: 'profiles' is not a list/],
    [join(dir, 'missing.snapshot'), /cannot read the saved analysis .*missing\.snapshot: no such file/],
  ];
  for (const [path, re] of cases) {
    await assert.rejects(
      readSnapshot(path),
      (err: Error) => err instanceof SnapshotError && re.test(err.message),
    );
    const r = slips(['alerts', '--snapshot', path]);
    assert.equal(r.status, 2, path);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
  }
});
