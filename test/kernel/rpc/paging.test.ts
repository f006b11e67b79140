// Large results over the real kernel process: a timeline of one window with 50,000 flows comes back as
// its first page, a total and a result id, and `slips/page` walks the rest — every entry exactly once,
// every message under 1 MB. Timings are printed for the report, never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc';
import { MAX_PAGE, MAX_ROWS, MIME, type TablePayload, type TimelinePayload } from '../../../kernel/protocol';
import { PageRequest, RunRequest } from '../../../kernel/rpc/messages';
import { KEPT_RESULTS } from '../../../kernel/rpc/resultPages';
import { startKernel, type KernelProcess } from '../../helpers/kernelProcess';

const FLOWS = 50_000;
const ONE_MB = 1024 * 1024;
const HOST = '10.0.0.1';

/** 50,000 flows of one host inside one hour (one time window), to 250 peers on 40 ports; a few noise flows. */
function bigWindow(path: string): void {
  const lines = [
    'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label',
  ];
  const t0 = Date.UTC(2024, 0, 1, 10, 0, 0) / 1000;
  for (let i = 0; i < FLOWS; i++) {
    const ts = new Date((t0 + i * 0.06) * 1000).toISOString(); // 50,000 × 0.06 s = 50 minutes
    const stamp = `${ts.slice(0, 10).replace(/-/g, '/')} ${ts.slice(11, 23)}000`;
    lines.push(
      `${stamp},0.0${i % 9},tcp,${HOST},${1024 + (i % 60000)},   ->,93.184.${(i % 250) >> 4}.${i % 250},${80 + (i % 40)},S_RA,0,0,2,120,60,`,
    );
  }
  lines.push(`2024/01/01 10:10:00.000000,0.1,udp,10.0.0.2,5353,  <->,10.0.0.3,53,CON,0,0,2,100,50,`);
  writeFileSync(path, lines.join('\n') + '\n');
}

const size = (x: unknown) => Buffer.byteLength(JSON.stringify(x));

