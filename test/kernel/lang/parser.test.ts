import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCell } from '../../../kernel/lang/parser';
import { SlipsError } from '../../../kernel/lang/errors';
import type { ChartForm, Expr, Literal, QueryOutput, Stage, Statement } from '../../../kernel/lang/ast';
import { closest, editDistance } from '../../../kernel/lang/suggest';

/** A statement as a compact s-expression, so each case reads on one line. */
function lit(l: Literal): string {
  return l.kind === 'string' ? JSON.stringify(l.value) : `${l.kind}:${l.value}`;
}

function expr(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.kind} ${expr(e.left)} ${expr(e.right)})`;
    case 'not':
      return `(not ${expr(e.expr)})`;
    case 'compare':
      return `(${e.op} ${e.field.name} ${lit(e.value)})`;
    case 'in':
      return `(in ${e.field.name} ${e.values.map(lit).join(' ')})`;
    case 'contains':
      return `(contains ${e.field.name} ${lit(e.value)})`;
    case 'matches':
      return `(matches ${e.field.name} /${e.source}/${e.flags})`;
  }
}

function stage(s: Stage): string {
  switch (s.kind) {
    case 'where':
      return `where ${expr(s.expr)}`;
    case 'count':
      return s.by.length ? `count by ${s.by.map((b) => b.name).join(',')}` : 'count';
    case 'sort':
      return `sort ${s.keys.map((k) => k.field.name + (k.descending ? ' desc' : '')).join(',')}`;
    case 'top':
      return `top ${s.n}${s.by ? ' by ' + s.by.name : ''}`;
    case 'limit':
      return `limit ${s.n}`;
    case 'select':
      return `select ${s.fields.map((f) => f.name).join(',')}`;
  }
}

function form(f: ChartForm): string {
  switch (f.kind) {
    case 'flowsOverTime':
      return `flowsOverTime${f.interval ? ' ' + lit(f.interval) : ''}${f.ip ? ' ' + lit(f.ip) : ''}`;
    case 'bytesBy':
      return `bytesBy ${f.field.name}${f.top === undefined ? '' : ' top ' + f.top}`;
    case 'destinations':
      return `destinations ${lit(f.ip)}${f.top === undefined ? '' : ' top ' + f.top}`;
    case 'evidenceOverWindows':
      return `evidenceOverWindows${f.ip ? ' ' + lit(f.ip) : ''}`;
  }
}

function output(o: QueryOutput): string {
  return o.kind === 'chart' ? `chart ${o.mark} x=${o.x.name} y=${o.y.name}` : `export ${o.format} ${o.path}`;
}

function show(s: Statement): string {
  switch (s.kind) {
    case 'load':
      return `load ${s.path}${s.options.map((o) => ` ${o.name.name}=${o.values.map(lit).join(',')}`).join('')}`;
    case 'query':
      return [s.source.name, ...s.stages.map(stage), ...(s.output ? [output(s.output)] : [])].join(' | ');
    case 'chart':
      return `chart ${form(s.form)}`;
    case 'detect':
      return `detect ${s.family.name}${s.params.map((o) => ` ${o.name.name}=${o.values.map(lit).join(',')}`).join('')}${s.ip ? ' on ' + lit(s.ip) : ''}`;
    case 'profile':
      return `profile ${s.ip.value}`;
    case 'timeline':
    case 'letters':
      return `${s.kind} ${s.ip.value}${s.tw === undefined ? '' : ' tw ' + s.tw}`;
    case 'explain':
      return `explain ${s.id.name}`;
    case 'capture':
      return `capture ${s.iface.name}`;
    case 'blocking':
      return 'blocking';
  }
}

const CASES: [string, string[]][] = [
  [
    'flows | where dport == 443 and daddr in 10.0.0.0/8 | count by daddr | top 10',
    ['flows | where (and (== dport number:443) (in daddr cidr:10.0.0.0/8)) | count by daddr | top 10'],
  ],
  ['conn | count', ['flows | count']],
  [
    'flows | where a == 1 or b == 2 and c == 3',
    ['flows | where (or (== a number:1) (and (== b number:2) (== c number:3)))'],
  ],
  [
    'flows | where (a == 1 or b == 2) and not c == 3',
    ['flows | where (and (or (== a number:1) (== b number:2)) (not (== c number:3)))'],
  ],
  ['flows | where dur > 5m', ['flows | where (> dur duration:300)']],
  ['flows | where dur <= 500ms', ['flows | where (<= dur duration:0.5)']],
  ['flows | where proto == tcp and state != "S0"', ['flows | where (and (== proto "tcp") (!= state "S0"))']],
  ['flows | where saddr == 192.168.1.5', ['flows | where (== saddr ip:192.168.1.5)']],
  ['flows | where dport in [80, 443, 8080]', ['flows | where (in dport number:80 number:443 number:8080)']],
  [
    'flows | where daddr not in [10.0.0.0/8, 1.2.3.4]',
    ['flows | where (not (in daddr cidr:10.0.0.0/8 ip:1.2.3.4))'],
  ],
  ['dns | where query matches /\\.ru$/i', ['dns | where (matches query /\\.ru$/i)']],
  ['http | where userAgent contains curl', ['http | where (contains userAgent "curl")']],
  ['ssl | where resumed == true', ['ssl | where (== resumed bool:true)']],
  ['flows | sort bytes desc, ts | limit 5', ['flows | sort bytes desc,ts | limit 5']],
  ['flows | count by saddr, dport | top 3 by count', ['flows | count by saddr,dport | top 3 by count']],
  ['http | select host, uri', ['http | select host,uri']],
  ['flows\n| where dport == 53\n\n  | count', ['flows | where (== dport number:53) | count']],
  [
    'load samples/x.binetflow width=1h direction=all disable=flow_alerts,HTTP_TRAFFIC',
    ['load samples/x.binetflow width=duration:3600 direction="all" disable="flow_alerts","HTTP_TRAFFIC"'],
  ],
  ['load "my dir/conn.log" config=config/slips.yaml', ['load my dir/conn.log config="config/slips.yaml"']],
  [
    'profile 10.0.0.1\ntimeline 10.0.0.1 tw 2; letters fe80::1',
    ['profile 10.0.0.1', 'timeline 10.0.0.1 tw 2', 'letters fe80::1'],
  ],
  ['explain 9a4f0116 # why?', ['explain 9a4f0116']],
  ['  # only a comment\n\n', []],
  ['chart flows over time', ['chart flowsOverTime']],
  ['chart flows over time by 5m for 10.0.0.1', ['chart flowsOverTime duration:300 ip:10.0.0.1']],
  ['chart flows over time for fe80::1', ['chart flowsOverTime ip:fe80::1']],
  ['chart bytes by dport top 5', ['chart bytesBy dport top 5']],
  ['chart bytes by proto', ['chart bytesBy proto']],
  ['chart destinations of 10.0.0.1 top 3', ['chart destinations ip:10.0.0.1 top 3']],
  ['chart evidence over windows for 10.0.0.1', ['chart evidenceOverWindows ip:10.0.0.1']],
  [
    'flows | count by dport | top 10 | chart bar x=dport y=count',
    ['flows | count by dport | top 10 | chart bar x=dport y=count'],
  ],
  ['flows\n| chart line y=bytes x=ts', ['flows | chart line x=ts y=bytes']],
  [
    'flows | where dport == 80 | export csv out/x.csv',
    ['flows | where (== dport number:80) | export csv out/x.csv'],
  ],
  [
    'dns | export parquet "my dns.parquet"; flows | export arrow a.arrow',
    ['dns | export parquet my dns.parquet', 'flows | export arrow a.arrow'],
  ],
  ['detect portscan', ['detect portscan']],
  ['detect vertical threshold=20 on 10.0.0.1', ['detect vertical threshold=number:20 on ip:10.0.0.1']],
  ['detect flow_alerts on 10.0.0.1', ['detect flow_alerts on ip:10.0.0.1']],
];

test('parser: cells → statements', () => {
  for (const [text, want] of CASES) assert.deepEqual(parseCell(text).statements.map(show), want, text);
});

const ERRORS: [string, string, number, number][] = [
  ['flos | count', "unknown command or source 'flos'. Did you mean 'flows'?", 1, 1],
  ['profle 10.0.0.1', "unknown command or source 'profle'. Did you mean 'profile'?", 1, 1],
  ['flows | wher dport == 1', "unknown stage 'wher'. Did you mean 'where'?", 1, 9],
  [
    'flows | where dport = 443',
    "expected an operator after dport (==, !=, <, <=, >, >=, in, contains, matches), found '='",
    1,
    21,
  ],
  [
    'flows | where dport contans 443',
    "expected an operator after dport, found 'contans'. Did you mean 'contains'?",
    1,
    21,
  ],
  [
    'flows | where dport ==',
    'expected a value (a number, "string", word, IP address, range like 10.0.0.0/8 or duration like 5m) after \'==\', found the end of the cell',
    1,
    23,
  ],
  ['flows | where (dport == 1', "expected ')' to close the '(' at 1:15, found the end of the cell", 1, 26],
  [
    'flows |',
    "expected a stage after '|' (where, count, sort, top, limit, select, chart, export), found the end of the cell",
    1,
    8,
  ],
  ['flows | top ten', "expected how many rows top keeps (e.g. top 10): a whole number, found 'ten'", 1, 13],
  ['flows | limit 10 20', "expected the end of the statement (a new line or ;), found '20'", 1, 18],
  ['flows\n| where dport in []', 'the list after in is empty', 2, 18],
  [
    'profile nothost',
    "expected an IP address after profile (e.g. profile 192.168.1.10), found 'nothost'",
    1,
    9,
  ],
  ['timeline 10.0.0.1 tw x', "expected a time-window number after tw: a whole number, found 'x'", 1, 22],
  [
    'load',
    'expected the path of a capture, log folder or flow file after load, found the end of the cell',
    1,
    5,
  ],
  ['load x.log widht=5', "unknown load option 'widht'. Did you mean 'width'?", 1, 12],
  ['load x.log width 5', "expected '=' and a value after width, found '5'", 1, 18],
  [
    '| where a == 1',
    "expected a command (load, capture, profile, timeline, letters, explain, chart, detect, blocking) or a source (flows, profiles, evidence, …), found '|'",
    1,
    1,
  ],
  ['chart flow over time', "expected what to chart, found 'flow'. Did you mean 'flows'?", 1, 7],
  ['chart flows over tme', "expected 'time' (as in chart flows over time), found 'tme'", 1, 18],
  ['chart flows over time by fast', 'the interval is a duration like 1m, 5m or 1h', 1, 26],
  ['chart flows over time by 0s', 'the interval is at least one second', 1, 26],
  ['chart bytes by dport top 0', 'top keeps at least one bar', 1, 26],
  [
    'chart destinations of',
    'expected an IP address after destinations of (e.g. destinations of 192.168.1.10), found the end of the cell',
    1,
    22,
  ],
  ['flows | chart pie x=a y=b', "expected a chart type after chart (bar or line), found 'pie'", 1, 15],
  [
    'flows | chart bar x=dport',
    'expected y=FIELD (a chart needs x=FIELD y=FIELD), found the end of the cell',
    1,
    26,
  ],
  ['flows | chart bar x=dport z=1', "unknown chart axis 'z'.", 1, 27],
  ['flows | chart bar x=a y=b | count', 'chart ends the query: nothing can follow it', 1, 27],
  [
    'flows | export xls a.xls',
    "expected a file format after export (arrow, csv, parquet), found 'xls'",
    1,
    16,
  ],
  ['flows | export csv', 'expected the path of the csv file to write, found the end of the cell', 1, 19],
  ['flows | exprot csv a', "unknown stage 'exprot'. Did you mean 'export'?", 1, 9],
  ['detect portscan treshold=5', "unknown detect parameter 'treshold'. Did you mean 'threshold'?", 1, 17],
  [
    'detect portscan on',
    'expected an IP address after on (e.g. on 192.168.1.10), found the end of the cell',
    1,
    19,
  ],
  ['detect', 'expected a detection to run after detect', 1, 7],
];

test('parser: mistakes say where, what was expected, and the nearest word', () => {
  for (const [text, message, line, col] of ERRORS) {
    let got: unknown;
    try {
      parseCell(text);
    } catch (e) {
      got = e;
    }
    assert.ok(got instanceof SlipsError, `${text}: no SlipsError`);
    assert.ok(got.message.startsWith(message), `${text}: got "${got.message}"`);
    assert.deepEqual([got.pos?.line, got.pos?.col], [line, col], text);
  }
});

test('suggestions: edit distance with neighbour swaps, offered only when close', () => {
  const cases: [string, string, number][] = [
    ['dport', 'dport', 0],
    ['dprot', 'dport', 1],
    ['flos', 'flows', 1],
    ['where', 'WHERE', 0],
    ['abc', 'xyz', 3],
  ];
  for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a}/${b}`);
  assert.equal(closest('saddrr', ['saddr', 'daddr']), 'saddr');
  assert.equal(closest('zzz', ['saddr', 'daddr']), undefined);
});
