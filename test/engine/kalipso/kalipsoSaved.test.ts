// Kalipso over analyses made earlier, in a real tmux pane: `slips kalipso --redis URL` over what
// `slips -f … --redis URL` wrote to a private redis-server (also while it grows), and
// `slips kalipso SNAPSHOT` over what `slips -f … --save` wrote. What the screen shows is checked against
// the output folder of the same run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA } from '../../helpers/data';
import { startRedis, type RedisServer } from '../../helpers/redisServer';
import { TmuxSession } from './tmux';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import type { FlowRecord } from '../../../engine/flow';
import type { Reader } from '../../../engine/inputs/reader';
import { loadConfig } from '../../../engine/config/config';
import { Engine } from '../../../engine/engine';
import { createDetectors } from '../../../engine/detectors/registry';
import { finishRunStore, openRunStore } from '../../../engine/store/redis/runStore';
import { redisTimelineSink } from '../../../engine/store/redis/redisTimeline';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const TEST4 = join(DATA, 'binetflow/slips/test4-malicious.binetflow');

let server: RedisServer;
before(async () => {
  server = await startRedis();
});
after(async () => {
  await server.stop();
});

interface Run {
  out: string;
  summary: { profiles: number; timewindows: number; evidence: number; alerts: number };
  /** Timeline lines of 192.168.2.12 timewindow 1. */
  lines: Record<string, unknown>[];
}

