// detect: a detection family run again over the kept records. With its default parameters it must
// find exactly the evidence the load found (same deterministic ids), which shows the replay feeds the
// real profiler and detectors the same input; other thresholds change what is found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import { createDetectors } from '../../../engine/detectors/registry';
import { loadConfig } from '../../../engine/config/config';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { retainedRecords } from '../../../kernel/session/replay';
import { DETECTION_MODULES } from '../../../kernel/lang/vocabulary';
import type { Payload, TablePayload } from '../../../kernel/protocol';

const ROOT = resolve(__dirname, '../../..');
const TEST4 = 'samples/test4-malicious.binetflow';
const TEST9 = 'samples/test9-mixed-zeek-dir';

async function session(path: string): Promise<Session> {
  const s = new Session(ROOT);
  const [p] = await runCell(s, `load ${path}`);
  assert.equal(p?.kind, 'load');
  return s;
}

async function table(s: Session, cell: string): Promise<TablePayload> {
  const [p] = await runCell(s, cell);
  assert.equal(p?.kind, 'table', `${cell}: ${JSON.stringify(p)}`);
  return p as TablePayload;
}

const ids = (t: TablePayload) => t.rows.map((r) => r[t.columns.findIndex((c) => c.name === 'id')]).sort();

test('the replay gives back every kept record in input order', async () => {
  const s = await session(TEST9);
  const reader = await openReader(resolve(ROOT, TEST9), { accounting: new Accounting() });
  const read: string[] = [];
  for await (const b of reader.batches()) for (const r of b) read.push(`${r.kind} ${r.uid} ${r.ts}`);
  const replayed = [...retainedRecords(s.loaded!.sink)].map((r) => `${r.kind} ${r.uid} ${r.ts}`);
  assert.deepEqual(replayed, read);
});

test('detect with default parameters finds what the load found', async () => {
  const s = await session(TEST4);
  const scans = s.loaded!.sink.evidenceList.filter((e) => e.evidenceType.endsWith('PORT_SCAN'));
  assert.ok(scans.length > 0);
  const t = await table(s, 'detect portscan');
  assert.deepEqual(ids(t), scans.map((e) => e.id).sort());
  assert.match(
    t.title,
    new RegExp(`: ${scans.length} evidence \\(the load found ${scans.length} of this kind\\)`),
  );
  const flowAlerts = s.loaded!.sink.evidenceList.filter((e) => e.module === 'flow_alerts');
  assert.deepEqual(ids(await table(s, 'detect flow_alerts')), flowAlerts.map((e) => e.id).sort());
});

test('a threshold changes when a scan is reported; on IP keeps its profile', async () => {
  const s = await session(TEST4);
  const higher = await table(s, 'detect horizontal threshold=12');
  const facts = s.loaded!.sink.evidenceList.filter((e) => e.evidenceType === 'HORIZONTAL_PORT_SCAN');
  assert.ok(
    facts.every((e) => e.facts.dstIps === 10),
    'the load reports at 10 hosts',
  );
  assert.equal(higher.total, facts.length, 'still one per window and port, later');
  const description = higher.columns.findIndex((c) => c.name === 'description');
  for (const r of higher.rows) assert.match(String(r[description]), /to 13 unique destination IPs/);
  assert.equal((await table(s, 'detect portscan threshold=1000')).total, 0);
  assert.equal((await table(s, 'detect vertical on 192.168.2.12')).total, 0);
  const on = await table(s, 'detect portscan on 192.168.2.12');
  assert.equal(on.total, facts.length);
});

test('detect names its mistakes', async () => {
  const s = await session(TEST4);
  const cases: [string, RegExp][] = [
    ['detect portscn', /unknown detection 'portscn'. Did you mean 'portscan'\?/],
    ['detect flow_alerts threshold=3', /only portscan, horizontal, vertical take threshold/],
    ['detect portscan threshold=-1', /threshold is a whole number/],
    ['detect portscan on 10.9.9.9', /there is no profile for 10.9.9.9/],
  ];
  for (const [cell, re] of cases) {
    const [p] = await runCell(s, cell);
    assert.equal(p?.kind, 'error', cell);
    assert.match((p as Extract<Payload, { kind: 'error' }>).message, re);
  }
});

test("the module names detect offers are the registry's", () => {
  const names = new Set(createDetectors(loadConfig(undefined)).map((d) => d.name));
  assert.deepEqual([...names].sort(), [...DETECTION_MODULES].sort());
});
