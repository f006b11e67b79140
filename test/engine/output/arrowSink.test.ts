import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchFileReader, tableFromIPC } from 'apache-arrow';
import type { FlowRecord } from '../../../engine/flow';
import { ArrowSink } from '../../../engine/output/arrow/arrowSink';
import { encodeUtf8 } from '../../../engine/output/arrow/utf8';
import { conn, dns, http, T0 } from './fixtures';

function tmp(): string {
  return join(mkdtempSync(join(tmpdir(), 'arrow-')), 'flows.arrow');
}

async function write(records: FlowRecord[], batchRows: number, chunk = 3): Promise<string> {
  const path = tmp();
  const sink = new ArrowSink(path, batchRows);
  for (let i = 0; i < records.length; i += chunk) sink.records(records.slice(i, i + chunk));
  await sink.close();
  return path;
}

test('flows.arrow round trip: every record, conn and non-conn columns, nulls, labels', async () => {
  const records: FlowRecord[] = [
    conn({ uid: 'c1', label: 'Malicious', detailedLabel: 'CC' }),
    dns({ query: 'café.example' }),
    conn({ uid: 'c2', ts: T0 + 6, proto: 'udp', dport: 53, origin: { file: 'conn.log', line: 10 } }),
    http(),
    // A protocol outside the seeded dictionary arrives in a later batch: written as a delta.
    conn({ uid: 'c3', ts: T0 + 7, proto: 'weird-proto', sbytes: 2 ** 40 }),
  ];
  const path = await write(records, 2);
  const buf = readFileSync(path);
  const table = tableFromIPC(buf);
  assert.equal(table.numRows, 5);
  assert.equal([...RecordBatchFileReader.from(buf)].length, 3);
  const rows = table.toArray().map((r) => r.toJSON());
  assert.deepEqual(
    rows.map((r) => [r.kind, r.uid, r.proto]),
    [
      ['conn', 'c1', 'tcp'],
      ['dns', 'CDns1', 'udp'],
      ['conn', 'c2', 'udp'],
      ['http', 'CHttp1', 'tcp'],
      ['conn', 'c3', 'weird-proto'],
    ],
  );
  const c1 = rows[0]!;
  assert.equal(c1.ts, T0 + 5.123456);
  assert.equal(c1.saddr, '10.0.0.5');
  assert.equal(c1.sport, 50000);
  assert.equal(c1.dport, 443);
  assert.equal(c1.source, 'zeek');
  assert.equal(c1.sbytes, 517);
  assert.equal(c1.dpkts, 12);
  assert.equal(c1.state, 'SF');
  assert.equal(c1.history, 'ShADadFf');
  assert.equal(c1.label, 'Malicious');
  assert.equal(c1.detailed_label, 'CC');
  assert.equal(c1.origin_file, 'conn.log');
  assert.equal(c1.origin_line, 9);
  assert.equal(c1.details, null);
  const d = rows[1]!;
  assert.equal(d.dur, null);
  assert.equal(d.state, null);
  assert.equal(d.source, null);
  assert.equal(d.label, null);
  assert.deepEqual(JSON.parse(d.details as string), {
    query: 'café.example',
    qclassName: 'C_INTERNET',
    qtypeName: 'A',
    rcodeName: 'NOERROR',
    answers: ['93.184.216.34'],
    ttls: [300],
  });
  assert.equal(rows[4]!.sbytes, 2 ** 40);
  assert.equal(typeof rows[4]!.sbytes, 'number');
});

test('flows.arrow column types', async () => {
  const table = tableFromIPC(readFileSync(await write([conn()], 10)));
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  assert.equal(types.kind, 'Dictionary<Int32, Utf8>');
  assert.equal(types.proto, 'Dictionary<Int32, Utf8>');
  assert.equal(types.ts, 'Float64');
  assert.equal(types.sport, 'Int32');
  assert.equal(types.sbytes, 'Float64');
  assert.equal(types.origin_line, 'Uint32');
  assert.equal(types.details, 'Utf8');
});

test('an empty input gives a valid file with the schema and no rows', async () => {
  const table = tableFromIPC(readFileSync(await write([], 10)));
  assert.equal(table.numRows, 0);
  assert.equal(table.schema.fields.length, 25);
});

test('many batches: row count and values survive', async () => {
  const records = Array.from({ length: 1000 }, (_, i) =>
    conn({ uid: `u${i}`, ts: T0 + i, dport: i, proto: i % 2 ? 'tcp' : 'udp' }),
  );
  const table = tableFromIPC(readFileSync(await write(records, 64, 100)));
  assert.equal(table.numRows, 1000);
  const dport = table.getChild('dport')!.toArray() as Int32Array;
  assert.equal(dport[999], 999);
  assert.equal(table.getChild('uid')!.get(512), 'u512');
  assert.equal(table.getChild('proto')!.get(511), 'tcp');
});

test('utf8 encoding: ASCII, non-ASCII, constant and empty columns', () => {
  const dec = (v: string[]) => {
    const { valueOffsets, data } = encodeUtf8(v);
    return v.map((_, i) => Buffer.from(data.subarray(valueOffsets[i], valueOffsets[i + 1])).toString('utf8'));
  };
  for (const v of [['a', 'bc', ''], ['é', 'x', '日本'], ['same', 'same', 'same'], ['', ''], []])
    assert.deepEqual(dec(v), v);
});
