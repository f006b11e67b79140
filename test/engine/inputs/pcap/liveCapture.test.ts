// Live capture end to end, as a user runs it: two network namespaces joined by a veth pair (addresses of
// our own, 10.231.77.0/30, so no packet leaves them), the built CLI capturing in one with `slips -i`,
// nmap and hping3 scanning from the other, then SIGINT: slips must flush, write every output and exit 0,
// with the vertical port scan in alerts.log. Also the one-sentence failures (no tcpdump, no permission).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'bin/slips.js');
const isRoot = process.getuid?.() === 0;
const NOT_ROOT = 'network namespaces and packet capture need root (this test runs only as root)';

// Names unique to this run (interface names are limited to 15 characters).
const TAG = `s${process.pid % 100000}`;
const NS_CAP = `${TAG}cap`;
const NS_SCAN = `${TAG}scan`;
const IF_CAP = `${TAG}c`;
const IF_SCAN = `${TAG}s`;
const CAP_IP = '10.231.77.1';
const SCAN_IP = '10.231.77.2';

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
  return r.stdout;
}

function ip(...args: string[]): void {
  sh('ip', args);
}

let slipsProc: ChildProcess | undefined;

function cleanUp(): void {
  if (slipsProc && slipsProc.exitCode === null && slipsProc.signalCode === null) slipsProc.kill('SIGKILL');
  // Deleting a namespace removes its end of the veth pair, and with it the peer.
  for (const ns of [NS_CAP, NS_SCAN]) spawnSync('ip', ['netns', 'del', ns]);
}

before(() => {
  if (!isRoot) return;
  cleanUp();
  try {
    ip('netns', 'add', NS_CAP);
    ip('netns', 'add', NS_SCAN);
    ip('link', 'add', IF_CAP, 'type', 'veth', 'peer', 'name', IF_SCAN);
    ip('link', 'set', IF_CAP, 'netns', NS_CAP);
    ip('link', 'set', IF_SCAN, 'netns', NS_SCAN);
    ip('-n', NS_CAP, 'addr', 'add', `${CAP_IP}/30`, 'dev', IF_CAP);
    ip('-n', NS_SCAN, 'addr', 'add', `${SCAN_IP}/30`, 'dev', IF_SCAN);
    for (const [ns, dev] of [
      [NS_CAP, IF_CAP],
      [NS_SCAN, IF_SCAN],
    ] as const) {
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
  } catch (err) {
    cleanUp();
    throw err;
  }
});

after(cleanUp);

/** Resolves with slips' stderr so far once `re` appears in it; rejects if slips exits first. */
function waitFor(p: ChildProcess, err: { text: string }, re: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (re.test(err.text)) {
        p.stderr!.off('data', check);
        p.off('exit', gone);
        resolve();
      }
    };
    const gone = (code: number | null) =>
      reject(new Error(`slips exited (${code}) before ${re}: ${err.text}`));
    p.stderr!.on('data', check);
    p.once('exit', gone);
    check();
  });
}

