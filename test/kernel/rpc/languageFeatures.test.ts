// The editor's language features as the real kernel process answers them over JSON-RPC (the way the
// VS Code extension asks): completions that know the loaded session's IPs, evidence types and ids,
// hover docs and profile totals, positioned diagnostics, and answers kept small for big sessions.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc';
import { MIME, type LoadPayload, type TablePayload } from '../../../kernel/protocol';
import {
  CompleteRequest,
  DiagnoseRequest,
  HoverRequest,
  RunRequest,
  StateRequest,
} from '../../../kernel/rpc/messages';
import { MAX_COMPLETION_ITEMS } from '../../../kernel/rpc/languageFeatures';

const ROOT = resolve(__dirname, '../../..');
const SCANNER = '192.168.2.12';

describe('language features of the kernel process', () => {
  let child: ChildProcess;
  let rpc: MessageConnection;
  let stderr = '';
  let tmp: string;

  /** Labels offered at the `‸` in `cell` for `notebook`. */
  async function labels(notebook: string, cell: string): Promise<string[]> {
    const offset = cell.indexOf('‸');
    const r = await rpc.sendRequest(CompleteRequest, { notebook, text: cell.replace('‸', ''), offset });
    return r.items.map((i) => i.label);
  }

  async function run(notebook: string, text: string, baseDir = ROOT) {
    return rpc.sendRequest(RunRequest, { notebook, cell: 'c', text, baseDir });
  }

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'slips-langfeat-'));
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'kernel/rpc/main.ts')], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += d));
    rpc = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    rpc.listen();
    const r = await run('nb', 'load samples/test4-malicious.binetflow');
    assert.equal((r.outputs[0]![MIME.load] as LoadPayload).kind, 'load');
  });

  after(() => {
    rpc.dispose();
    child.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('after `flows | where ` the fields of flows are offered, with their range', async () => {
    const r = await rpc.sendRequest(CompleteRequest, { notebook: 'nb', text: 'flows | where ', offset: 14 });
    const l = r.items.map((i) => i.label);
    for (const f of ['saddr', 'daddr', 'dport', 'proto', 'bytes']) assert.ok(l.includes(f), `${f} in ${l}`);
    assert.ok(r.items.every((i) => i.kind === 'field' || i.label === 'not'));
    assert.deepEqual([r.from, r.to, r.incomplete], [14, 14, false]);
  });

  test('a partly typed word gets every item of its place (the editor filters), and its range', async () => {
    const r = await rpc.sendRequest(CompleteRequest, {
      notebook: 'nb',
      text: 'flows | where dpt',
      offset: 17,
    });
    assert.deepEqual([r.from, r.to], [14, 17]);
    assert.ok(r.items.some((i) => i.label === 'dport'));
    assert.ok(
      r.items.some((i) => i.label === 'saddr'),
      'not only the prefix matches: `dpt` fuzzily finds dport',
    );
  });

  test('values come from the loaded session: IPs, evidence types and evidence ids', async () => {
    const ips = await labels('nb', 'flows | where saddr == ‸');
    assert.ok(ips.includes(SCANNER), `the scanner's profile is offered: ${ips}`);
    const profiles = (await run('nb', 'profiles | select ip')).outputs[0]![MIME.table] as TablePayload;
    assert.equal(ips.length, profiles.total, 'one item per profile');

    const types = await labels('nb', 'evidence | where type == ‸');
    const typeTable = (await run('nb', 'evidence | count by type')).outputs[0]![MIME.table] as TablePayload;
    assert.deepEqual(types, typeTable.rows.map((r) => r[0]).sort());
    assert.ok(types.includes('HORIZONTAL_PORT_SCAN'), `${types}`);

    const ids = await labels('nb', 'explain ‸');
    const { state } = await run('nb', 'evidence | count');
    assert.equal(ids.length, state.evidence, 'one item per evidence');
  });

  test('a notebook that loaded nothing gets the language but no session values, and no session', async () => {
    assert.deepEqual(await labels('other', 'profile ‸'), []);
    assert.ok((await labels('other', '‸')).includes('load'));
    assert.equal((await rpc.sendRequest(StateRequest, { notebook: 'other' })).kind, 'empty');
  });

  test('hover shows the docs of a keyword and the totals of a profile IP', async () => {
    const h = await rpc.sendRequest(HoverRequest, { notebook: 'nb', text: `timeline ${SCANNER}`, offset: 3 });
    assert.ok(h);
    assert.deepEqual([h.from, h.to], [0, 8]);
    assert.match(h.markdown, /timeline IP \[tw N\]/);

    const p = await rpc.sendRequest(HoverRequest, {
      notebook: 'nb',
      text: `timeline ${SCANNER}`,
      offset: 12,
    });
    assert.ok(p);
    assert.deepEqual([p.from, p.to], [9, 9 + SCANNER.length]);
    const profiles = (
      await run('nb', `profiles | where ip == "${SCANNER}" | select ip, flows, evidence, alerts`)
    ).outputs[0]![MIME.table] as TablePayload;
    const [, flows, evidence, alerts] = profiles.rows[0]!;
    assert.match(
      p.markdown,
      new RegExp(`profile ${SCANNER}.*${flows} flows, ${evidence} evidence, ${alerts} alerts`),
    );

    assert.equal(
      await rpc.sendRequest(HoverRequest, { notebook: 'nb', text: 'timeline 10.9.9.9', offset: 12 }),
      null,
    );
    assert.equal(
      await rpc.sendRequest(HoverRequest, { notebook: 'other', text: `profile ${SCANNER}`, offset: 12 }),
      null,
    );
  });

  test('diagnostics carry the parser’s position and message', async () => {
    const text = 'load x\nflows | where dprot == 443';
    const [d, ...rest] = await rpc.sendRequest(DiagnoseRequest, { text });
    assert.equal(rest.length, 0);
    assert.ok(d);
    assert.equal(text.slice(d.offset, d.end), 'dprot');
    assert.deepEqual([d.line, d.col], [2, 15]);
    assert.match(d.message, /Did you mean 'dport'/);
    assert.deepEqual(await rpc.sendRequest(DiagnoseRequest, { text: 'flows | count by dport' }), []);
    const [bad] = await rpc.sendRequest(DiagnoseRequest, { text: 'flows | wher x' });
    assert.ok(bad && bad.offset >= 8, JSON.stringify(bad));
  });

  test('a session with more IPs than one answer carries sends a capped list, marked incomplete', async () => {
    const lines = [
      'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label',
    ];
    for (let i = 0; i < 700; i++)
      lines.push(
        `2018/10/03 10:00:${String(i % 60).padStart(2, '0')}.0,0.1,tcp,10.0.${i >> 8}.${i & 255},4000,   ->,8.8.8.8,443,CON,0,0,2,200,100,`,
      );
    writeFileSync(join(tmp, 'many.binetflow'), lines.join('\n') + '\n');
    await run('many', 'load many.binetflow', tmp);

    const all = await rpc.sendRequest(CompleteRequest, { notebook: 'many', text: 'profile ', offset: 8 });
    assert.equal(all.items.length, MAX_COMPLETION_ITEMS);
    assert.equal(all.incomplete, true);
    const some = await rpc.sendRequest(CompleteRequest, {
      notebook: 'many',
      text: 'profile 10.0.2.',
      offset: 15,
    });
    assert.ok(some.items.length > 0 && some.items.length <= 256);
    assert.ok(
      some.items.every((i) => i.label.startsWith('10.0.2.')),
      'the typed prefix narrows the list',
    );
    assert.equal(stderr.includes('Error'), false, stderr);
  });
});
