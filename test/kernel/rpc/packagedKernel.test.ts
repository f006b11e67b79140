// The extension's own kernel bundle, run from a folder with no node_modules anywhere above it (as in an
// installed extension): the data it needs at run time (IP databases, MAC vendors, feed lists) must come
// with it (extension/build.mjs), or loads report problems and countries come out Unknown.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc';
import { MIME, type LoadPayload, type ScalarPayload } from '../../../kernel/protocol';
import { RunRequest } from '../../../kernel/rpc/messages';
import { DATA } from '../../helpers/data';
import { startKernel, type KernelProcess } from '../../helpers/kernelProcess';

const ROOT = resolve(__dirname, '../../..');

describe('the packaged kernel (extension/dist) on its own', () => {
  let kernel: KernelProcess;
  let rpc: MessageConnection;
  let dir: string;
  let stderr = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'slips-packaged-'));
    cpSync(join(ROOT, 'extension/dist'), join(dir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'extension/config'), join(dir, 'config'), { recursive: true });
    // stderr is kept: a detector whose model is missing says so there.
    kernel = startKernel({ bundle: join(dir, 'dist/kernel.js'), cwd: dir, onStderr: (s) => (stderr += s) });
    rpc = kernel.rpc;
  });

  after(() => {
    kernel.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads with its shipped data: no missing files, public addresses get a country and an AS', async () => {
    const r = await rpc.sendRequest(RunRequest, {
      notebook: 'nb',
      cell: 'c1',
      text: `load ${DATA}/binetflow/slips-0.7.1/2013-10-21_capture-1.binetflow`,
      baseDir: ROOT,
    });
    const load = r.outputs[0]![MIME.load] as LoadPayload;
    assert.equal(load.kind, 'load');
    assert.deepEqual(
      load.problems.filter((p) => /cannot|missing|no such file|unavailable/i.test(p)),
      [],
    );
    const q = await rpc.sendRequest(RunRequest, {
      notebook: 'nb',
      cell: 'c2',
      text: 'profiles | where country == "Czechia" and asn != "Unknown" | count',
      baseDir: ROOT,
    });
    const n = q.outputs[0]![MIME.scalar] as ScalarPayload;
    assert.ok(
      n.value > 0,
      'the Czech university addresses of the capture are placed in Czechia with their AS',
    );
    // The trained models come with it too: no detector says its model is missing.
    assert.doesNotMatch(stderr, /model found|is off/);
  });
});
