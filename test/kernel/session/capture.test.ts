// `capture IFACE` for real, as the editor runs it: the kernel process (kernel/rpc/main.ts through tsx)
// runs inside the router namespace of engine/prevention's lab, captures on the router's interface
// towards the attacker with tcpdump, and is driven over JSON-RPC. nmap scans the victim from the
// attacker across the router; the cell streams capture progress, is interrupted, and the captured
// session then answers queries. With `block confirm` the attacker lands in the router's real nftables
// set and the cell and `blocking` show the block with its time left in traffic time; the firewall is
// clean afterwards. Also: untrusted workspaces, unconfirmed blocking, a missing interface, no
// permission and no tcpdump are each refused with one sentence.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';
import {
  MIME,
  type BlockingPayload,
  type CapturePayload,
  type ErrorPayload,
  type ScalarPayload,
} from '../../../kernel/protocol';
import {
  InterruptRequest,
  ProgressNotification,
  RunRequest,
  type ProgressParams,
  type RunParams,
  type RunResult,
} from '../../../kernel/rpc/messages';
import { blockedInTable } from '../../../engine/prevention/nftablesBackend';
import { inNs, labSkipReason, NetnsLab } from '../../engine/prevention/netnsLab';

const ROOT = resolve(__dirname, '../../..');
const skip = labSkipReason();
const lab = new NetnsLab(`k${process.pid % 100000}`);
/** Upper bound on rounds of traffic while waiting for the kernel to react: a hang guard, not a timing check. */
const MAX_ROUNDS = 120;
/**
 * Small windows and the port scans only, as in engine/prevention's live test: with 10-s windows the
 * alert threshold is low enough that the innocent address's plain HTTP would alert through other modules.
 */
const CONFIG = join(mkdtempSync(join(tmpdir(), 'slips-capture-conf-')), 'slips.yaml');
writeFileSync(
  CONFIG,
  'modules:\n  disable: [template, flow_alerts, http_analyzer, arp, brute_force_detector, flow_ml_detection,' +
    ' beacon, rnn_cc_detection, threat_intelligence]\n',
);

/** A kernel process, optionally inside a namespace or under another user, and its progress. */
class Kernel {
  readonly child: ChildProcess;
  readonly rpc: MessageConnection;
  readonly progress: ProgressParams[] = [];
  stderr = '';

  constructor(prefix: string[] = [], env: NodeJS.ProcessEnv = process.env) {
    const cmd = [...prefix, process.execPath, '--import', 'tsx', join(ROOT, 'kernel/rpc/main.ts')];
    this.child = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.rpc = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.rpc.onNotification(ProgressNotification, (p) => this.progress.push(p));
    this.rpc.listen();
  }

  run(text: string, extra: Partial<RunParams> = {}): Promise<RunResult> {
    return this.rpc.sendRequest(RunRequest, { notebook: 'nb', cell: 'c', text, baseDir: ROOT, ...extra });
  }

