// The cell language's tokens. Bare words cover names, numbers, addresses, ranges, durations and
// paths alike (`flows`, `443`, `10.0.0.0/8`, `5m`, `samples/x.binetflow`); the parser decides what a
// word means where it stands, so paths and addresses need no quotes.
import type { Pos } from './errors';

export type Operator = '|' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '(' | ')' | '[' | ']' | ',' | '=' | ';';

export type Token =
  | { kind: 'word'; text: string; pos: Pos }
  | { kind: 'string'; value: string; pos: Pos }
  | { kind: 'regex'; source: string; flags: string; pos: Pos }
  | { kind: 'op'; op: Operator; pos: Pos }
  | { kind: 'newline'; pos: Pos }
  | { kind: 'eof'; pos: Pos };

/** How a token reads in an error message ("found 'x'", "found end of line"). */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'word':
      return `'${t.text}'`;
    case 'string':
      return `the string "${t.value}"`;
    case 'regex':
      return `the pattern /${t.source}/`;
    case 'op':
      return `'${t.op}'`;
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the cell';
  }
}
