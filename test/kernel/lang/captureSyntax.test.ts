// `capture IFACE [filter "BPF"] [for DURATION] [block [confirm|dry-run]] [load options]` and `blocking`:
// what each form parses to, and each mistake as one sentence at its line:col. Also the editor data
// (completions, hover) for the new words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCell } from '../../../kernel/lang/parser';
import { SlipsError } from '../../../kernel/lang/errors';
import { completions, diagnostics, hover } from '../../../kernel/lang/completions';
import type { Statement } from '../../../kernel/lang/ast';

function show(s: Statement): string {
  if (s.kind === 'blocking') return 'blocking';
  if (s.kind !== 'capture') return s.kind;
  const parts = [`capture ${s.iface.name}@${s.iface.pos.col}`];
  if (s.filter) parts.push(`filter=${JSON.stringify(s.filter.value)}`);
  if (s.duration) parts.push(`for=${s.duration.value}s`);
  if (s.block) parts.push(`block=${s.block.mode}@${s.block.pos.col}`);
  for (const o of s.options) parts.push(`${o.name.name}:${o.values.map((v) => String(v.value)).join(',')}`);
  return parts.join(' ');
}

const CASES: [string, string[]][] = [
  ['capture eth0', ['capture eth0@9']],
  ['capture veth0 filter "tcp" for 30s', ['capture veth0@9 filter="tcp" for=30s']],
  ['capture veth0 for 5m filter "tcp port 80"', ['capture veth0@9 filter="tcp port 80" for=300s']],
  ['capture veth0 filter udp for 1h', ['capture veth0@9 filter="udp" for=3600s']],
  ['capture veth0 for 45', ['capture veth0@9 for=45s']],
  ['capture eth0 block', ['capture eth0@9 block=ask@14']],
  ['capture eth0 block confirm for 10s', ['capture eth0@9 for=10s block=confirm@14']],
  ['capture eth0 for 10s block dry-run', ['capture eth0@9 for=10s block=dry-run@22']],
  [
    'capture "en p0" width=10 config=conf/slips.yaml block',
    ['capture en p0@9 block=ask@49 width:10 config:conf/slips.yaml'],
  ],
  [
    'capture eth0 disable=arp,flow_alerts direction=all',
    ['capture eth0@9 disable:arp,flow_alerts direction:all'],
  ],
  ['capture eth0 for 2s\nblocking\nalerts | count', ['capture eth0@9 for=2s', 'blocking', 'query']],
  ['blocking', ['blocking']],
];

test('capture and blocking: cells → statements', () => {
  for (const [text, want] of CASES) assert.deepEqual(parseCell(text).statements.map(show), want, text);
});

const ERRORS: [string, string, number, number][] = [
  [
    'capture',
    'expected the name of a network interface after capture (e.g. capture eth0), found the end of the cell',
    1,
    8,
  ],
  [
    'capture for 30s',
    "expected the name of a network interface after capture (e.g. capture eth0), found 'for'",
    1,
    9,
  ],
  [
    'capture width=10',
    "expected the name of a network interface after capture (e.g. capture eth0), found 'width'",
    1,
    9,
  ],
  [
    'capture eth0 for',
    'expected how long to capture after for (e.g. for 30s, for 5m, for 1h), found the end of the cell',
    1,
    17,
  ],
  ['capture eth0 for soon', 'the capture lasts a positive duration like 30s, 5m or 1h', 1, 18],
  ['capture eth0 for 0s', 'the capture lasts a positive duration like 30s, 5m or 1h', 1, 18],
  ['capture eth0 filter', 'expected a capture filter after filter, in quotes if it has spaces', 1, 20],
  ['capture eth0 for 1m for 2m', 'for is given twice', 1, 21],
  ['capture eth0 block block', 'block is given twice', 1, 20],
  ['capture eth0 width=10 width=20', 'width is given twice', 1, 23],
  ['capture eth0 fliter "tcp"', "unexpected 'fliter' in capture. Did you mean 'filter'?", 1, 14],
  ['capture eth0 block confrim', "unexpected 'confrim' in capture. Did you mean 'confirm'?", 1, 20],
  ['capture eth0 widht=10', "unknown capture option 'widht'. Did you mean 'width'?", 1, 14],
  ['capture eth0\ncapture eth1 for 1x', 'the capture lasts a positive duration like 30s, 5m or 1h', 2, 18],
  ['capture eth0 | count', "expected the end of the statement (a new line or ;), found '|'", 1, 14],
  ['blocking now', "expected the end of the statement (a new line or ;), found 'now'", 1, 10],
  ['captur eth0', "unknown command or source 'captur'. Did you mean 'capture'?", 1, 1],
  ['blockng', "unknown command or source 'blockng'. Did you mean 'blocking'?", 1, 1],
];

test('capture: each mistake is one sentence at its position', () => {
  for (const [text, message, line, col] of ERRORS) {
    let got: unknown;
    try {
      parseCell(text);
    } catch (e) {
      got = e;
    }
    assert.ok(got instanceof SlipsError, `${text}: no SlipsError`);
    assert.ok(got.message.startsWith(message), `${text}: got "${got.message}"`);
    assert.deepEqual([got.pos?.line, got.pos?.col], [line, col], `${text}: ${got.message}`);
  }
  // The editor shows the same error with its range.
  assert.deepEqual(
    diagnostics('capture eth0 for 1m for 2m').map((d) => [d.line, d.col, d.endCol]),
    [[1, 21, 24]],
  );
});

const labels = (text: string) => completions(text, text.length).items.map((i) => i.label);

test('capture: completions and hover', () => {
  assert.ok(labels('').includes('capture'));
  assert.ok(labels('').includes('blocking'));
  assert.deepEqual(labels('capture eth0 '), [
    'filter',
    'for',
    'block',
    'width=',
    'direction=',
    'config=',
    'disable=',
  ]);
  assert.deepEqual(labels('capture eth0 for 30s '), [
    'filter',
    'block',
    'width=',
    'direction=',
    'config=',
    'disable=',
  ]);
  assert.deepEqual(labels('capture eth0 block '), [
    'confirm',
    'dry-run',
    'filter',
    'for',
    'width=',
    'direction=',
    'config=',
    'disable=',
  ]);
  assert.deepEqual(labels('capture eth0 for '), ['30s', '5m', '1h']);
  assert.deepEqual(labels('capture eth0 direction='), ['out', 'all']);
  assert.deepEqual(labels('capture eth0 f'), ['filter', 'for']);
  assert.deepEqual(labels('capture '), []);
  for (const w of ['capture', 'blocking', 'filter', 'block', 'confirm', 'dry-run']) {
    const text = `capture eth0 filter "tcp" block confirm\nblocking dry-run`;
    const at = text.indexOf(w) + 1;
    assert.match(hover(text, at)?.markdown ?? '', new RegExp(w.replace('-', '\\-')), w);
  }
  assert.match(hover('capture eth0', 2)!.markdown, /trusted workspace/);
});
