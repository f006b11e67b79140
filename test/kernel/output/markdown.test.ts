// Traffic can come from an attacker: every string it carries must reach markdown as inert text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, inert, markdown, table } from '../../../kernel/output/markdown';
import { bundle } from '../../../kernel/output/bundle';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { MIME, MAX_STRING, type Payload } from '../../../kernel/protocol';

const ESCAPES: [string, string][] = [
  ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
  ['a|b', 'a\\|b'],
  ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
  ['![x](http://e/x.png)', '\\!\\[x\\]\\(http://e/x.png\\)'],
  ['**bold** _it_ `code` ~~del~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~del\\~\\~'],
  ['a & b "q"', 'a &amp; b &quot;q&quot;'],
  ['line1\nline2\r\n', 'line1 line2  '],
  ['# heading', '\\# heading'],
  ['$x$', '\\$x\\$'],
  ['back\\slash', 'back\\\\slash'],
  ['bell\u0007', 'bell\\\\x07'],
  ['plain.example.com', 'plain.example.com'],
];

test('inert: every markdown and HTML character is escaped', () => {
  for (const [raw, want] of ESCAPES) assert.equal(inert(raw), want, JSON.stringify(raw));
});

test('cells format by type and stay escaped', () => {
  assert.equal(cell(1538088052.362768, 'time'), '2018-09-27T22:40:52.362768+00:00');
  assert.equal(cell(0.1 + 0.2, 'number'), '0.3');
  assert.equal(cell(['<a>', 'b|c'], 'list'), '&lt;a&gt;, b\\|c');
  assert.equal(cell(null, 'string'), '');
  const t = table([{ name: 'x|y', type: 'string' }], [['a\nb|c']]);
  assert.deepEqual(t.split('\n'), ['| x\\|y |', '| --- |', '| a b\\|c |']);
});

const UA = '<script>alert(1)</script>';
const HOST = 'evil.example|<img src=x onerror=alert(2)>';
const URI = '/p?q=[x](javascript:alert(3))&a=`b`';
const QUERY = 'x.example<iframe src=//e>\nnext';

/** A Zeek JSON log folder whose strings carry HTML, markdown and line breaks. */
function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slips-hostile-'));
  const conn = (ts: number, uid: string, dport: number, service: string) =>
    JSON.stringify({
      ts,
      uid,
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40000 + dport,
      'id.resp_h': '93.184.216.34',
      'id.resp_p': dport,
      proto: dport === 53 ? 'udp' : 'tcp',
      service,
      duration: 0.5,
      orig_bytes: 100,
      resp_bytes: 900,
      conn_state: 'SF',
      history: 'ShADadfF',
      orig_pkts: 5,
      resp_pkts: 5,
    });
  writeFileSync(
    join(dir, 'conn.log'),
    [conn(100, 'CHttp1', 80, 'http'), conn(101, 'CDns1', 53, 'dns')].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'http.log'),
    JSON.stringify({
      ts: 100.1,
      uid: 'CHttp1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40080,
      'id.resp_h': '93.184.216.34',
      'id.resp_p': 80,
      method: 'GET',
      host: HOST,
      uri: URI,
      version: '1.1',
      user_agent: UA,
      request_body_len: 0,
      response_body_len: 10,
      status_code: 200,
      status_msg: 'OK',
    }) + '\n',
  );
  writeFileSync(
    join(dir, 'dns.log'),
    JSON.stringify({
      ts: 101.1,
      uid: 'CDns1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 40053,
      'id.resp_h': '93.184.216.34',
      'id.resp_p': 53,
      proto: 'udp',
      query: QUERY,
      qclass_name: 'C_INTERNET',
      qtype_name: 'A',
      rcode_name: 'NOERROR',
      answers: ['93.184.216.34'],
      TTLs: [60],
    }) + '\n',
  );
  return dir;
}

/** No raw HTML or line break from the traffic survives, and every table row keeps its column count. */
function assertInert(md: string, payload: Payload): void {
  assert.doesNotMatch(md, /<(script|img|iframe)/i, md);
  assert.doesNotMatch(md, /\]\(javascript:/, md);
  const lines = md.split('\n');
  const cells = (l: string) => l.split(/(?<!\\)\|/).length;
  let header: string | undefined;
  for (const l of lines) {
    if (!l.startsWith('|')) header = undefined;
    else if (header === undefined) header = l;
    else assert.equal(cells(l), cells(header), `${l}\n${md}`);
  }
  assert.ok(!lines.some((l) => l.trim() === 'next'), 'a line break from traffic must not start a new line');
  assert.ok(md.length > 0 && payload.kind !== 'error', md);
}

test('hostile user agents, hosts, URIs and DNS names render as inert text in every output', async () => {
  const s = new Session();
  const cells = [
    `load ${hostileFolder()} direction=all`,
    'http',
    'http | select host, uri, userAgent',
    'http | count by userAgent',
    'dns',
    'dns | where query contains iframe | select query',
    'profiles | select ip, userAgent',
    'timeline 10.0.0.5',
    'timeline 93.184.216.34',
    'letters 10.0.0.5',
    'profile 10.0.0.5',
  ];
  for (const c of cells) {
    const [p] = await runCell(s, c);
    assert.ok(p, c);
    const b = bundle(p);
    assert.equal(b[MIME[p.kind]], p);
    assertInert(b[MIME.markdown], p);
  }
  const [http] = await runCell(s, 'http | select host, uri, userAgent');
  assert.ok(http?.kind === 'table');
  // The payload keeps the text as it was; renderers show it with textContent.
  assert.deepEqual(http.rows[0], [HOST, URI, UA]);
  const md = markdown(http);
  assert.ok(md.includes('&lt;script&gt;alert\\(1\\)&lt;/script&gt;'), md);
  assert.ok(md.includes('evil.example\\|&lt;img src=x onerror=alert\\(2\\)&gt;'), md);

  const [tl] = await runCell(s, 'timeline 10.0.0.5');
  assert.ok(tl?.kind === 'timeline');
  assert.ok(
    tl.rows.some((r) => r.line.includes(UA)),
    'the timeline joins the http record and its user agent',
  );

  const evidence = s.loaded!.sink.evidenceList;
  assert.ok(evidence.length > 0, 'the plain-text HTTP raises evidence to explain');
  for (const e of evidence) {
    const [x] = await runCell(s, `explain ${e.id}`);
    assert.ok(x);
    assertInert(markdown(x), x);
  }
});

test('long strings are cut, so an output stays small', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slips-long-'));
  const ua = 'A'.repeat(MAX_STRING * 3);
  writeFileSync(
    join(dir, 'http.log'),
    JSON.stringify({
      ts: 1,
      uid: 'C1',
      'id.orig_h': '10.0.0.1',
      'id.orig_p': 1,
      'id.resp_h': '10.0.0.2',
      'id.resp_p': 80,
      method: 'GET',
      host: 'h',
      uri: '/',
      user_agent: ua,
    }) + '\n',
  );
  const s = new Session();
  await runCell(s, `load ${dir}`);
  const [p] = await runCell(s, 'http | select userAgent');
  assert.ok(p?.kind === 'table');
  assert.equal((p.rows[0]![0] as string).length, MAX_STRING + 1);
  assert.ok((p.rows[0]![0] as string).endsWith('…'));
});
