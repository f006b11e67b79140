// Acceptance: `slips -i IFACE -p` on a router really blocks an attacker, as a user runs it. Three network
// namespaces (engine/prevention's netnsLab): nmap scans the victim from the attacker across the router,
// slips on the router raises the alert and blocks the attacker in the firewall; then the attacker's
// pings no longer reach the victim while another address of the same link still does; ordinary traffic
// moves traffic time past the probation and the block goes; SIGINT leaves no rule of ours behind.
// The same with the iptables backend, without privilege (one line, analysis goes on), and --clear-blocking.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedInTable, nftablesBackend } from '../../../engine/prevention/nftablesBackend';
import { iptablesBackend } from '../../../engine/prevention/iptablesBackend';
import { inNs, labSkipReason, NetnsLab } from './netnsLab';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const skip = labSkipReason();
const lab = new NetnsLab(`b${process.pid % 100000}`);
/** Small windows so the probation (end of the next window) passes after a few seconds of traffic. */
const WIDTH = '10';
/**
 * Detection narrowed to network_discovery (the port scans): with 10-s windows the alert threshold is
 * 0.25 × 10/60 ≈ 0.04, so any single evidence about the innocent address (its regular HTTP requests look
 * like beacons, it shares the attacker's MAC) would alert too. This test is about blocking, not detection.
 */
const CONFIG = join(mkdtempSync(join(tmpdir(), 'slips-block-conf-')), 'slips.yaml');
writeFileSync(
  CONFIG,
  'modules:\n  disable: [template, flow_alerts, http_analyzer, arp, brute_force_detector, flow_ml_detection,' +
    ' beacon, rnn_cc_detection, threat_intelligence]\n',
);
/** Upper bound on rounds of traffic while waiting for slips to react: a hang guard, not a timing check. */
const MAX_ROUNDS = 120;

before(() => {
  if (!skip) lab.up();
});
after(() => lab.down());
// A test that failed half-way still stops its slips, so no firewall state leaks into the next test.
afterEach(async () => {
  if (current) await stopSlips(current);
  current = undefined;
});

interface SlipsRun {
  proc: ChildProcess;
  err: { text: string };
  exited: Promise<number | null>;
  out: string;
}

let current: SlipsRun | undefined;

function startSlips(extra: string[], ns = lab.rtr, prefix: string[] = []): SlipsRun {
  const out = join(mkdtempSync(join(tmpdir(), 'slips-block-')), 'o');
  const proc = lab.spawnIn(ns, prefix[0] ?? process.execPath, [
    ...prefix.slice(1),
    ...(prefix.length ? [process.execPath] : []),
    CLI,
    '-i',
    lab.rtrIf,
    '-o',
    out,
    '-w',
    WIDTH,
    '-c',
    CONFIG,
    ...extra,
  ]);
  const err = { text: '' };
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (s: string) => (err.text += s));
  proc.stdout!.resume();
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  current = { proc, err, exited, out };
  return current;
}

/** Resolves once `re` is in slips' stderr; rejects if slips exits first. */
function waitFor(run: SlipsRun, re: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!re.test(run.err.text)) return;
      run.proc.stderr!.off('data', check);
      run.proc.off('exit', gone);
      resolve();
    };
    const gone = (code: number | null) =>
      reject(new Error(`slips exited (${code}) before ${re}: ${run.err.text}`));
    run.proc.stderr!.on('data', check);
    run.proc.once('exit', gone);
    check();
  });
}

/**
 * Sends ordinary HTTP requests from the innocent address until `re` shows in slips' stderr: records come
 * out of the capture only as connections end, so traffic is what moves traffic time (and the scan's
 * connections out of the tracker).
 */
async function trafficUntil(run: SlipsRun, re: RegExp, file?: string): Promise<void> {
  const text = () => (file ? readIfThere(join(run.out, file)) : run.err.text);
  for (let i = 0; i < MAX_ROUNDS && !re.test(text()); i++) {
    if (run.proc.exitCode !== null) break;
    lab.httpFromOther(3);
    await new Promise((r) => setImmediate(r));
  }
  assert.match(text(), re);
}