  /** Resolves once a progress notification satisfies `ok`; `meanwhile` runs between checks (traffic). */
  async progressUntil(ok: (p: ProgressParams) => boolean, meanwhile: () => void = () => {}): Promise<void> {
    for (let i = 0; i < MAX_ROUNDS && !this.progress.some(ok); i++) {
      meanwhile();
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(this.progress.some(ok), `no such progress: ${JSON.stringify(this.progress.slice(-3))}`);
  }

  close(): void {
    this.rpc.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

let kernel: Kernel;
const extraKernels: Kernel[] = [];

before(() => {
  if (skip) return;
  lab.up();
  kernel = new Kernel(['ip', 'netns', 'exec', lab.rtr]);
});
after(() => {
  kernel?.close();
  for (const k of extraKernels) k.close();
  lab.down();
});
afterEach(() => {
  if (kernel) kernel.progress.length = 0;
});

function only<T>(r: RunResult, mime: string): T {
  assert.equal(r.outputs.length, 1, JSON.stringify(r.outputs));
  const p = r.outputs[0]![mime];
  assert.ok(p, `no ${mime} in ${JSON.stringify(r.outputs[0])}`);
  return p as T;
}

const error = (r: RunResult) => only<ErrorPayload>(r, MIME.error);
const count = async (text: string) => only<ScalarPayload>(await kernel.run(text), MIME.scalar).value;

function nftRuleset(): string {
  return inNs(lab.rtr, 'nft', ['list', 'ruleset']);
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

const capturing = (p: ProgressParams) => p.capture !== undefined;

test('capture is refused in an untrusted workspace, before tcpdump starts', { skip }, async () => {
  for (const extra of [{}, { trusted: false }]) {
    const e = error(await kernel.run(`capture ${lab.rtrIf} for 1s`, extra));
    assert.match(e.message, /^capture runs tcpdump on this machine, so it only runs in a trusted workspace/);
    assert.deepEqual([e.line, e.col], [1, 1]);
  }
  assert.equal(kernel.progress.filter(capturing).length, 0);
  assert.match(error(await kernel.run('blocking', { trusted: true })).message, /nothing is loaded yet/);
});

test(
  'capture: a missing interface and an unconfirmed block are one sentence each, at their place',
  { skip },
  async () => {
    const none = error(await kernel.run('capture nosuch0 for 1s', { trusted: true }));
    assert.match(
      none.message,
      /^there is no interface named nosuch0 \(list them with ip link\) \(tcpdump said: /,
    );
    assert.deepEqual([none.line, none.col], [1, 9]);
    const unconfirmed = error(await kernel.run(`capture ${lab.rtrIf} for 1s block`, { trusted: true }));
    assert.match(unconfirmed.message, /^block changes this machine's firewall and was not confirmed/);
    assert.deepEqual([unconfirmed.line, unconfirmed.col], [1, 9 + lab.rtrIf.length + 8]);
    const bad = error(await kernel.run(`capture ${lab.rtrIf} filter "tcp port" for 1s`, { trusted: true }));
    assert.match(bad.message, /^the capture filter 'tcp port' is not valid BPF/);
  },
);

test('capture … for 2s stops by itself; the traffic it saw is queryable', { skip }, async () => {
  const running = kernel.run(`capture ${lab.rtrIf} filter "tcp port 80" for 2s`, { trusted: true });
  await kernel.progressUntil(capturing);
  lab.httpFromOther(3);
  const r = await running;
  assert.equal(r.interrupted, false);
  const c = only<CapturePayload>(r, MIME.capture);
  assert.equal(c.stoppedBy, 'duration');
  assert.equal(c.filter, 'tcp port 80');
  assert.equal(c.duration, 2);
  assert.equal(c.load.format, 'pcap');
  assert.equal(c.load.recordsByKind.conn, 3, JSON.stringify(c.load));
  assert.ok(c.packetsCaptured! >= 3 * 5, `captured ${c.packetsCaptured}`);
  assert.equal(c.blocking, null);
  assert.match(
    String(r.outputs[0]![MIME.markdown]),
    /^\*\*Captured\*\* on \S+ \(filter tcp port 80\), stopped at the end of its duration/,
  );
  assert.equal(await count(`flows | where dport == 80 and saddr == ${lab.other} | count`), 3);
  assert.equal(r.state.kind, 'loaded');
  assert.equal(r.state.input, lab.rtrIf);
});

test(
  'capture … block confirm: progress streams, the attacker is blocked in nftables, interrupt keeps everything',
  { skip },
  async () => {
    const running = kernel.run(`capture ${lab.rtrIf} block confirm width=10 config=${CONFIG}`, {
      trusted: true,
    });
    await kernel.progressUntil(capturing);
    assert.match(nftRuleset(), /table inet slips_notebooks/);
    scan();
    await kernel.progressUntil(
      (p) => (p.capture?.blocked ?? 0) >= 1,
      () => lab.httpFromOther(3),
    );
    assert.deepEqual(blockedByNft(), [lab.attacker], 'the block is in the real firewall while capturing');
    const live = kernel.progress.filter(capturing).at(-1)!.capture!;
    assert.ok(
      live.packets >= 400 && live.evidence >= 1 && live.alerts >= 1 && live.profiles >= 1,
      JSON.stringify(live),
    );

    assert.deepEqual(await kernel.rpc.sendRequest(InterruptRequest, { notebook: 'nb' }), {
      interrupted: true,
    });
    const r = await running;
    assert.equal(r.interrupted, true);
    const c = only<CapturePayload>(r, MIME.capture);
    assert.equal(c.stoppedBy, 'interrupt');
    // The scan's 200 connections were flushed by the stop, and tcpdump stopped gracefully with its counts.
    assert.ok(c.load.recordsByKind.conn! >= 200, JSON.stringify(c.load.recordsByKind));
    assert.ok(c.packetsCaptured! >= 400, `captured ${c.packetsCaptured}`);
    assert.equal(typeof c.packetsDroppedByKernel, 'number');
    assert.equal(c.load.width, 10);

    const b = c.blocking!;
    assert.equal(b.mode, 'firewall');
    assert.equal(b.backend, 'nftables');
    assert.equal(b.applied, true);
    assert.deepEqual(
      b.blocks.map((x) => x.ip),
      [lab.attacker],
    );
    const block = b.blocks[0]!;
    // Time left is measured in traffic time: the block's end minus the newest flow time at the stop.
    assert.ok(b.trafficTime !== null && block.until > b.trafficTime, JSON.stringify(b));
    assert.equal(block.remaining, block.until - b.trafficTime);
    assert.ok(block.remaining <= 20, `at most two 10-s windows left: ${block.remaining}`);
    const esc = lab.attacker.replace(/\./g, '\\.');
    assert.ok(
      b.log.some((l) => new RegExp(`^\\S+ block ${esc} until \\S+ \\(alert in timewindow \\d+`).test(l)),
      b.log.join('\n'),
    );
    assert.ok(
      b.log.some((l) => new RegExp(`^\\S+ unblock ${esc} \\(`).test(l)),
      'the stop lifts the block',
    );
    assert.match(
      String(r.outputs[0]![MIME.markdown]),
      /\*\*Blocking\*\* on \S+ \(blocked with nftables; traffic time /,
    );

    // The firewall is ours no more, and the captured session answers like a loaded one.
    assert.doesNotMatch(nftRuleset(), /slips_notebooks/);
    const again = only<BlockingPayload>(await kernel.run('blocking'), MIME.blocking);
    assert.deepEqual(again, b);
    assert.ok((await count('evidence | where type == VERTICAL_PORT_SCAN | count')) >= 1);
    assert.ok((await count(`alerts | where ip == ${lab.attacker} and blocked == true | count`)) >= 1);
    assert.ok((await count(`flows | where saddr == ${lab.attacker} | count`)) >= 200);
    const profile = await kernel.run(`profile ${lab.attacker}`);
    assert.ok(profile.outputs[0]![MIME.profile], JSON.stringify(profile.outputs[0]));
  },
);

test('capture … block dry-run logs the firewall commands and changes nothing', { skip }, async () => {
  const r = await kernel.run(`capture ${lab.rtrIf} for 1s block dry-run`, { trusted: true });
  const b = only<CapturePayload>(r, MIME.capture).blocking!;
  assert.equal(b.mode, 'dry-run');
  assert.equal(b.applied, false);
  assert.ok(
    b.log.some((l) => /^- command nft /.test(l)),
    b.log.join('\n'),
  );
  assert.doesNotMatch(nftRuleset(), /slips_notebooks/);
  assert.equal(only<BlockingPayload>(await kernel.run('blocking'), MIME.blocking).mode, 'dry-run');
});

test('capture without capture permission: tcpdump says so, in one sentence', { skip }, async () => {
  const k = new Kernel([
    'ip',
    'netns',
    'exec',
    lab.rtr,
    'setpriv',
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
  ]);
  extraKernels.push(k);
  const e = error(await k.run(`capture ${lab.rtrIf} for 1s`, { trusted: true }));
  assert.match(e.message, new RegExp(`^no permission to capture on ${lab.rtrIf}: .*\\(tcpdump said: .*\\)$`));
  assert.deepEqual([e.line, e.col], [1, 9]);
});

// tcpdump is also looked for in the sbin folders, so an empty PATH hides it only when it is not there.
const inSbin = ['/usr/sbin/tcpdump', '/sbin/tcpdump'].some((f) => existsSync(f));

test(
  'capture without tcpdump: one sentence saying to install it',
  { skip: skip || (inSbin ? 'tcpdump is in an sbin folder here, which is always searched' : false) },
  async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-tcpdump-'));
    const k = new Kernel([], { ...process.env, PATH: empty });
    extraKernels.push(k);
    const e = error(await k.run('capture lo for 1s', { trusted: true }));
    assert.equal(
      e.message,
      'live capture needs tcpdump, which was not found (tcpdump); install it (apt-get install tcpdump) and try again',
    );
  },
);
