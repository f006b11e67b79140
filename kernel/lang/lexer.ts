// Text of a cell → tokens with positions. `#` starts a comment to the end of the line. A newline ends
// a statement, except inside ( ) and [ ] where it is only space; the parser also lets a line that
// starts with `|` continue the pipeline above it. A `/` right after `matches` opens a /pattern/flags;
// anywhere else it is part of a word (a path or a range).
import { SlipsError, type Pos } from './errors';
import type { Operator, Token } from './tokens';

const WORD = /[A-Za-z0-9_.:/\-~@%+]/;
const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['|', '<', '>', '(', ')', '[', ']', ',', '=', ';']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };
const REGEX_FLAGS = /^[imsu]*$/;

export function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const pos = (start: number, end: number): Pos => ({
    line,
    col: start - lineStart + 1,
    offset: start,
    end,
  });

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      if (depth === 0) out.push({ kind: 'newline', pos: pos(i, i + 1) });
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < text.length && ESCAPES[text[i + 1]!] !== undefined) {
          value += ESCAPES[text[i + 1]!];
          i += 2;
        } else value += text[i++];
      }
      if (text[i] !== c)
        throw new SlipsError(
          `this string has no closing ${c}: add one before the end of the line`,
          pos(start, i),
        );
      i++;
      out.push({ kind: 'string', value, pos: pos(start, i) });
      continue;
    }
    const prev = out[out.length - 1];
    if (c === '/' && prev?.kind === 'word' && prev.text === 'matches') {
      const start = i;
      let source = '';
      i++;
      while (i < text.length && text[i] !== '/' && text[i] !== '\n') {
        if (text[i] === '\\' && text[i + 1] === '/') {
          source += '/';
          i += 2;
        } else source += text[i++];
      }
      if (text[i] !== '/')
        throw new SlipsError(
          'this pattern has no closing /: write it as /pattern/ or /pattern/i',
          pos(start, i),
        );
      i++;
      const flagsStart = i;
      while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
      const flags = text.slice(flagsStart, i);
      if (!REGEX_FLAGS.test(flags))
        throw new SlipsError(`unknown pattern flags '${flags}': use i, m, s or u`, pos(flagsStart, i));
      out.push({ kind: 'regex', source, flags, pos: pos(start, i) });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      out.push({ kind: 'op', op: two as Operator, pos: pos(i, i + 2) });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      if (c === '(' || c === '[') depth++;
      if ((c === ')' || c === ']') && depth > 0) depth--;
      out.push({ kind: 'op', op: c as Operator, pos: pos(i, i + 1) });
      i++;
      continue;
    }
    if (WORD.test(c)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!)) i++;
      out.push({ kind: 'word', text: text.slice(start, i), pos: pos(start, i) });
      continue;
    }
    if (c === '!')
      throw new SlipsError(
        "'!' alone is not an operator: write != for 'not equal' or 'not' before a condition",
        pos(i, i + 1),
      );
    throw new SlipsError(`unexpected character '${c}'`, pos(i, i + 1));
  }
  out.push({ kind: 'eof', pos: pos(i, i) });
  return out;
}
