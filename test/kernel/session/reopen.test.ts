// `load` of a saved analysis in the notebook kernel: a snapshot written by `slips -f … --save` answers
// every query, view and `detect` exactly as the load of the capture itself; an analysis kept in Redis by
// `slips -f … --redis` (a private redis-server) answers profiles, timewindows, evidence and alerts the
// same, and says that flows are not kept there. Options that would re-analyse are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA } from '../../helpers/data';
import { startRedis, type RedisServer } from '../../helpers/redisServer';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { REDIS_HAS_NO_FLOWS } from '../../../kernel/session/reopen';
import type { Payload } from '../../../kernel/protocol';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const TEST4 = join(DATA, 'binetflow/slips/test4-malicious.binetflow');
const TEST9 = join(DATA, 'zeek/slips/test9-mixed-zeek-dir');

let server: RedisServer;
before(async () => {
  server = await startRedis();
});
after(async () => {
  await server.stop();
});

function slips(args: string[]): void {
  const out = join(mkdtempSync(join(tmpdir(), 'slips-reopen-')), 'o');
  const r = spawnSync(process.execPath, [CLI, ...args, '-o', out, '-q'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function snapshotOf(input: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'slips-reopen-')), 'saved.snapshot');
  slips(['-f', input, '--save', file]);
  return file;
}

async function run(s: Session, cell: string): Promise<Payload[]> {
  const out = await runCell(s, cell);
  for (const p of out) assert.notEqual(p.kind, 'error', `${cell}: ${JSON.stringify(p)}`);
  return out;
}

/** The profile with the most evidence, to point the per-profile views at. */
async function busiest(s: Session): Promise<string> {
  const [t] = await run(s, 'profiles | sort evidence desc | limit 1');
  return String((t as { rows: unknown[][] }).rows[0]![0]);
}

const ANALYSIS = ['profiles', 'timewindows', 'evidence', 'alerts', 'evidence | count by type'];

for (const input of [TEST4, TEST9])
  test(`${input.slice(DATA.length + 1)}: load of the snapshot answers as the load of the capture`, async () => {
    const live = new Session(ROOT);
    await run(live, `load "${input}"`);
    const ip = await busiest(live);
    const cells = [
      ...ANALYSIS,
      'flows | count by daddr | top 10',
      'flows | where dport == 53 | count',
      'dns | count by query | top 5',
      'http | limit 5',
      `timeline ${ip}`,
      `letters ${ip}`,
      `profile ${ip}`,
      'detect horizontal',
    ];
    const file = snapshotOf(input);
    const reopened = new Session(ROOT);
    const [load] = await run(reopened, `load "${file}"`);
    const [liveLoad] = await run(live, `load "${input}"`);
    assert.deepEqual(load, liveLoad);
    for (const c of cells) assert.deepEqual(await run(reopened, c), await run(live, c), c);
  });

test('a snapshot is reopened as it was analysed: width=, config=, disable= are refused', async () => {
  const file = snapshotOf(TEST4);
  const s = new Session(ROOT);
  const [p] = await runCell(s, `load "${file}" width=60`);
  assert.equal(p?.kind, 'error');
  assert.match(
    (p as { message: string }).message,
    /saved\.snapshot is a saved analysis, reopened as it was analysed: drop width=…/,
  );
  const [q] = await runCell(s, `load "${file}" disable=flow_alerts`);
  assert.match((q as { message: string }).message, /drop disable=…/);
});

test('load redis://: profiles, timewindows, evidence and alerts as the capture gave them; flows are not kept', async () => {
  const url = server.url(3);
  slips(['-f', TEST4, '--redis', url]);
  const live = new Session(ROOT);
  await run(live, `load "${TEST4}"`);
  const s = new Session(ROOT);
  const [load] = await run(s, `load ${url}`);
  assert.equal(load!.kind, 'load');
  const l = load as Extract<Payload, { kind: 'load' }>;
  assert.equal(l.problems[0], REDIS_HAS_NO_FLOWS);
  assert.equal(l.problems.length, 1, JSON.stringify(l.problems));
  const [liveLoad] = await run(live, `load "${TEST4}"`);
  assert.deepEqual({ ...l, problems: [] }, { ...liveLoad, problems: [] });
  for (const c of [...ANALYSIS, 'alerts | count by ip', 'timewindows | where alerts > 0'])
    assert.deepEqual(await run(s, c), await run(live, c), c);
  const [flows] = await run(s, 'flows | count');
  assert.deepEqual(flows, { kind: 'scalar', title: 'flows', label: 'count', value: 0 });
});

test('load redis:// of a database without an analysis, or of no server, is one sentence', async () => {
  const s = new Session(ROOT);
  const [empty] = await runCell(s, `load ${server.url(9)}`);
  assert.match(
    (empty as { message: string }).message,
    /holds no analysis of this engine \('sn:analysis' is missing\)/,
  );
  const [gone] = await runCell(s, 'load redis://127.0.0.1:1/0');
  assert.match((gone as { message: string }).message, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0/);
});