function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The router's ruleset without the packet counters, which change with any traffic. */
function nftRuleset(): string {
  return inNs(lab.rtr, 'nft', ['list', 'ruleset']).replace(/counter packets \d+ bytes \d+/g, 'counter');
}

/** Stops slips with SIGINT as a user would, and waits for its exit code. */
async function stopSlips(run: SlipsRun): Promise<number | null> {
  if (run.proc.exitCode === null && run.proc.signalCode === null) run.proc.kill('SIGINT');
  return run.exited;
}

function blockedByNft(): string[] {
  const r = spawnSync(
    'ip',
    ['netns', 'exec', lab.rtr, 'nft', '-j', 'list', 'table', 'inet', 'slips_notebooks'],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 ? blockedInTable(r.stdout) : [];
}

function scan(): void {
  const nmap = inNs(lab.atk, 'nmap', ['-n', '-Pn', '-sS', '-p', '1-200', '--max-rate', '2000', lab.victim]);
  assert.match(nmap, /Nmap done: 1 IP address \(1 host up\)/);
}

const esc = (s: string) => s.replace(/\./g, '\\.');

test(
  '-p with nftables: the attacker is blocked, others are not, the block ends in traffic time, SIGINT cleans up',
  { skip },
  async () => {
    assert.equal(lab.pingReplies(lab.attacker), 3, 'the attacker reaches the victim before any alert');
    const run = startSlips(['-p']);
    await waitFor(run, /capturing on \S+ with tcpdump/);
    assert.match(nftRuleset(), /table inet slips_notebooks/);
    assert.deepEqual(blockedByNft(), []);

    scan();
    await trafficUntil(run, new RegExp(`blocked ${esc(lab.attacker)} with nftables until`));
    // The kernel drops the attacker both ways on the router; the other address on the same link is untouched.
    assert.deepEqual(blockedByNft(), [lab.attacker]);
    let replies = -1;
    const arrived = await lab.arrivingAtVictim(
      lab.attacker,
      () => (replies = lab.pingReplies(lab.attacker, 5)),
    );
    assert.equal(arrived, 0, 'no packet of the blocked attacker may reach the victim');
    assert.equal(replies, 0, 'the blocked attacker gets no reply');
    const otherArrived = await lab.arrivingAtVictim(
      lab.other,
      () => (replies = lab.pingReplies(lab.other, 5)),
    );
    assert.equal(otherArrived, 5, 'another host must still reach the victim');
    assert.equal(replies, 5);
    assert.match(
      inNs(lab.rtr, 'nft', ['list', 'chain', 'inet', 'slips_notebooks', 'forward']),
      /ip saddr @blocked4 counter packets [1-9]\d* bytes \d+ drop/,
    );

    await trafficUntil(run, new RegExp(`unblocked ${esc(lab.attacker)} \\(probation over`));
    assert.deepEqual(blockedByNft(), []);
    assert.equal(
      lab.pingReplies(lab.attacker),
      3,
      'after the probation the attacker reaches the victim again',
    );

    run.proc.kill('SIGINT');
    assert.equal(await run.exited, 0, run.err.text);
    assert.doesNotMatch(nftRuleset(), /slips_notebooks|slipsBlocking/);

    const log = readFileSync(join(run.out, 'blocking.log'), 'utf8');
    const block = new RegExp(
      `^(\\S+) block ${esc(lab.attacker)} until (\\S+) \\(alert in timewindow \\d+`,
      'm',
    ).exec(log);
    assert.ok(block, log);
    const unblock = new RegExp(`^(\\S+) unblock ${esc(lab.attacker)} \\(probation over`, 'm').exec(log);
    assert.ok(unblock, log);
    // Traffic time, not wall clock: the unblock happened once the flows' time reached the block's end.
    assert.ok(Date.parse(unblock[1]!) >= Date.parse(block[2]!), `${unblock[1]} < ${block[2]}`);
    assert.doesNotMatch(log, new RegExp(`(block|extend) ${esc(lab.other)} `));
    assert.doesNotMatch(log, /failure/);
    const alerts = readFileSync(join(run.out, 'alerts.log'), 'utf8');
    assert.match(alerts, new RegExp(`Src IP ${esc(lab.attacker)} +\\. Is blocked given enough evidence`));
  },
);

test(
  '-p --firewall iptables: chain slipsBlocking jumped to from INPUT/OUTPUT/FORWARD, removed at SIGINT',
  { skip },
  async () => {
    const run = startSlips(['-p', '--firewall', 'iptables']);
    await waitFor(run, /capturing on \S+ with tcpdump/);
    for (const chain of ['INPUT', 'OUTPUT', 'FORWARD'])
      assert.match(
        inNs(lab.rtr, 'iptables', ['-w', '-S', chain]),
        new RegExp(`-A ${chain} -j slipsBlocking`),
      );

    scan();
    await trafficUntil(run, new RegExp(`blocked ${esc(lab.attacker)} with iptables until`));
    const rules = inNs(lab.rtr, 'iptables', ['-w', '-S', 'slipsBlocking']);
    assert.match(
      rules,
      new RegExp(`-A slipsBlocking -s ${esc(lab.attacker)}/32 -m comment --comment "Slips rule" -j DROP`),
    );
    assert.match(
      rules,
      new RegExp(`-A slipsBlocking -d ${esc(lab.attacker)}/32 -m comment --comment "Slips rule" -j DROP`),
    );
    assert.equal(lab.pingReplies(lab.attacker), 0);
    assert.equal(lab.pingReplies(lab.other), 3);

    run.proc.kill('SIGINT');
    assert.equal(await run.exited, 0, run.err.text);
    assert.doesNotMatch(nftRuleset(), /slipsBlocking|Slips rule|slips_notebooks/);
    assert.equal(lab.pingReplies(lab.attacker), 3);
  },
);

test(
  '-p without CAP_NET_ADMIN: one line, the analysis goes on, the firewall is untouched',
  { skip },
  async () => {
    const before = nftRuleset();
    // Root without CAP_NET_ADMIN in its bounding set: tcpdump still captures (CAP_NET_RAW), nft is refused.
    const run = startSlips(['-p'], lab.rtr, ['setpriv', '--bounding-set', '-net_admin']);
    await waitFor(run, /capturing on \S+ with tcpdump/);
    const offLines = run.err.text.split('\n').filter((l) => l.includes('blocking is off'));
    assert.equal(offLines.length, 1, run.err.text);
    assert.match(
      offLines[0]!,
      /^slips: blocking is off: no permission to change the firewall \(.+\); run slips as root or with CAP_NET_ADMIN; the analysis goes on$/,
    );

    scan();
    await trafficUntil(
      run,
      new RegExp(`failure block ${esc(lab.attacker)} \\(blocking is off`),
      'blocking.log',
    );
    run.proc.kill('SIGINT');
    assert.equal(await run.exited, 0, run.err.text);
    assert.equal(nftRuleset(), before);
    const alerts = readFileSync(join(run.out, 'alerts.log'), 'utf8');
    assert.match(
      alerts,
      new RegExp(`Src IP ${esc(lab.attacker)} +\\. Generated an alert given enough evidence`),
    );
    const log = readFileSync(join(run.out, 'blocking.log'), 'utf8');
    assert.match(log, /^- failure setup \(no permission to change the firewall/m);
    assert.match(log, new RegExp(`failure block ${esc(lab.attacker)} \\(blocking is off`));
    assert.equal(lab.pingReplies(lab.attacker), 3);
  },
);

test('slips --clear-blocking removes our table and chain, and nothing else', { skip }, () => {
  const ns = lab.vic;
  inNs(ns, 'nft', [
    'add table inet keepme; add chain inet keepme c { type filter hook input priority 0; }; add rule inet keepme c ip saddr 192.0.2.7 drop',
  ]);
  inNs(ns, 'iptables', ['-w', '-A', 'INPUT', '-s', '192.0.2.8', '-j', 'DROP']);
  inNs(ns, 'nft', ['add table inet slips_notebooks']);
  inNs(ns, 'iptables', ['-w', '-N', 'slipsBlocking']);
  inNs(ns, 'iptables', ['-w', '-I', 'FORWARD', '1', '-j', 'slipsBlocking']);
  inNs(ns, 'iptables', ['-w', '-A', 'slipsBlocking', '-s', '192.0.2.9', '-j', 'DROP']);

  const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, CLI, '--clear-blocking'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /slips: removed table inet slips_notebooks/);
  assert.match(r.stderr, /slips: removed iptables chain slipsBlocking/);
  const ruleset = inNs(ns, 'nft', ['list', 'ruleset']);
  assert.doesNotMatch(ruleset, /slips_notebooks|slipsBlocking|192\.0\.2\.9/);
  assert.match(ruleset, /table inet keepme/);
  assert.match(ruleset, /ip saddr 192\.0\.2\.7 drop/);
  assert.match(inNs(ns, 'iptables', ['-w', '-S', 'INPUT']), /-A INPUT -s 192\.0\.2\.8\/32 -j DROP/);

  const again = spawnSync('ip', ['netns', 'exec', ns, process.execPath, CLI, '--clear-blocking'], {
    encoding: 'utf8',
  });
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stderr, 'slips: no blocking rules of slips were found\n');
});

