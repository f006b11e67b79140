// Charts over the test4 sample: the points are checked against the records read directly, and the SVG
// for determinism (same bytes twice, in another time zone too) and for inert traffic strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import type { ConnRecord } from '../../../engine/flow';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { bundle } from '../../../kernel/output/bundle';
import { MIME, type ChartPayload, type Payload } from '../../../kernel/protocol';
import { chartPayload } from '../../../kernel/views/chartView';

const ROOT = resolve(__dirname, '../../..');
const TEST4 = 'samples/test4-malicious.binetflow';

async function conns(): Promise<ConnRecord[]> {
  const reader = await openReader(resolve(ROOT, TEST4), { accounting: new Accounting() });
  const out: ConnRecord[] = [];
  for await (const b of reader.batches()) for (const r of b) if (r.kind === 'conn') out.push(r);
  return out;
}

let session: Session | undefined;
async function loaded(): Promise<Session> {
  if (session) return session;
  session = new Session(ROOT);
  const [p] = await runCell(session, `load ${TEST4}`);
  assert.equal(p?.kind, 'load');
  return session;
}

async function chart(cell: string): Promise<ChartPayload> {
  const out = await runCell(await loaded(), cell);
  assert.equal(out.length, 1);
  assert.equal(out[0]!.kind, 'chart', `${cell}: ${JSON.stringify(out[0]).slice(0, 300)}`);
  return out[0] as ChartPayload;
}

function ranked(m: Map<string | number, number>): [string | number, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

test('chart flows over time: one point per minute, every flow counted once', async () => {
  const cs = await conns();
  const p = await chart('chart flows over time by 1m');
  const perMinute = new Map<number, number>();
  for (const c of cs)
    perMinute.set(Math.floor(c.ts / 60) * 60, (perMinute.get(Math.floor(c.ts / 60) * 60) ?? 0) + 1);
  const first = Math.min(...perMinute.keys());
  const last = Math.max(...perMinute.keys());
  assert.equal(p.data.rows.length, (last - first) / 60 + 1);
  for (const [t, n] of p.data.rows) assert.equal(n, perMinute.get(t as number) ?? 0, `minute ${t}`);
  assert.equal(p.title, 'flows per 1m');
  const values = (p.spec.data as { values: { time: number }[] }).values;
  assert.equal(values[0]!.time, first * 1000, 'vega gets milliseconds');
});

test('chart flows over time for an IP keeps the flows from or to it', async () => {
  const cs = await conns();
  const ip = '192.168.2.12';
  const p = await chart(`chart flows over time by 1h for ${ip}`);
  const total = p.data.rows.reduce((s, r) => s + (r[1] as number), 0);
  assert.equal(total, cs.filter((c) => c.saddr === ip || c.daddr === ip).length);
});

test('chart bytes by dport and destinations of an IP rank as the records say', async () => {
  const cs = await conns();
  const bytes = new Map<string | number, number>();
  for (const c of cs) bytes.set(c.dport, (bytes.get(c.dport) ?? 0) + c.sbytes + c.dbytes);
  const p = await chart('chart bytes by dport top 5');
  assert.deepEqual(p.data.rows, ranked(bytes).slice(0, 5));
  assert.equal(p.data.total, bytes.size);

  const ip = '192.168.2.12';
  const flows = new Map<string | number, number>();
  for (const c of cs) if (c.saddr === ip) flows.set(c.daddr, (flows.get(c.daddr) ?? 0) + 1);
  const d = await chart(`chart destinations of ${ip} top 3`);
  assert.deepEqual(
    d.data.rows.map((r) => [r[0], r[1]]),
    ranked(flows).slice(0, 3),
  );
});

test('chart evidence over windows counts the evidence per window and threat level', async () => {
  const s = await loaded();
  const p = await chart('chart evidence over windows');
  const want = new Map<string, number>();
  for (const e of s.loaded!.sink.evidenceList) {
    const k = `${e.timewindow.number}/${e.threatLevel}`;
    want.set(k, (want.get(k) ?? 0) + 1);
  }
  assert.deepEqual(new Map(p.data.rows.map((r) => [`${r[0]}/${r[1]}`, r[2]])), want);
  assert.equal(
    p.data.rows.reduce((a, r) => a + (r[2] as number), 0),
    s.loaded!.sink.evidenceList.length,
  );
});

test('query | chart: the rows of the query as bars, y must be a number', async () => {
  const p = await chart('flows | count by proto | chart bar x=proto y=count');
  const cs = await conns();
  const m = new Map<string | number, number>();
  for (const c of cs) m.set(c.proto, (m.get(c.proto) ?? 0) + 1);
  assert.deepEqual(p.data.rows, ranked(m));
  const [err] = await runCell(await loaded(), 'flows | chart bar x=dport y=proto');
  assert.equal(err?.kind, 'error');
  assert.match((err as Extract<Payload, { kind: 'error' }>).message, /y is drawn as a height/);
  const [unknown] = await runCell(await loaded(), 'flows | chart line x=ts y=byts');
  assert.match((unknown as Extract<Payload, { kind: 'error' }>).message, /Did you mean 'bytes'/);
});

test('a chart output carries the vega-lite spec, the SVG and a markdown table', async () => {
  const p = await chart('chart bytes by proto');
  const b = bundle(p);
  assert.equal(b[MIME.chart], p.spec);
  assert.equal(b[MIME.svg], p.svg);
  assert.match(b[MIME.markdown], /^\*\*Chart: bytes by proto\*\*/);
  assert.equal(p.spec.$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
  assert.match(p.svg, /^<svg /);
});

test('SVG is deterministic and traffic strings in labels stay escaped text', async () => {
  const hostile = '<script>alert(1)</script>';
  const img = '"><img src=x onerror=alert(2)>';
  const data = {
    title: `hosts ${hostile}`,
    mark: 'bar' as const,
    columns: [
      { name: 'host', type: 'string' as const },
      { name: 'count', type: 'number' as const },
    ],
    rows: [
      [hostile, 3],
      [img, 2],
    ],
    total: 2,
    x: 'host',
    y: 'count',
  };
  const a = await chartPayload(data);
  const b = await chartPayload(data);
  assert.equal(a.svg, b.svg);
  assert.doesNotMatch(a.svg, /<script/i);
  assert.doesNotMatch(a.svg, /<img/i);
  assert.match(a.svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('the same time chart renders to the same bytes in another time zone', async () => {
  const p = await chart('chart flows over time by 5m');
  const script = `
    const { renderSvg } = require(${JSON.stringify(resolve(ROOT, 'kernel/output/chartSvg.ts'))});
    renderSvg(JSON.parse(process.argv[1])).then((s) => process.stdout.write(s));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, JSON.stringify(p.spec)], {
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, p.svg);
});