function slips(args: string[]): Run {
  const out = join(mkdtempSync(join(tmpdir(), 'kalipso-saved-')), 'o');
  const r = spawnSync(process.execPath, [CLI, ...args, '-o', out, '-q'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const lines = readFileSync(join(out, 'timeline.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((a) => a.profile === '192.168.2.12' && a.timewindow === 1);
  return { out, summary, lines };
}

function kalipso(args: string[], width = 100, height = 30, env: Record<string, string> = {}) {
  return new TmuxSession([process.execPath, CLI, 'kalipso', ...args], width, height, env);
}

/** Tree, timeline and evidence of the alerted host, one hotkey view, and `q`: the walk both sources share. */
async function walk(s: TmuxSession, run: Run): Promise<void> {
  const { summary } = run;
  let screen = await s.waitFor(new RegExp(`IPs \\(${summary.profiles}\\)`));
  assert.match(
    screen,
    new RegExp(
      `${summary.profiles} profiles, ${summary.timewindows} TWs, ${summary.evidence} evidence, ${summary.alerts} alerts`,
    ),
  );
  for (const ip of ['5.202.176.1', '192.168.2.1', '192.168.2.12']) assert.ok(screen.includes(ip), screen);
  assert.match(screen, /\[\+\] 192\.168\.2\.12 !/);
  s.keys('Down', 'Down', 'Enter', 'Down');
  screen = await s.waitFor(new RegExp(`Timeline 192\\.168\\.2\\.12 TW 1 1/${run.lines.length}\\b`));
  const first = run.lines[0]!;
  assert.ok(screen.includes(`${first.dport_name} to [${first.daddr}] ${first['dport/proto']}`), screen);
  assert.match(screen, /Evidence 1\/\d+/);
  assert.match(screen, /UNKNOWN_PORT \[1, (medium|high), Connection to unknown destination port/);
  s.keys('d');
  await s.waitFor(
    /d: DstIPsClient established 192\.168\.2\.12 TW 1[\s\S]*UDP +27\.64\.67\.148 +1 +202 +169527 12 #{12}/,
  );
  s.keys('i');
  // The asn/geo columns: a private peer has no AS, a public one its AS number and country.
  screen = await s.waitFor(
    /i: OutTuples 192\.168\.2\.12 TW 1[\s\S]*dns_resolution SNI asn ge[\s\S]*192\.168\.2\.1-53-udp +12 [1-9.,+R]+ +- - - Private/,
  );
  assert.match(screen, /\n.\d+\.\d+\.\d+\.\d+-\d+-(tcp|udp) +1 +\S+ +- - AS\d+ [A-Z][a-z]/);
  // ESC and a key right after it read as Alt+key: wait for the main page before quitting.
  s.keys('Escape');
  await s.waitFor(new RegExp(`Timeline 192\\.168\\.2\\.12 TW 1 1/${run.lines.length}\\b`));
  s.keys('q');
  assert.equal(await s.exitCode(), 0);
}

test('kalipso --redis: the analysis slips -f --redis wrote, tree, timeline, evidence, views, q exits 0', async () => {
  const url = server.url(1);
  const run = slips(['-f', TEST4, '--redis', url]);
  const s = kalipso(['--redis', url]);
  try {
    await s.waitFor(/finished: /);
    await walk(s, run);
  } finally {
    s.kill();
  }
});

test('kalipso SNAPSHOT: the analysis slips -f --save wrote, without the capture', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kalipso-saved-')), 'a.snapshot');
  const run = slips(['-f', TEST4, '--save', file]);
  const s = kalipso([file]);
  try {
    await s.waitFor(/saved: /);
    await walk(s, run);
  } finally {
    s.kill();
  }
});

test('kalipso --redis in 80×24 with NO_COLOR: no colour codes, nothing wider than the terminal', async () => {
  const url = server.url(2);
  slips(['-f', TEST4, '--redis', url]);
  const s = kalipso(['--redis', url], 80, 24, { NO_COLOR: '1' });
  try {
    await s.waitFor(/IPs \(3\)/);
    s.keys('Down', 'Down', 'Enter', 'Down');
    await s.waitFor(/Timeline 192\.168\.2\.12 TW 1/);
    assert.doesNotMatch(s.screen(true), /\x1b\[[0-9;]*(?:\b3[0-8]|\b9[0-7]|\b4[0-7])(?:;[0-9;]*)?m/);
    for (const line of s.screen().split('\n')) assert.ok(line.length <= 80, line);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

/** The records of `path`, handed to the engine in two parts: the second only once `gate` resolves. */
async function gatedReader(path: string, firstPart: number, gate: Promise<void>): Promise<Reader> {
  const reader = await openReader(path, { accounting: new Accounting() });
  const all: FlowRecord[] = [];
  for await (const b of reader.batches()) all.push(...b);
  return {
    format: reader.format,
    async *batches() {
      yield all.slice(0, firstPart);
      await gate;
      yield all.slice(firstPart);
    },
  };
}

test('kalipso --redis refreshes while the analysis grows, and shows it finished', async () => {
  const url = server.url(4);
  const config = loadConfig();
  const store = await openRunStore({ url, replace: false }, config.timeWindowWidth, () => undefined);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const engine = new Engine(config, {
    store,
    sinks: [redisTimelineSink(store, config)],
    detectors: createDetectors(config),
  });
  const analysis = engine.run(await gatedReader(TEST4, 1, gate), new Accounting(), TEST4);
  const s = kalipso(['--redis', url]);
  try {
    // The first record made one profile; no window has closed yet.
    await s.waitFor(/analysing: 1 profiles, 0 TWs[\s\S]*IPs \(1\)/);
    open();
    const summary = await analysis;
    assert.equal(await finishRunStore(store, summary), undefined);
    await s.waitFor(
      new RegExp(
        `finished: 3 profiles, ${summary.timewindows} TWs, ${summary.evidence} evidence, ${summary.alerts} alerts[\\s\\S]*IPs \\(3\\)`,
      ),
    );
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('kalipso on a damaged snapshot, or a Redis without an analysis: one sentence, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kalipso-saved-'));
  const bad = join(dir, 'bad.snapshot');
  writeFileSync(bad, '{"format":"slips-notebooks snapshot","version":1,"bytes":10,"sha256":"00"}\nabc');
  const cases: [string[], RegExp][] = [
    [[bad], /^slips: .*bad\.snapshot is truncated: it holds 3 of the 10 bytes its header announces\n$/],
    [
      ['--redis', server.url(7)],
      /^slips: redis:\/\/127\.0\.0\.1:\d+\/7 holds no analysis of this engine: run slips -f FILE --redis .*\n$/,
    ],
    [[], /^slips: kalipso shows one analysis: give an input file or --redis URL\n$/],
  ];
  for (const [args, re] of cases) {
    const r = spawnSync(process.execPath, [CLI, 'kalipso', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, re);
  }
});

test('kalipso --redis on a window of 100,000 flows pages: End reaches the last line at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kalipso-saved-'));
  const file = join(dir, 'many.binetflow');
  const rows = [
    'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label',
  ];
  for (let i = 0; i < 100_000; i++) {
    const t = 1600000000 + i * 0.01;
    rows.push(
      `${t.toFixed(6)},0.1,tcp,10.1.1.1,${1024 + (i % 60000)},   ->,10.2.${(i >> 8) & 255}.${i & 255},443,CON,0,0,4,400,200,`,
    );
  }
  writeFileSync(file, rows.join('\n') + '\n');
  const url = server.url(5);
  slips(['-f', file, '--redis', url, '-l']);
  const s = kalipso(['--redis', url]);
  try {
    await s.waitFor(/IPs \(1\)/, 60000);
    // Reading 100,000 timeline lines and the window's evidence from Redis takes a few seconds.
    s.keys('Enter', 'Down');
    await s.waitFor(/Timeline 10\.1\.1\.1 TW \d+ 1\/100000/, 60000);
    s.keys('Tab', 'End');
    const screen = await s.waitFor(/Timeline 10\.1\.1\.1 TW \d+ 100000\/100000/, 60000);
    assert.ok(screen.includes(`[10.2.134.159]`), screen);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});
