// Drives the real kernel process (kernel/rpc/main.ts, through tsx) over its stdio JSON-RPC, as the
// VS Code extension does: runs cells, keeps one session per notebook, streams progress, interrupts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';
import { MIME, type LoadPayload, type ErrorPayload, type ScalarPayload } from '../../../kernel/protocol';
import {
  DisposeRequest,
  InterruptRequest,
  ProgressNotification,
  RunRequest,
  StateRequest,
  type ProgressParams,
} from '../../../kernel/rpc/messages';

const ROOT = resolve(__dirname, '../../..');

describe('kernel process over JSON-RPC', () => {
  let child: ChildProcess;
  let rpc: MessageConnection;
  let stderr = '';
  const progress: ProgressParams[] = [];
  // vscode-jsonrpc keeps one handler per notification, so tests wait on progress through this hook.
  let onProgress: ((p: ProgressParams) => void) | undefined;
  let tmp: string;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'slips-kernel-'));
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'kernel/rpc/main.ts')], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += d));
    rpc = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    rpc.onNotification(ProgressNotification, (p) => {
      progress.push(p);
      onProgress?.(p);
    });
    rpc.listen();
  });

  after(() => {
    rpc.dispose();
    child.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a load cell runs the engine and answers with the load bundle and markdown fallback', async () => {
    const r = await rpc.sendRequest(RunRequest, {
      notebook: 'nb-a',
      cell: 'c1',
      text: 'load samples/test4-malicious.binetflow',
      baseDir: ROOT,
    });
    assert.equal(r.interrupted, false);
    assert.equal(r.outputs.length, 1);
    const load = r.outputs[0]![MIME.load] as LoadPayload;
    assert.equal(load.kind, 'load');
    assert.equal(load.format, 'binetflow');
    assert.ok(load.evidence > 0, 'the sample port scan gives evidence');
    assert.match(String(r.outputs[0]![MIME.markdown]), /binetflow/);
    assert.equal(r.state.kind, 'loaded');
    assert.equal(r.state.profiles, load.profiles);
    assert.equal(r.state.evidence, load.evidence);
  });

  test('a later cell of the same notebook queries that session', async () => {
    const r = await rpc.sendRequest(RunRequest, {
      notebook: 'nb-a',
      cell: 'c2',
      text: 'evidence | count\nflows | where dport == 81 | count',
      baseDir: ROOT,
    });
    const [evidence, scans] = r.outputs.map((o) => o[MIME.scalar] as ScalarPayload);
    assert.equal(evidence!.value, r.state.evidence);
    assert.ok(scans!.value >= 64, 'the horizontal scan to 81/tcp reached 64 hosts');
  });

  test('another notebook has its own session', async () => {
    const r = await rpc.sendRequest(RunRequest, {
      notebook: 'nb-b',
      cell: 'c1',
      text: 'profiles',
      baseDir: ROOT,
    });
    const err = r.outputs[0]![MIME.error] as ErrorPayload;
    assert.match(err.message, /nothing is loaded yet/);
    assert.equal((await rpc.sendRequest(StateRequest, { notebook: 'nb-b' })).kind, 'empty');
    assert.equal((await rpc.sendRequest(StateRequest, { notebook: 'nb-a' })).kind, 'loaded');
  });

  test('a syntax error comes back as an error output with its position', async () => {
    const r = await rpc.sendRequest(RunRequest, {
      notebook: 'nb-a',
      cell: 'c3',
      text: 'flows | where dprot == 1',
      baseDir: ROOT,
    });
    const err = r.outputs[0]![MIME.error] as ErrorPayload;
    assert.equal(err.line, 1);
    assert.match(err.message, /dport/);
  });

  test('interrupt stops a running load after its first progress, keeping what was read', async () => {
    const lines = [
      'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label',
    ];
    const total = 300_000;
    for (let i = 0; i < total; i++) {
      const s = 1_538_000_000 + i * 0.01;
      const d = new Date(s * 1000).toISOString().replace('T', ' ').replace('Z', '').replace(/-/g, '/');
      lines.push(`${d},0.1,tcp,10.0.${(i >> 8) & 255}.${i & 255},4000,   ->,8.8.8.8,443,CON,0,0,2,200,100,`);
    }
    const big = join(tmp, 'big.binetflow');
    writeFileSync(big, lines.join('\n') + '\n');
    const firstProgress = new Promise<void>((resolveProgress) => {
      onProgress = (p) => {
        if (p.notebook === 'nb-c') resolveProgress();
      };
    });
    const running = rpc.sendRequest(RunRequest, {
      notebook: 'nb-c',
      cell: 'big',
      text: `load "${big}"`,
      baseDir: tmp,
    });
    await firstProgress;
    const i = await rpc.sendRequest(InterruptRequest, { notebook: 'nb-c' });
    assert.equal(i.interrupted, true);
    const r = await running;
    assert.equal(r.interrupted, true);
    const load = r.outputs[0]![MIME.load] as LoadPayload;
    assert.ok(load.recordsRead > 0 && load.recordsRead < total, `read ${load.recordsRead} of ${total}`);
    assert.ok(progress.some((p) => p.notebook === 'nb-c' && p.cell === 'big' && p.records > 0));
    // The session stays usable: what was read is queryable.
    const q = await rpc.sendRequest(RunRequest, {
      notebook: 'nb-c',
      cell: 'q',
      text: 'flows | count',
      baseDir: tmp,
    });
    assert.equal((q.outputs[0]![MIME.scalar] as ScalarPayload).value, load.recordsParsed);
    assert.equal((await rpc.sendRequest(InterruptRequest, { notebook: 'nb-c' })).interrupted, false);
  });

  test('dispose forgets the notebook session', async () => {
    await rpc.sendRequest(DisposeRequest, { notebook: 'nb-a' });
    assert.equal((await rpc.sendRequest(StateRequest, { notebook: 'nb-a' })).kind, 'empty');
    assert.equal(stderr.includes('Error'), false, stderr);
  });
});