test(
  'slips -i: nmap and hping3 scans from the other namespace, SIGINT, outputs complete',
  { skip: isRoot ? false : NOT_ROOT },
  async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slips-live-')), 'o');
    const p = spawn('ip', ['netns', 'exec', NS_CAP, process.execPath, CLI, '-i', IF_CAP, '-o', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    slipsProc = p;
    const err = { text: '' };
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (s: string) => (err.text += s));
    p.stdout.resume();
    const exited = new Promise<number | null>((res) => p.once('exit', (code) => res(code)));
    await waitFor(p, err, /capturing on \S+ with tcpdump/);

    const scan = (cmd: string, args: string[]) => sh('ip', ['netns', 'exec', NS_SCAN, cmd, ...args]);
    const nmap = scan('nmap', ['-n', '-Pn', '-sS', '-p', '1-200', '--max-rate', '2000', CAP_IP]);
    assert.match(nmap, /Nmap done: 1 IP address \(1 host up\)/);
    // SYNs to 300, 301, ... : a second, overlapping vertical scan by another tool.
    scan('hping3', ['-q', '-S', '-p', '++300', '-c', '40', '-i', 'u2000', CAP_IP]);

    p.kill('SIGINT');
    assert.equal(await exited, 0, err.text);
    assert.match(err.text, /stopping the capture/);
    assert.match(
      err.text,
      /tcpdump on \S+: \d+ packets captured, \d+ received by filter, \d+ dropped by kernel/,
    );

    const alerts = readFileSync(join(out, 'alerts.log'), 'utf8');
    assert.match(
      alerts,
      new RegExp(
        `vertical port scan to IP ${CAP_IP.replace(/\./g, '\\.')} from ${SCAN_IP.replace(/\./g, '\\.')}\\. Total 100 TCP ports`,
      ),
    );
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(s.input_format, 'pcap');
    assert.equal(s.input, IF_CAP);
    assert.equal(s.records_read, s.records_parsed + s.records_skipped_total + s.records_rejected);
    // 200 nmap ports + 40 hping3 probes, each a connection of its own, all flushed at the stop.
    assert.ok(s.records_by_kind.conn >= 240, JSON.stringify(s.records_by_kind));
    assert.ok(s.evidence_by_type.VERTICAL_PORT_SCAN >= 1, JSON.stringify(s.evidence_by_type));
    const cap = JSON.parse(readFileSync(join(out, 'capture.json'), 'utf8'));
    assert.equal(cap.stopped_by, 'signal');
    assert.equal(cap.tcpdump_exit_code, 0);
    assert.ok(cap.packets_captured >= 480, `captured ${cap.packets_captured}`);
    assert.equal(typeof cap.packets_dropped_by_kernel, 'number');
    for (const f of ['alerts.json', 'flows.arrow', 'timeline.jsonl', 'errors.log'])
      assert.ok(statSync(join(out, f)).isFile(), f);
  },
);

test(
  'slips -i without capture permission: one sentence, exit 2, no output folder',
  { skip: isRoot ? false : NOT_ROOT },
  () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slips-live-')), 'o');
    // An unprivileged user (nobody) in the capture namespace, where only our interfaces exist.
    const r = spawnSync(
      'ip',
      [
        'netns',
        'exec',
        NS_CAP,
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        CLI,
        '-i',
        IF_CAP,
        '-o',
        out,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^slips: no permission to capture on ${IF_CAP}: run slips as root`));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(existsSync(out), false);
  },
);

// slips also looks in the sbin folders, so an empty PATH hides tcpdump only when it is not there.
const inSbin = ['/usr/sbin/tcpdump', '/sbin/tcpdump'].some((f) => existsSync(f));
const SBIN = 'tcpdump is in an sbin folder here, which slips always searches';

test('slips -i without tcpdump on the PATH: one sentence, exit 2', { skip: inSbin ? SBIN : false }, () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-tcpdump-'));
  const r = spawnSync(process.execPath, [CLI, '-i', 'lo', '-o', join(empty, 'o')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: empty },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(
    r.stderr,
    'slips: live capture needs tcpdump, which was not found (tcpdump); install it (apt-get install tcpdump) and try again\n',
  );
});

test('-F without -i, and -f with -i, are usage errors', () => {
  const a = spawnSync(process.execPath, [CLI, '-F', 'tcp'], { encoding: 'utf8' });
  assert.equal(a.status, 2);
  assert.match(a.stderr, /-F\/--pcapfilter filters a live capture: give the interface with -i/);
  const b = spawnSync(process.execPath, [CLI, '-f', 'x.pcap', '-i', 'lo'], { encoding: 'utf8' });
  assert.equal(b.status, 2);
  assert.match(b.stderr, /either a file \(-f\) or an interface \(-i\), not both/);
});
