// The evaluator over sessions loaded from the real samples. Expected values are computed here from the
// records the engine's own reader yields (not through the query code), or taken from the run's summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Accounting } from '../../engine/inputs/accounting';
import { openReader } from '../../engine/inputs/openReader';
import type { ConnRecord, FlowRecord } from '../../engine/flow';
import { runCell } from '../../kernel/evaluator';
import { Session } from '../../kernel/session/session';
import type { Payload, TablePayload } from '../../kernel/protocol';

const ROOT = resolve(__dirname, '../..');
const TEST4 = 'samples/test4-malicious.binetflow';
const TEST9 = 'samples/test9-mixed-zeek-dir';

async function records(path: string): Promise<FlowRecord[]> {
  const reader = await openReader(resolve(ROOT, path), { accounting: new Accounting() });
  const out: FlowRecord[] = [];
  for await (const b of reader.batches()) out.push(...b);
  return out;
}

async function loaded(cell: string): Promise<Session> {
  const s = new Session(ROOT);
  const [p] = await runCell(s, cell);
  assert.equal(p?.kind, 'load', JSON.stringify(p));
  return s;
}

async function one(s: Session, cell: string): Promise<Payload> {
  const out = await runCell(s, cell);
  assert.equal(out.length, 1, cell);
  return out[0]!;
}

async function table(s: Session, cell: string): Promise<TablePayload> {
  const p = await one(s, cell);
  assert.equal(p.kind, 'table', `${cell}: ${JSON.stringify(p)}`);
  return p as TablePayload;
}

async function scalar(s: Session, cell: string): Promise<number> {
  const p = await one(s, cell);
  assert.equal(p.kind, 'scalar', `${cell}: ${JSON.stringify(p)}`);
  return (p as Extract<Payload, { kind: 'scalar' }>).value;
}

