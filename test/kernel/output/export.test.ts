// export csv|arrow|parquet: CSV quoting as a table of cases, and each format read back (CSV by its
// lines, Arrow by apache-arrow, Parquet by parquet-wasm) against the records read directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import type { ConnRecord } from '../../../engine/flow';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { quoteCsv, toCsv } from '../../../kernel/output/export/csv';
import type { ExportPayload, Payload } from '../../../kernel/protocol';

const ROOT = resolve(__dirname, '../../..');
const TEST4 = 'samples/test4-malicious.binetflow';
const OUT = mkdtempSync(join(tmpdir(), 'slips-export-'));

test('CSV fields are quoted only when they must be, formulas are defused', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' edge', '" edge"'],
    ['', ''],
  ];
  for (const [v, want] of cases) assert.equal(quoteCsv(v), want, v);
  const csv = toCsv({
    rows: 3,
    columns: [
      { name: 'host', type: 'string', values: ['=HYPERLINK("x")', '@cmd', null] },
      { name: 'n', type: 'number', values: Float64Array.from([1.5, -2, 3]) },
      { name: 'answers', type: 'list', values: [['1.2.3.4', '5.6.7.8'], [], null] },
      { name: 'ok', type: 'bool', values: [true, false, null] },
    ],
  });
  assert.equal(
    csv,
    'host,n,answers,ok\r\n' +
      `"'=HYPERLINK(""x"")",1.5,"[""1.2.3.4"",""5.6.7.8""]",true\r\n` +
      `'@cmd,-2,[],false\r\n` +
      ',3,,\r\n',
  );
});

async function setup(): Promise<{ s: Session; cs: ConnRecord[] }> {
  const s = new Session(ROOT);
  await runCell(s, `load ${TEST4}`);
  const reader = await openReader(resolve(ROOT, TEST4), { accounting: new Accounting() });
  const cs: ConnRecord[] = [];
  for await (const b of reader.batches()) for (const r of b) if (r.kind === 'conn') cs.push(r);
  return { s, cs };
}

async function exported(s: Session, cell: string): Promise<ExportPayload> {
  const [p] = await runCell(s, cell);
  assert.equal(p?.kind, 'export', JSON.stringify(p));
  return p as ExportPayload;
}

test('export writes every row of the query in each format', async () => {
  const { s, cs } = await setup();
  const want = cs.filter((c) => c.dport === 81);

  const csv = await exported(
    s,
    `flows | where dport == 81 | select uid, ts, daddr, dport | export csv ${OUT}/a.csv`,
  );
  const lines = readFileSync(csv.path, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'uid,ts,daddr,dport');
  assert.deepEqual(
    lines.slice(1),
    want.map((c) => `${c.uid},${c.ts},${c.daddr},${c.dport}`),
  );
  assert.equal(csv.rows, want.length);
  assert.equal(csv.bytes, readFileSync(csv.path).length);

  const arrow = await exported(s, `flows | where dport == 81 | export arrow ${join(OUT, 'a.arrow')}`);
  const t = tableFromIPC(readFileSync(arrow.path));
  assert.equal(t.numRows, want.length);
  assert.ok(
    arrow.columns.includes('history') && arrow.columns.includes('bytes'),
    'all fields without select',
  );
  assert.deepEqual(
    t.getChild('uid')!.toArray(),
    want.map((c) => c.uid),
  );
  assert.deepEqual(
    [...t.getChild('dport')!.toArray()],
    want.map((c) => c.dport),
  );
  assert.deepEqual(
    [...t.getChild('bytes')!.toArray()],
    want.map((c) => c.sbytes + c.dbytes),
  );

  const pq = await import('parquet-wasm');
  const parquet = await exported(s, `flows | export parquet ${join(OUT, 'all.parquet')}`);
  const back = tableFromIPC(pq.readParquet(readFileSync(parquet.path)).intoIPCStream());
  assert.equal(back.numRows, cs.length);
  assert.deepEqual(
    back.getChild('saddr')!.toArray(),
    cs.map((c) => c.saddr),
  );
  assert.deepEqual(
    [...back.getChild('ts')!.toArray()],
    cs.map((c) => c.ts),
  );
});

test('export into a missing folder or after a bare count is a clear error', async () => {
  const { s } = await setup();
  const [a] = await runCell(s, `flows | export csv ${OUT}/nope/x.csv`);
  assert.equal(a?.kind, 'error');
  assert.match((a as Extract<Payload, { kind: 'error' }>).message, /does not exist/);
  assert.equal((a as Extract<Payload, { kind: 'error' }>).col, 20);
  const [b] = await runCell(s, `flows | count | export csv ${OUT}/x.csv`);
  assert.match((b as Extract<Payload, { kind: 'error' }>).message, /nothing to export/);
});
