// One `slips ingest` and three `slips worker` processes on a private redis-server give the alerts and
// evidence of one process on the same real capture, with either analysis direction and with many small
// stream entries; a worker killed with SIGKILL and started again (with entries another consumer left
// pending, and entries that are not batches) ends with nothing lost, nothing counted twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from '../../helpers/redisServer';
import { DATA } from '../../helpers/data';
import { applyOverrides, loadConfig } from '../../../engine/config/config';
import { createDetectors } from '../../../engine/detectors/registry';
import { Engine } from '../../../engine/engine';
import { IpGeoLookup } from '../../../engine/enrich/geo/ipGeo';
import type { Alert } from '../../../engine/evidence/types';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import { DEFAULT_ANALYZER_IP, idmefIncident } from '../../../engine/output/idmefv2';
import { SCALEOUT_MARKER, WORKER_GROUP, partitionPrefix, streamKey } from '../../../engine/scaleout/keys';
import { readScaleOut } from '../../../engine/scaleout/readResults';
import type { Summary } from '../../../engine/summary';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const CLOCK = '2026-01-01T00:00:00Z';
const ZEEK_DIR = join(DATA, 'zeek/slips/test9-mixed-zeek-dir');
const BINETFLOW = join(DATA, 'binetflow/slips/test4-malicious.binetflow');
const PARTITIONS = 3;

let server: RedisServer;
let dir: string;

before(async () => {
  server = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'slips-scaleout-'));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A config with a low alert threshold so the capture raises many alerts (evidence per minute). */
function configFile(direction: 'out' | 'all'): string {
  const path = join(dir, `${direction}.yaml`);
  writeFileSync(
    path,
    `parameters:\n  analysis_direction: ${direction}\ndetection:\n  evidence_detection_threshold: 0.1\n`,
  );
  return path;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, SLIPS_FIXED_CLOCK: CLOCK },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  const done = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr, stdout })),
  );
  return { child, done };
}

function worker(url: string, k: number) {
  return start(['worker', '--redis', url, '--partition', String(k), '--partitions', String(PARTITIONS)]);
}

/** Alerts as alerts.json writes them (IDMEFv2 Incidents with the fixed clock), sorted. */
function incidents(alerts: readonly Alert[]): string[] {
  return alerts.map((a) => JSON.stringify(idmefIncident(a, new Date(CLOCK), DEFAULT_ANALYZER_IP))).sort();
}

/** The evidence ids every partition stored. */
async function storedEvidenceIds(redis: Redis): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < PARTITIONS; k++)
    for (const key of await redis.keys(`${partitionPrefix(k)}profile_*_timewindow*_evidence`))
      ids.push(...(await redis.hkeys(key)));
  return ids.sort();
}

/** Entries delivered to a consumer and never acknowledged, over all partitions. */
async function pendingTotal(redis: Redis): Promise<number> {
  let n = 0;
  for (let k = 0; k < PARTITIONS; k++) {
    const [count] = (await redis.xpending(streamKey(k), WORKER_GROUP)) as [number];
    n += count;
  }
  return n;
}

/** One process through the Engine API, with the reader's batch size given (the CLI uses the default). */
async function oneProcess(input: string, cfg: string, batchSize: number) {
  const config = applyOverrides(loadConfig(cfg), { width: 60 });
  const accounting = new Accounting();
  const alerts: Alert[] = [];
  const evidence: string[] = [];
  const engine = new Engine(config, {
    detectors: createDetectors(config),
    enrichment: new IpGeoLookup(config.ipInfo),
    sinks: [{ alert: (a) => alerts.push(a), evidence: (e) => evidence.push(e.id), close: async () => {} }],
  });
  const summary = await engine.run(await openReader(input, { accounting, batchSize }), accounting, input);
  return { alerts, evidence: evidence.sort(), summary };
}

function assertSameCounts(merged: Summary, single: Summary): void {
  for (const f of ['records_parsed', 'profiles', 'timewindows', 'evidence', 'alerts'] as const)
    assert.equal(merged[f], single[f], f);
  assert.deepEqual(merged.records_by_kind, single.records_by_kind);
  assert.deepEqual(merged.evidence_by_type, single.evidence_by_type);
}

