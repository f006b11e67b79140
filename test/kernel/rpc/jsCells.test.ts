// javascript cells through the real kernel process (kernel/rpc/main.ts over stdio JSON-RPC), as the
// extension sends them: `language: 'javascript'`, run against the notebook's session only when trusted,
// and a runaway cell — even one looping after an `await` — is stopped and the kernel keeps serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';
import { MIME, type ErrorPayload, type TablePayload } from '../../../kernel/protocol';
import { RunRequest, type RunParams } from '../../../kernel/rpc/messages';

const ROOT = resolve(__dirname, '../../..');

describe('javascript cells in the kernel process', () => {
  let child: ChildProcess;
  let rpc: MessageConnection;
  let stderr = '';
  const run = (text: string, more: Partial<RunParams> = {}) =>
    rpc.sendRequest(RunRequest, { notebook: 'nb-js', cell: 'c', text, baseDir: ROOT, ...more });

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'kernel/rpc/main.ts')], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      // A short timeout so the endless loop below ends quickly; the default is 30 s.
      env: { ...process.env, SLIPS_JS_TIMEOUT_MS: '500' },
    });
    child.stderr!.on('data', (d) => (stderr += d));
    rpc = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    rpc.listen();
    const r = await run('load samples/test4-malicious.binetflow');
    assert.ok(r.outputs[0]![MIME.load], stderr);
  });

  after(() => {
    rpc.dispose();
    child.kill();
  });

  test('a trusted javascript cell queries the session and displays the same rows as the slips cell', async () => {
    const q = 'profiles | sort flows desc | limit 5';
    const slips = (await run(q)).outputs[0]![MIME.table] as TablePayload;
    const js = await run(
      `console.log("profiles", slips.profiles().length);\nslips.display(slips.query(${JSON.stringify(q)}));`,
      {
        language: 'javascript',
        trusted: true,
      },
    );
    assert.equal(js.outputs.length, 2);
    assert.equal(js.outputs[0]!['text/plain'], `profiles ${js.state.profiles}`);
    const table = js.outputs[1]![MIME.table] as TablePayload;
    assert.deepEqual(table, slips);
    assert.ok(js.outputs[1]![MIME.markdown]);
  });

  test('an untrusted workspace (trusted absent) runs no javascript', async () => {
    const r = await run('console.log("ran")', { language: 'javascript' });
    assert.equal(r.outputs.length, 1);
    assert.match((r.outputs[0]![MIME.error] as ErrorPayload).message, /trusted workspace/);
  });

  test('an endless loop after an await is stopped, and the kernel still answers', async () => {
    const r = await run('console.log("go");\nawait null;\nwhile (true) {}', {
      language: 'javascript',
      trusted: true,
    });
    assert.equal(r.outputs[0]!['text/plain'], 'go');
    assert.match((r.outputs[1]![MIME.error] as ErrorPayload).message, /was stopped/);
    const next = await run('console.log(slips.query("alerts | count"))', {
      language: 'javascript',
      trusted: true,
    });
    assert.equal(next.outputs[0]!['text/plain'], String(next.state.alerts));
  });

  test('an error reports the line of the cell it came from', async () => {
    const r = await run('const a = 1;\n\nnull.x;', { language: 'javascript', trusted: true });
    const err = r.outputs[0]![MIME.error] as ErrorPayload;
    assert.equal(err.line, 3);
    assert.match(err.message, /TypeError/);
  });
});
