// A million connections in the kernel's columnar store: the typical queries give the results computed
// here independently, by streaming the same synthetic flows. (Speed is measured by
// kernel/bench/queryBench.ts, not asserted.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeWindowGrid } from '../../../engine/profiler/timeWindows';
import type { ConnRecord } from '../../../engine/flow';
import { parseCell } from '../../../kernel/lang/parser';
import { connFrame } from '../../../kernel/query/sources';
import { runStages, type Outcome } from '../../../kernel/query/stages';
import { SessionSink } from '../../../kernel/session/sessionSink';
import { tablePayload } from '../../../kernel/views/tableView';
import { syntheticConns } from '../../../kernel/bench/syntheticConn';
import type { Frame } from '../../../kernel/query/frame';

const N = 1_000_000;

function run(frame: Frame, q: string): Outcome {
  const s = parseCell(q).statements[0]!;
  assert.equal(s.kind, 'query');
  return runStages({ frame, rows: undefined }, (s as Extract<typeof s, { kind: 'query' }>).stages);
}

function rows(frame: Frame, q: string): unknown[][] {
  const o = run(frame, q);
  assert.equal(o.kind, 'rows', q);
  return tablePayload((o as Extract<Outcome, { kind: 'rows' }>).view).rows as unknown[][];
}

function ranked(m: Map<string | number, number>, n: number): [string | number, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n);
}

test('1,000,000 synthetic flows: where, count by, top give the independently computed results', () => {
  const sink = new SessionSink();
  const grid = new TimeWindowGrid(3600);
  const batch: ConnRecord[] = [];
  const https10 = new Map<string, number>();
  const byPort = new Map<number, number>();
  let tcpBig = 0;
  const biggest: { row: number; bytes: number; uid: string }[] = [];
  let row = 0;
  for (const c of syntheticConns(N)) {
    grid.observe(c.ts);
    batch.push(c);
    if (batch.length === 10_000) {
      sink.records(batch);
      batch.length = 0;
    }
    if (c.dport === 443 && c.daddr.startsWith('10.')) https10.set(c.daddr, (https10.get(c.daddr) ?? 0) + 1);
    byPort.set(c.dport, (byPort.get(c.dport) ?? 0) + 1);
    if (c.proto === 'tcp' && c.sbytes > 1000) tcpBig++;
    biggest.push({ row, bytes: c.sbytes + c.dbytes, uid: c.uid });
    biggest.sort((a, b) => b.bytes - a.bytes || a.row - b.row);
    if (biggest.length > 10) biggest.pop();
    row++;
  }
  sink.records(batch);
  assert.equal(sink.conn.length, N);
  const frame = connFrame({ sink, grid });

  assert.deepEqual(
    rows(frame, 'flows | where dport == 443 and daddr in 10.0.0.0/8 | count by daddr | top 10'),
    ranked(https10, 10),
  );
  const count = run(frame, 'flows | where proto == tcp and sbytes > 1000 | count');
  assert.deepEqual(count, { kind: 'count', title: 'flows', value: tcpBig });
  assert.deepEqual(rows(frame, 'flows | count by dport | top 10'), ranked(byPort, 10));
  assert.deepEqual(
    rows(frame, 'flows | top 10 by bytes | select uid, bytes'),
    biggest.map((b) => [b.uid, b.bytes]),
  );
  assert.deepEqual(
    rows(frame, 'flows | sort bytes desc | limit 10 | select uid'),
    biggest.map((b) => [b.uid]),
  );
  const all = run(frame, 'flows | where dport > 0 | sort ts desc');
  assert.ok(all.kind === 'rows');
  const table = tablePayload(all.view);
  assert.equal(table.total, N);
  assert.equal(table.rows.length, 200);
});