test('ingest + 3 workers give the alerts.json alerts and the evidence of `slips -f` (Zeek folder, direction out)', async () => {
  const cfg = configFile('out');
  const out = join(dir, 'single');
  const single = spawnSync(process.execPath, [CLI, '-c', cfg, '-w', '60', '-f', ZEEK_DIR, '-o', out, '-q'], {
    env: { ...process.env, SLIPS_FIXED_CLOCK: CLOCK },
    encoding: 'utf8',
  });
  assert.equal(single.status, 0, single.stderr);
  const lines = readFileSync(join(out, 'alerts.json'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const expectedIncidents = lines
    .filter((m) => m.Status === 'Incident')
    .map((m) => JSON.stringify(m))
    .sort();
  const expectedEvidence = lines
    .filter((m) => m.Status === 'Event')
    .map((m) => m.ID as string)
    .sort();
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
  assert.ok(
    expectedIncidents.length >= 10,
    `the capture raises several alerts (${expectedIncidents.length})`,
  );

  const url = server.url(1);
  // Workers first: they wait for the ingest to describe the run.
  const workers = [0, 1, 2].map((k) => worker(url, k));
  const ingest = start([
    'ingest',
    '-c',
    cfg,
    '-w',
    '60',
    '-f',
    ZEEK_DIR,
    '--redis',
    url,
    '--partitions',
    '3',
  ]);
  const ing = await ingest.done;
  assert.equal(ing.code, 0, ing.stderr);
  for (const w of workers) {
    const r = await w.done;
    assert.equal(r.code, 0, r.stderr);
  }

  const redis = new Redis(url);
  try {
    const merged = await readScaleOut(redis);
    assert.ok(merged);
    assert.equal(merged.state, 'complete');
    assert.deepEqual(merged.problems, []);
    assert.deepEqual(incidents(merged.alerts), expectedIncidents);
    assert.deepEqual(await storedEvidenceIds(redis), expectedEvidence);
    assertSameCounts(merged.summary!, summary);
    assert.equal(await pendingTotal(redis), 0);
    // Merged order: traffic time, then id.
    const order = merged.alerts.map((a) => [a.lastFlowTime, a.id]);
    assert.deepEqual(
      order,
      [...order].sort((x, y) => (x[0]! as number) - (y[0]! as number) || (x[1]! < y[1]! ? -1 : 1)),
    );
  } finally {
    redis.disconnect();
  }

  const shown = start(['alerts', '--redis', url]);
  const r = await shown.done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.split('\n').filter((l) => l.includes('Generated an alert')).length,
    expectedIncidents.length,
  );
  assert.match(
    r.stderr,
    new RegExp(`complete analysis of .*: ${summary.profiles} profiles, ${expectedIncidents.length} alerts`),
  );
});

test('direction all and small stream entries: the same alerts and evidence as one process read with the same batches', async () => {
  const cfg = configFile('all');
  const single = await oneProcess(ZEEK_DIR, cfg, 64);
  assert.ok(single.alerts.length >= 10);
  const url = server.url(2);
  const ingest = start([
    'ingest',
    '-c',
    cfg,
    '-w',
    '60',
    '-f',
    ZEEK_DIR,
    '--batch-size',
    '64',
    '--redis',
    url,
    '--partitions',
    '3',
  ]);
  assert.equal((await ingest.done).code, 0);
  const workers = [0, 1, 2].map((k) => worker(url, k));
  for (const w of workers) assert.equal((await w.done).code, 0);
  const redis = new Redis(url);
  try {
    // Many entries per partition, so the windows' closing in input traffic time is exercised.
    assert.ok((await redis.xlen(streamKey(0))) > 10);
    const merged = (await readScaleOut(redis))!;
    assert.deepEqual(incidents(merged.alerts), incidents(single.alerts));
    assert.deepEqual(await storedEvidenceIds(redis), single.evidence);
    assertSameCounts(merged.summary!, single.summary);
  } finally {
    redis.disconnect();
  }
});

/** Waits until worker `k` has read and acknowledged everything its stream holds so far (at least `min` entries). */
async function caughtUp(redis: Redis, k: number, min: number): Promise<void> {
  for (;;) {
    const len = await redis.xlen(streamKey(k));
    if (len < min) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const groups = (await redis.xinfo('GROUPS', streamKey(k))) as unknown[][];
    const g = groups[0]!;
    const info: Record<string, unknown> = {};
    for (let i = 0; i + 1 < g.length; i += 2) info[String(g[i])] = g[i + 1];
    const [last] = (await redis.xrevrange(streamKey(k), '+', '-', 'COUNT', 1)) as [string, string[]][];
    if (last && info['last-delivered-id'] === last[0] && info.pending === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a worker killed with SIGKILL mid-run and started again loses and doubles nothing', async () => {
  const cfg = configFile('all');
  const batch = 40;
  const single = await oneProcess(BINETFLOW, cfg, batch);
  assert.ok(single.alerts.length >= 10);
  const url = server.url(3);
  const redis = new Redis(url);
  try {
    const text = readFileSync(BINETFLOW, 'utf8');
    const lines = text.split('\n');
    const half = Math.floor(lines.length / 2);
    // The input arrives on stdin in two parts, so the run is certainly unfinished when the worker dies.
    const ingest = start([
      'ingest',
      '-c',
      cfg,
      '-w',
      '60',
      '-f',
      '-',
      '-t',
      'binetflow',
      '--batch-size',
      String(batch),
      '--redis',
      url,
      '--partitions',
      '3',
    ]);
    ingest.child.stdin!.write(lines.slice(0, half).join('\n') + '\n');
    const workers = [0, 1, 2].map((k) => worker(url, k));
    const victim = 1;
    await caughtUp(redis, victim, 2);
    workers[victim]!.child.kill('SIGKILL');
    const killed = await workers[victim]!.done;
    assert.equal(killed.signal, 'SIGKILL');
    const ackedBefore = await redis.xlen(streamKey(victim));
    assert.ok(ackedBefore >= 2, 'the killed worker had acknowledged entries');

    // Entries that are not batches of records are reported and skipped, not fatal.
    await redis.xadd(streamKey(victim), '*', 'b', 'not json');
    await redis.xadd(streamKey(victim), '*', 'what', 'x');
    ingest.child.stdin!.end(lines.slice(half).join('\n'));
    assert.equal((await ingest.done).code, 0);
    // Another consumer took two entries and died before acknowledging them: they stay pending.
    await redis.xreadgroup('GROUP', WORKER_GROUP, 'ghost', 'COUNT', 2, 'STREAMS', streamKey(victim), '>');
    const [pending] = (await redis.xpending(streamKey(victim), WORKER_GROUP)) as [number];
    assert.equal(pending, 2);

    const again = worker(url, victim);
    const r = await again.done;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /stream entries read again after a restart/);
    assert.match(r.stderr, /entry \S+: .*\(skipped\)/);
    assert.match(r.stderr, /unknown field 'what'/);
    for (const k of [0, 2]) assert.equal((await workers[k]!.done).code, 0);

    assert.equal(await pendingTotal(redis), 0, 'every entry acknowledged, the pending ones included');
    const merged = (await readScaleOut(redis))!;
    assert.equal(merged.state, 'complete');
    assert.deepEqual(incidents(merged.alerts), incidents(single.alerts));
    assert.deepEqual(await storedEvidenceIds(redis), single.evidence);
    assertSameCounts(merged.summary!, single.summary);
    // Each partition counted exactly the records the ingest sent it.
    const perPartition = JSON.parse(
      (await redis.hget(SCALEOUT_MARKER, 'records_per_partition'))!,
    ) as number[];
    for (let k = 0; k < PARTITIONS; k++) {
      const s = JSON.parse((await redis.hget(`${partitionPrefix(k)}sn:analysis`, 'summary'))!) as Summary;
      assert.equal(s.records_parsed, perPartition[k], `partition ${k}`);
    }
    // A worker started on a finished partition does not analyse it again.
    const late = await worker(url, victim).done;
    assert.equal(late.code, 0);
    assert.match(late.stderr, /already analysed/);
  } finally {
    redis.disconnect();
  }
});
