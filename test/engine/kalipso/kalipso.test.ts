// Kalipso as an analyst uses it: the bundled CLI in a real tmux pane, keys typed, the screen read back.
// What the screen shows is checked against the output folder of a plain `slips -f` run of the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession } from './tmux';
import { compareIps } from '../../../engine/kalipso/ipOrder';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const TEST4 = join(ROOT, 'samples/test4-malicious.binetflow');
const TEST9 = join(ROOT, 'samples/test9-mixed-zeek-dir');
const HOSTILE_UA = '{red-fg}x{/red-fg}';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kalipso-'));
}

interface Reference {
  profiles: number;
  timewindows: number;
  /** Timeline lines per `<profile> <tw>`, and the profiles that have any. */
  lines: Map<string, Record<string, unknown>[]>;
  ips: Set<string>;
}

/** The same input through plain `slips -f`: the reference for what Kalipso must show. */
function reference(input: string, config?: string): Reference {
  const out = join(tmp(), 'o');
  const args = [CLI, '-f', input, '-o', out, '-q', ...(config ? ['-c', config] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const lines = new Map<string, Record<string, unknown>[]>();
  const ips = new Set<string>();
  for (const l of readFileSync(join(out, 'timeline.jsonl'), 'utf8').split('\n')) {
    if (!l) continue;
    const a = JSON.parse(l);
    ips.add(a.profile);
    const k = `${a.profile} ${a.timewindow}`;
    if (!lines.has(k)) lines.set(k, []);
    lines.get(k)!.push(a);
  }
  return { profiles: summary.profiles, timewindows: summary.timewindows, lines, ips };
}

/** The IPs the tree shows (rows of the left pane that are profiles). */
function treeIps(screen: string): string[] {
  const ips: string[] = [];
  for (const line of screen.split('\n')) {
    const m = /^.\[[+-]\] (\S+)/.exec(line);
    if (m) ips.push(m[1]!);
  }
  return ips;
}

function kalipso(args: string[], width: number, height: number, env: Record<string, string> = {}) {
  return new TmuxSession([process.execPath, CLI, ...args], width, height, env);
}

test('kalipso on a binetflow: tree, timeline, evidence, every hotkey view, q exits 0', async () => {
  const ref = reference(TEST4);
  const s = kalipso(['kalipso', TEST4], 100, 30);
  try {
    let screen = await s.waitFor(/IPs \(\d+\)/);
    assert.match(screen, new RegExp(`${ref.profiles} profiles, ${ref.timewindows} TWs`));
    assert.match(screen, new RegExp(`IPs \\(${ref.profiles}\\)`));
    assert.deepEqual(new Set(treeIps(screen)), ref.ips);
    // The alerted host is marked; opening it lists its windows.
    assert.match(screen, /\[\+\] 192\.168\.2\.12 !/);
    s.keys('Down', 'Down', 'Enter', 'Down');
    const lines = ref.lines.get('192.168.2.12 1')!;
    screen = await s.waitFor(/Timeline 192\.168\.2\.12 TW 1/);
    assert.match(screen, /\[-\] 192\.168\.2\.12 !/);
    assert.match(screen, /timewindow1 !/);
    assert.match(screen, new RegExp(`Timeline 192\\.168\\.2\\.12 TW 1 1/${lines.length}\\b`));
    const first = lines[0]!;
    assert.ok(screen.includes(`${first.dport_name} to [${first.daddr}] ${first['dport/proto']}`), screen);
    assert.match(screen, /Evidence 1\/\d+/);
    assert.match(screen, /[A-Z_]+ \[[\d.]+, (info|low|medium|high|critical), \S/);

    const views: [string, RegExp][] = [
      [
        'e',
        /e: SrcPortsClient established 192\.168\.2\.12 TW 1[\s\S]*proto sport +flows packets +bytes ln\(bytes\)[\s\S]*UDP +\d+ +\d+ +\d+ +\d+ +\d+ #+/,
      ],
      ['d', /d: DstIPsClient established[\s\S]*UDP +27\.64\.67\.148 +1 +202 +169527 12 #{12}/],
      ['r', /r: DstPortsServer established[\s\S]*no established flows to this profile/],
      ['f', /f: DstPortsClient established[\s\S]*UDP +21855 +1 +202 +169527/],
      ['t', /t: DstPortsClient per IP established[\s\S]*UDP\/21855 +27\.64\.67\.148 +202/],
      ['i', /i: OutTuples 192\.168\.2\.12 TW 1[\s\S]*192\.168\.2\.1-53-udp +12 [1-9.,+R]+/],
      ['y', /y: InTuples 192\.168\.2\.12 TW 1[\s\S]*(no incoming tuples|-\d+-)/],
      ['z', /z: Evidence of all windows of 192\.168\.2\.12 1\/\d+[\s\S]*TW 1 [A-Z_]+ \[/],
      ['h', /h: Help[\s\S]*q C-c +quit/],
    ];
    for (const [key, re] of views) {
      s.keys(key);
      await s.waitFor(re);
    }
    // `b` switches the bar chart's metric; `o` reloads; ESC goes back to the main page as it was.
    s.keys('d', 'b');
    await s.waitFor(/ln\(pkts\)[\s\S]*27\.64\.67\.148 +1 +202 +169527 +5 #{5}\s/);
    s.keys('o', 'Escape');
    await s.waitFor(new RegExp(`Timeline 192\\.168\\.2\\.12 TW 1 1/${lines.length}`));
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('kalipso in 80×24 with NO_COLOR: no colour codes, and `r` shows ports as server (Q13)', async () => {
  const dir = tmp();
  const config = join(dir, 'slips.yaml');
  writeFileSync(config, 'parameters:\n  analysis_direction: all\n');
  // With flows to a profile profiled too, every peer is a profile: the tree is sorted by address.
  const ref = reference(TEST4, config);
  const at = [...ref.ips].sort(compareIps).indexOf('192.168.2.1');
  const s = kalipso(['kalipso', '-c', config, TEST4], 80, 24, { NO_COLOR: '1' });
  try {
    await s.waitFor(new RegExp(`IPs \\(${ref.profiles}\\)`));
    s.repeat('Down', at);
    s.keys('Enter', 'Down');
    await s.waitFor(/Timeline 192\.168\.2\.1 TW 1/);
    const coloured = s.screen(true);
    // SGR 30-37/90-97 foreground, 38;5 256-colour, 40-47 background: none of them.
    assert.doesNotMatch(coloured, /\x1b\[[0-9;]*(?:\b3[0-8]|\b9[0-7]|\b4[0-7])(?:;[0-9;]*)?m/);
    assert.match(coloured, /\x1b\[[0-9;]*7[0-9;]*m/, 'the selection is still shown, in inverse');
    for (const line of s.screen().split('\n')) assert.ok(line.length <= 80, line);
    // 192.168.2.1 answers DNS: as server it has port 53, which upstream's lowercase key never found.
    s.keys('r');
    await s.waitFor(/r: DstPortsServer established 192\.168\.2\.1 TW 1[\s\S]*UDP +53 +\d+/);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('kalipso on a Zeek folder: the tree lists the summary profiles, HTTP rows under their line', async () => {
  const ref = reference(TEST9);
  const s = kalipso(['kalipso', TEST9], 120, 40);
  try {
    const screen = await s.waitFor(/IPs \(\d+\)/);
    assert.match(screen, new RegExp(`IPs \\(${ref.profiles}\\)`));
    const shown = treeIps(screen);
    // 10.0.2.15 is the capture's host: its first window holds the HTTP downloads.
    const at = shown.indexOf('10.0.2.15');
    assert.ok(at >= 0, screen);
    s.keys(...Array<string>(at).fill('Down'), 'Enter', 'Down');
    const tw = /Timeline 10\.0\.2\.15 TW (\d+) 1\/\d+/.exec(
      await s.waitFor(/Timeline 10\.0\.2\.15 TW \d+ 1\//),
    )![1];
    const lines = ref.lines.get(`10.0.2.15 ${tw}`)!;
    s.keys('Tab');
    const ua = lines.find((l) => (l.info as Record<string, unknown>)?.UA)!;
    assert.ok(ua, 'the reference has an HTTP line with a user agent');
    for (let i = 0; i < 40 && !s.screen().includes(`UA: ${(ua.info as Record<string, string>).UA}`); i++)
      s.keys('PageDown');
    assert.ok(s.screen().includes(`UA: ${(ua.info as Record<string, string>).UA}`), s.screen());
    s.keys('i');
    await s.waitFor(/i: OutTuples 10\.0\.2\.15[\s\S]*-80-tcp/);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('strings from the traffic are shown as text: blessed tags and control characters do nothing', async () => {
  const dir = join(tmp(), 'zeek');
  mkdirSync(dir);
  const conn = {
    ts: 1600000000.5,
    uid: 'Chostile1',
    'id.orig_h': '10.0.0.5',
    'id.orig_p': 40000,
    'id.resp_h': '93.184.216.34',
    'id.resp_p': 80,
    proto: 'tcp',
    service: 'http',
    duration: 0.5,
    orig_bytes: 100,
    resp_bytes: 2000,
    conn_state: 'SF',
    history: 'ShADadFf',
    orig_pkts: 5,
    resp_pkts: 5,
  };
  const http = {
    ts: 1600000000.6,
    uid: 'Chostile1',
    'id.orig_h': '10.0.0.5',
    'id.orig_p': 40000,
    'id.resp_h': '93.184.216.34',
    'id.resp_p': 80,
    method: 'GET',
    host: '{bold}evil.example',
    uri: '/a\u001b[31mred',
    user_agent: HOSTILE_UA,
    status_code: 200,
    status_msg: 'OK',
  };
  writeFileSync(join(dir, 'conn.log'), JSON.stringify(conn) + '\n');
  writeFileSync(join(dir, 'http.log'), JSON.stringify(http) + '\n');
  const s = kalipso(['kalipso', dir], 100, 30);
  try {
    await s.waitFor(/IPs \(\d+\)/);
    s.keys('Enter', 'Down');
    const screen = await s.waitFor(/UA: /);
    assert.ok(screen.includes(`UA: ${HOSTILE_UA}`), screen);
    assert.ok(screen.includes('Request: GET http://{bold}evil.example/a\\x1b[31mred'), screen);
    // The user agent's row carries no red: the tag was printed, not obeyed.
    const uaRow = s
      .screen(true)
      .split('\n')
      .find((l) => l.includes('UA:'))!;
    assert.doesNotMatch(uaRow.slice(uaRow.indexOf('{red-fg}')), /\x1b\[[0-9;]*31m/);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('a profile with 100,000 flows pages: End reaches the last line at once', async () => {
  const dir = tmp();
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
  const s = kalipso(['kalipso', file], 100, 30);
  try {
    await s.waitFor(/IPs \(\d+\)/, 60000);
    s.keys('Enter', 'Down', 'Tab', 'End');
    const screen = await s.waitFor(/Timeline 10\.1\.1\.1 TW \d+ 100000\/100000/);
    assert.ok(screen.includes(`[10.2.134.159]`), screen);
    s.keys('Home');
    await s.waitFor(/Timeline 10\.1\.1\.1 TW \d+ 1\/100000/);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
  } finally {
    s.kill();
  }
});

test('slips -G analyses, writes the output folder and shows Kalipso together', async () => {
  const out = join(tmp(), 'o');
  const s = kalipso(['-G', '-f', TEST4, '-o', out], 100, 30);
  try {
    await s.waitFor(/3 profiles, 6 TWs, \d+ evidence, \d+ alerts/);
    s.keys('q');
    assert.equal(await s.exitCode(), 0);
    assert.ok(existsSync(join(out, 'summary.json')));
    assert.equal(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).profiles, 3);
  } finally {
    s.kill();
  }
});
