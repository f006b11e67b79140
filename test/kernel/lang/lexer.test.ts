import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex } from '../../../kernel/lang/lexer';
import { SlipsError } from '../../../kernel/lang/errors';
import type { Token } from '../../../kernel/lang/tokens';

/** Tokens as short strings: words bare, strings quoted, operators in brackets. */
function show(t: Token): string {
  switch (t.kind) {
    case 'word':
      return t.text;
    case 'string':
      return JSON.stringify(t.value);
    case 'regex':
      return `/${t.source}/${t.flags}`;
    case 'op':
      return `[${t.op}]`;
    case 'newline':
      return '⏎';
    case 'eof':
      return '∎';
  }
}

const CASES: [string, string[]][] = [
  ['flows | count', ['flows', '[|]', 'count', '∎']],
  ['dport==443', ['dport', '[==]', '443', '∎']],
  [
    'a!=b a<=1 a>=2 a<3 a>4',
    ['a', '[!=]', 'b', 'a', '[<=]', '1', 'a', '[>=]', '2', 'a', '[<]', '3', 'a', '[>]', '4', '∎'],
  ],
  ['daddr in 10.0.0.0/8', ['daddr', 'in', '10.0.0.0/8', '∎']],
  ['saddr == fe80::1', ['saddr', '[==]', 'fe80::1', '∎']],
  ['load /work/x y.binetflow width=5m', ['load', '/work/x', 'y.binetflow', 'width', '[=]', '5m', '∎']],
  ['host == "a b\\"c"', ['host', '[==]', '"a b\\"c"', '∎']],
  ["uri == 'x'", ['uri', '[==]', '"x"', '∎']],
  ['query matches /\\.ru$/i', ['query', 'matches', '/\\.ru$/i', '∎']],
  ['uri matches /a\\/b/', ['uri', 'matches', '/a/b/', '∎']],
  ['flows # a comment\n| limit 1', ['flows', '⏎', '[|]', 'limit', '1', '∎']],
  ['dport in [80,\n 443]', ['dport', 'in', '[[]', '80', '[,]', '443', '[]]', '∎']],
  ['a; b', ['a', '[;]', 'b', '∎']],
];

test('lexer: text → tokens', () => {
  for (const [text, want] of CASES) assert.deepEqual(lex(text).map(show), want, text);
});

test('lexer: positions are 1-based line and column', () => {
  const t = lex('flows\n  | where dport == 443');
  const where = t.find((x) => x.kind === 'word' && x.text === 'where')!;
  assert.deepEqual([where.pos.line, where.pos.col], [2, 5]);
  const num = t.find((x) => x.kind === 'word' && x.text === '443')!;
  assert.deepEqual([num.pos.line, num.pos.col, num.pos.offset, num.pos.end], [2, 20, 25, 28]);
});

const ERRORS: [string, string, number, number][] = [
  ['host == "abc', 'this string has no closing "', 1, 9],
  ['uri matches /abc', 'this pattern has no closing /', 1, 13],
  ['uri matches /abc/g', "unknown pattern flags 'g'", 1, 18],
  ['flows | where $x', "unexpected character '$'", 1, 15],
  ['a ! b', "'!' alone is not an operator", 1, 3],
];

test('lexer: mistakes carry their place', () => {
  for (const [text, message, line, col] of ERRORS) {
    assert.throws(
      () => lex(text),
      (e: unknown) =>
        e instanceof SlipsError &&
        e.message.startsWith(message) &&
        e.pos?.line === line &&
        e.pos?.col === col,
      text,
    );
  }
});