describe('large results are paged over slips/page', () => {
  let kernel: KernelProcess;
  let rpc: MessageConnection;
  let tmp: string;
  let file: string;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'slips-paging-'));
    file = join(tmp, 'big-window.binetflow');
    bigWindow(file);
    kernel = startKernel();
    rpc = kernel.rpc;
  });

  after(() => {
    kernel.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const run = (text: string, notebook = 'nb') =>
    rpc.sendRequest(RunRequest, { notebook, cell: 'c', text, baseDir: tmp });

  test('a 50,000-flow window: first page, then every entry exactly once, each message under 1 MB', async () => {
    const load = await run(`load ${file}`);
    assert.equal(load.state.flows, FLOWS + 1);

    let t = performance.now();
    const r = await run(`timeline ${HOST} tw 1`);
    const firstMs = performance.now() - t;
    assert.equal(r.outputs.length, 1);
    const out = r.outputs[0]!;
    assert.ok(size(out) < ONE_MB, `the output is ${size(out)} bytes`);
    const tl = out[MIME.timeline] as TimelinePayload;
    assert.equal(tl.total, FLOWS);
    assert.equal(tl.rows.length, MAX_ROWS);
    assert.match(tl.resultId ?? '', /^r\d+$/);
    // The fallback for viewers without the renderer still says what was left out.
    assert.match(String(out[MIME.markdown]), /showing the first 200 of 50000 rows/);

    const seen = tl.rows.map((row) => `${row.ts} ${row.line}`);
    const pageMs: number[] = [];
    let maxPageBytes = 0;
    for (let offset = tl.rows.length; offset < tl.total;) {
      t = performance.now();
      const p = await rpc.sendRequest(PageRequest, {
        notebook: 'nb',
        resultId: tl.resultId!,
        offset,
        limit: MAX_PAGE,
      });
      pageMs.push(performance.now() - t);
      maxPageBytes = Math.max(maxPageBytes, size(p));
      assert.equal(p.kind, 'timeline');
      assert.equal(p.offset, offset);
      assert.equal(p.total, FLOWS);
      assert.ok(p.rows.length > 0 && p.rows.length <= MAX_PAGE);
      for (const row of p.rows) seen.push(`${row.ts} ${row.line}`);
      offset += p.rows.length;
    }
    assert.equal(seen.length, FLOWS);
    // Each flow has its own source port and time, so a repeated or lost entry changes the set size.
    assert.equal(new Set(seen).size, FLOWS);
    const times = seen.map((s) => Number(s.split(' ')[0]));
    assert.ok(
      times.every((x, i) => i === 0 || times[i - 1]! <= x),
      'pages continue the time order',
    );
    assert.ok(maxPageBytes < ONE_MB, `the largest page is ${maxPageBytes} bytes`);
    const past = await rpc.sendRequest(PageRequest, {
      notebook: 'nb',
      resultId: tl.resultId!,
      offset: FLOWS,
      limit: 10,
    });
    assert.deepEqual(past.rows, []);

    const sorted = [...pageMs].sort((a, b) => a - b);
    console.log(
      `timeline of ${FLOWS} flows in one window: first output ${firstMs.toFixed(0)} ms (${size(out)} bytes); ` +
        `${pageMs.length} pages of ${MAX_PAGE}: first ${pageMs[0]!.toFixed(1)} ms, median ${sorted[sorted.length >> 1]!.toFixed(1)} ms, ` +
        `max ${sorted[sorted.length - 1]!.toFixed(1)} ms, largest page ${maxPageBytes} bytes`,
    );
  });

  test('a flows query pages the same way; a final sort keeps no more rows, so it gets no id', async () => {
    const r = await run(`flows | where saddr == ${HOST}\nflows | sort ts desc`);
    const table = r.outputs[0]![MIME.table] as TablePayload;
    assert.equal(table.total, FLOWS);
    assert.ok(size(r.outputs[0]) < ONE_MB);
    const p = await rpc.sendRequest(PageRequest, {
      notebook: 'nb',
      resultId: table.resultId!,
      offset: 200,
      limit: 3,
    });
    assert.equal(p.kind, 'table');
    assert.equal(p.rows.length, 3);
    assert.equal(p.rows[0]!.length, table.columns.length);
    const sorted = r.outputs[1]![MIME.table] as TablePayload;
    assert.equal(sorted.resultId, undefined);
  });

  test('unknown, evicted and replaced results are refused with one clear sentence', async () => {
    await assert.rejects(
      rpc.sendRequest(PageRequest, { notebook: 'nb', resultId: 'r999', offset: 0, limit: 10 }),
      /result r999 is no longer kept .*run the cell again/,
    );
    await assert.rejects(
      rpc.sendRequest(PageRequest, { notebook: 'other', resultId: 'r1', offset: 0, limit: 10 }),
      /notebook other has no session/,
    );
    const first = ((await run(`timeline ${HOST}`)).outputs[0]![MIME.timeline] as TimelinePayload).resultId!;
    await assert.rejects(
      rpc.sendRequest(PageRequest, { notebook: 'nb', resultId: first, offset: -1, limit: 10 }),
      /offset must be a whole number/,
    );
    // Only the last KEPT_RESULTS results stay: the oldest is evicted first.
    for (let i = 0; i < KEPT_RESULTS; i++) await run(`flows | where saddr == ${HOST}`);
    await assert.rejects(
      rpc.sendRequest(PageRequest, { notebook: 'nb', resultId: first, offset: 200, limit: 10 }),
      new RegExp(`result ${first} is no longer kept`),
    );
    const kept = ((await run(`timeline ${HOST}`)).outputs[0]![MIME.timeline] as TimelinePayload).resultId!;
    assert.equal(
      (await rpc.sendRequest(PageRequest, { notebook: 'nb', resultId: kept, offset: 200, limit: 1 })).rows
        .length,
      1,
    );
    // A new load replaces the analysis the kept rows came from.
    await run(`load ${file}`);
    await assert.rejects(
      rpc.sendRequest(PageRequest, { notebook: 'nb', resultId: kept, offset: 200, limit: 1 }),
      new RegExp(`result ${kept} is no longer kept`),
    );
  });
});