test('-p with a file is a usage error', () => {
  const r = spawnSync(process.execPath, [CLI, '-f', 'x.pcap', '-p'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slips: -p blocks attackers of a live capture: give the interface with -i/);
});

test('the exit teardown (a dying process) removes exactly what setup and blocks added', { skip }, () => {
  const before = nftRuleset();
  // Run inside the router namespace through a child that uses the engine's own command runner.
  const script = `
    const { nftablesBackend } = require(${JSON.stringify(join(ROOT, 'engine/prevention/nftablesBackend'))});
    const { iptablesBackend } = require(${JSON.stringify(join(ROOT, 'engine/prevention/iptablesBackend'))});
    const { runCommandSync } = require(${JSON.stringify(join(ROOT, 'engine/prevention/firewallCommand'))});
    const b = process.argv[1] === 'nftables' ? nftablesBackend : iptablesBackend;
    if (process.argv[2] === 'teardown') for (const c of b.teardown()) runCommandSync(c);
    else
      for (const c of [...b.setup(), ...b.block('10.232.1.2'), ...b.block('fd00::2')])
        if (!runCommandSync(c)) throw new Error('setup failed: ' + c.program + ' ' + c.args.join(' '));
  `;
  for (const name of [nftablesBackend.name, iptablesBackend.name]) {
    const run = (mode: string) =>
      spawnSync(
        'ip',
        ['netns', 'exec', lab.rtr, process.execPath, '--import', 'tsx', '-e', script, name, mode],
        {
          encoding: 'utf8',
          cwd: ROOT,
        },
      );
    const setupOnly = run('setup');
    assert.equal(setupOnly.status, 0, setupOnly.stderr);
    assert.match(nftRuleset(), /slips_notebooks|slipsBlocking/);
    assert.equal(lab.pingReplies(lab.attacker), 0, `${name}: the block holds`);
    const r = run('teardown');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(nftRuleset(), before, name);
    assert.equal(lab.pingReplies(lab.attacker), 3, `${name}: the attacker gets through again`);
  }
});

test('--firewall without -p is a usage error', () => {
  const r = spawnSync(process.execPath, [CLI, '-i', 'lo', '--firewall', 'nftables'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slips: --firewall chooses the firewall of -p: add -p/);
});