function countBy<T>(items: readonly T[], key: (t: T) => string | number): [string | number, number][] {
  const m = new Map<string | number, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

test('load reports what the engine read and found', async () => {
  const s = new Session(ROOT);
  const [p] = await runCell(s, `load ${TEST4}`);
  assert.ok(p?.kind === 'load');
  assert.equal(p.format, 'binetflow');
  assert.equal(p.recordsParsed, 392);
  assert.equal(p.recordsSkipped, 2);
  assert.equal(p.profiles, 3);
  assert.equal(p.alerts, 2);
  assert.equal(p.evidence, s.loaded!.summary.evidence);
  assert.equal(p.width, 3600);
  assert.equal(p.direction, 'out');
});

test('queries over flows of test4 agree with the records read directly', async () => {
  const s = await loaded(`load ${TEST4}`);
  const conns = (await records(TEST4)).filter((r): r is ConnRecord => r.kind === 'conn');
  const cases: [string, (c: ConnRecord) => boolean][] = [
    ['dport == 81', (c) => c.dport === 81],
    ['dport == 81 and proto == tcp', (c) => c.dport === 81 && c.proto === 'tcp'],
    ['daddr in 192.168.0.0/16', (c) => c.daddr.startsWith('192.168.')],
    ['not daddr in 192.168.0.0/16 and dport != 81', (c) => !c.daddr.startsWith('192.168.') && c.dport !== 81],
    ['dport in [22, 53, 23]', (c) => [22, 53, 23].includes(c.dport)],
    [
      'daddr not in [192.168.2.1, 10.0.0.0/8]',
      (c) => c.daddr !== '192.168.2.1' && !c.daddr.startsWith('10.'),
    ],
    ['dur > 1m', (c) => c.dur > 60],
    ['sbytes >= 100 or dbytes < 10', (c) => c.sbytes >= 100 || c.dbytes < 10],
    ['state matches /^(REQ|in)/i', (c) => /^(REQ|in)/i.test(c.state)],
    ['state contains Q', (c) => c.state.toLowerCase().includes('q')],
    [
      'proto == udp and (dport == 53 or dport == 123)',
      (c) => c.proto === 'udp' && (c.dport === 53 || c.dport === 123),
    ],
    ['ts >= "2018-09-27T23:00:00Z"', (c) => c.ts >= Date.parse('2018-09-27T23:00:00Z') / 1000],
    ['tw == 2', (c) => c.ts >= conns[0]!.ts + 3600],
  ];
  for (const [where, want] of cases) {
    const expected = conns.filter(want).length;
    assert.ok(expected > 0 && expected < conns.length, `${where} should select some rows, not all`);
    assert.equal(await scalar(s, `flows | where ${where} | count`), expected, where);
  }
  assert.equal(await scalar(s, 'flows | count'), conns.length);

  const byDaddr = countBy(conns, (c) => c.daddr).slice(0, 5);
  const t = await table(s, 'flows | count by daddr | top 5');
  assert.deepEqual(
    t.columns.map((c) => c.name),
    ['daddr', 'count'],
  );
  assert.deepEqual(t.rows, byDaddr);

  const byPortProto = countBy(conns, (c) => `${c.dport}/${c.proto}`).slice(0, 3);
  const t2 = await table(s, 'flows | count by dport, proto | top 3');
  assert.deepEqual(
    t2.rows.map((r) => `${r[0]}/${r[1]}`),
    byPortProto.map((r) => r[0]),
  );

  const biggest = [...conns].sort((a, b) => b.sbytes + b.dbytes - (a.sbytes + a.dbytes)).slice(0, 4);
  const t3 = await table(s, 'flows | top 4 by bytes | select uid, bytes');
  assert.deepEqual(
    t3.rows,
    biggest.map((c) => [c.uid, c.sbytes + c.dbytes]),
  );

  const t4 = await table(s, 'flows | sort dport, ts desc | limit 3 | select dport, ts');
  const sorted = [...conns].sort((a, b) => a.dport - b.dport || b.ts - a.ts).slice(0, 3);
  assert.deepEqual(
    t4.rows,
    sorted.map((c) => [c.dport, c.ts]),
  );
  assert.equal(t4.total, 3);
});

test('results are capped at 200 rows with the total given', async () => {
  const s = await loaded(`load ${TEST4}`);
  const t = await table(s, 'flows');
  assert.equal(t.total, 392);
  assert.equal(t.rows.length, 200);
  const sorted = await table(s, 'flows | sort ts desc');
  assert.equal(sorted.total, 392);
  assert.equal(sorted.rows.length, 200);
});

test('evidence, alerts, profiles and timewindows of test4 match the run', async () => {
  const s = await loaded(`load ${TEST4}`);
  const summary = s.loaded!.summary;
  const byType = await table(s, 'evidence | count by type');
  assert.deepEqual(Object.fromEntries(byType.rows.map((r) => [r[0], r[1]])), summary.evidence_by_type);
  assert.equal(await scalar(s, 'alerts | count'), summary.alerts);
  assert.equal(await scalar(s, 'profiles | count'), summary.profiles);
  assert.equal(await scalar(s, 'timewindows | count'), summary.timewindows);
  const scanner = await table(s, 'profiles | where alerts > 0 | select ip, alerts');
  assert.deepEqual(scanner.rows, [['192.168.2.12', 2]]);
  const scans = await table(
    s,
    'evidence | where type == HORIZONTAL_PORT_SCAN and dport == 81 | select profile, threatLevel',
  );
  assert.ok(scans.total > 0);
  for (const r of scans.rows) assert.deepEqual(r, ['192.168.2.12', 'high']);
});

test('profile, letters and explain of the scanning host in test4', async () => {
  const s = await loaded(`load ${TEST4}`);
  const p = await one(s, 'profile 192.168.2.12');
  assert.ok(p.kind === 'profile');
  assert.deepEqual(
    p.windows.map((w) => [w.tw, w.flows]),
    [
      [1, 194],
      [2, 194],
    ],
  );
  assert.equal(p.alerts.length, 2);
  assert.equal(p.evidenceByType.HORIZONTAL_PORT_SCAN, 4);

  const l = await one(s, 'letters 192.168.2.12 tw 1');
  assert.ok(l.kind === 'letters');
  const dns = l.rows.find((r) => r.tuple === '192.168.2.1-53-udp');
  assert.equal(dns?.flows, 12);
  assert.equal(dns?.letters.replace(/[^A-Za-z0-9]/g, '').length, 12, 'one letter per flow');
  assert.ok(l.rows.every((r) => r.tw === 1 && r.direction === 'out'));

  const scan = s.loaded!.sink.evidenceList.find((e) => e.evidenceType === 'HORIZONTAL_PORT_SCAN')!;
  const x = await one(s, `explain ${scan.id.slice(0, 8)}`);
  assert.ok(x.kind === 'explain');
  assert.equal(x.evidence.id, scan.id);
  assert.equal(x.facts.dstIps, scan.facts.dstIps);
  assert.equal(x.flows.total, scan.uids.length);
  assert.deepEqual(new Set(x.flows.rows.map((r) => r[2])), new Set(scan.uids));
  for (const r of x.flows.rows) assert.deepEqual([r[0], r[3], r[6]], ['conn', '192.168.2.12', 81]);
});

test('queries over application records of test9', async () => {
  const s = await loaded(`load ${TEST9} direction=all`);
  const all = await records(TEST9);
  const http = all.filter((r) => r.kind === 'http');
  const dns = all.filter((r) => r.kind === 'dns');
  assert.equal(await scalar(s, 'http | count'), http.length);
  assert.equal(
    await scalar(s, 'http | where userAgent contains mozilla and statusCode == 200 | count'),
    http.filter((h) => h.userAgent.toLowerCase().includes('mozilla') && h.statusCode === 200).length,
  );
  const hosts = await table(s, 'http | count by host | top 3');
  assert.deepEqual(hosts.rows, countBy(http, (h) => h.host).slice(0, 3));
  assert.equal(
    await scalar(s, 'dns | where answers in 0.0.0.0/0 | count'),
    dns.filter((d) => d.answers.some((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a))).length,
  );
  assert.equal(
    await scalar(s, 'dns | where query matches /\\.cz$/ | count'),
    dns.filter((d) => d.query.endsWith('.cz')).length,
  );
  assert.equal(await scalar(s, 'ssl | count'), all.filter((r) => r.kind === 'ssl').length);
  assert.equal(await scalar(s, 'files | count'), all.filter((r) => r.kind === 'files').length);
});

test('errors stop the cell at their place and keep the results before them', async () => {
  const s = new Session(ROOT);
  const cases: [string, string, number | null, number | null][] = [
    ['flows | count', 'nothing is loaded yet: run `load PATH` first', 1, 1],
    ['load samples/no-such-file', 'no-such-file', 1, 6],
    ['load samples/test4-malicious.binetflow width=-5', 'width is a positive number', 1, 46],
    ['load samples/test4-malicious.binetflow direction=in', 'direction is out', 1, 50],
    [
      'load samples/test4-malicious.binetflow disable=flow_alert',
      "'flow_alert' is neither a detection module",
      1,
      48,
    ],
    ['load samples/test4-malicious.binetflow config=nope.yaml', 'cannot read the configuration file', 1, 47],
  ];
  for (const [cell, message, line, col] of cases) {
    const [p] = await runCell(s, cell);
    assert.ok(p?.kind === 'error', `${cell}: ${JSON.stringify(p)}`);
    assert.ok(p.message.includes(message), `${cell}: ${p.message}`);
    assert.deepEqual([p.line, p.col], [line, col], cell);
  }
  const out = await runCell(s, `load ${TEST4}\nflows | count\nflows | where dprot == 1\nflows | count`);
  assert.deepEqual(
    out.map((p) => p.kind),
    ['load', 'scalar', 'error'],
  );
  const err = out[2]!;
  assert.ok(err.kind === 'error');
  assert.match(err.message, /flows has no field 'dprot'\. Did you mean 'dport'\?/);
  assert.deepEqual([err.line, err.col], [3, 15]);

  const typed: [string, string][] = [
    ['flows | where dport == abc', 'dport needs a number here, not "abc"'],
    ['flows | where proto > 5m and dport contains 4', 'contains works on text fields; dport is a number'],
    ['flows | where uid matches /(/', 'this pattern is not a valid regular expression'],
    ['flows | count | limit 1', 'count without by gives one number'],
    ['flows | top 3', 'top needs a field to rank by here'],
    ['profile 10.9.9.9', 'there is no profile for 10.9.9.9'],
    ['explain nope', 'no evidence has the id nope'],
  ];
  for (const [cell, message] of typed) {
    const [p] = await runCell(s, cell);
    assert.ok(p?.kind === 'error' && p.message.startsWith(message), `${cell}: ${JSON.stringify(p)}`);
  }
});

test('disable switches a detection off for the next load', async () => {
  const s = await loaded(`load ${TEST4} disable=network_discovery,UNKNOWN_PORT`);
  assert.equal(
    await scalar(s, 'evidence | where type == HORIZONTAL_PORT_SCAN or type == UNKNOWN_PORT | count'),
    0,
  );
  assert.ok((await scalar(s, 'evidence | count')) > 0);
  const narrow = await loaded(`load ${TEST4} width=10m`);
  assert.equal(narrow.loaded!.summary.time_window_width, 600);
  assert.ok(
    (await scalar(narrow, 'flows | where tw == 7 | count')) > 0,
    'an hour after the first flow is window 7 of 10 minutes',
  );
  assert.equal(await scalar(narrow, 'flows | where tw > 7 | count'), 0);
});
