// Lines from traffic become blessed tags that show the text and nothing else; address order; bar lengths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Painter, printable } from '../../../engine/kalipso/text';
import { compareIps } from '../../../engine/kalipso/ipOrder';
import { barLength } from '../../../engine/kalipso/tableModels';

test('printable: control characters become \\xNN, everything else stays', () => {
  const cases: [string, string][] = [
    ['Mozilla/5.0', 'Mozilla/5.0'],
    ['a\u001b[31mb', 'a\\x1b[31mb'],
    ['tab\there', 'tab\\x09here'],
    ['\u009bx', '\\x9bx'],
    ['ünïcode', 'ünïcode'],
  ];
  for (const [input, want] of cases) assert.equal(printable(input), want);
});

test('Painter: braces are escaped, colours only with colour on, width and offset cut', () => {
  const line = [{ text: '{red-fg}x{/red-fg}', style: 'dns' as const }];
  assert.equal(new Painter(false).paint(line, 80), '{open}red-fg{close}x{open}/red-fg{close}');
  assert.equal(
    new Painter(true).paint(line, 80),
    '{magenta-fg}{open}red-fg{close}x{open}/red-fg{close}{/magenta-fg}',
  );
  assert.equal(new Painter(false).paint([{ text: 'abcdef' }, { text: 'ghij' }], 5, 3), 'defgh');
  assert.equal(new Painter(false).paint([{ text: 'ab' }], 4, 0, true), '{inverse}ab  {/inverse}');
  assert.equal(new Painter(false).paint([{ text: 'x', style: 'portProto' }], 4), '{bold}x{/bold}');
});

test('compareIps: IPv4 by value, then IPv6', () => {
  const ips = ['fe80::1', '10.0.0.10', '192.168.2.1', '10.0.0.9', '2001:db8::1', '5.202.176.1'];
  assert.deepEqual(ips.sort(compareIps), [
    '5.202.176.1',
    '10.0.0.9',
    '10.0.0.10',
    '192.168.2.1',
    '2001:db8::1',
    'fe80::1',
  ]);
});

test('barLength: round(ln(value)), nothing for 0 and 1', () => {
  const cases: [number, number][] = [
    [0, 0],
    [1, 0],
    [2, 1],
    [202, 5],
    [169527, 12],
  ];
  for (const [v, want] of cases) assert.equal(barLength(v), want);
});
