// Editor support as plain data (no editor API here): completions for a cell at a cursor, hover docs
// for the word under it, and diagnostics (the parse error, unknown fields) with ranges. The kernel
// process answers the extension's requests with these; the session's facts (IPs, evidence types and
// ids) come in as arguments so this stays a pure function of its inputs.
import { SlipsError, type Pos } from './errors';
import { KEYWORD_DOCS } from './docs';
import { lex } from './lexer';
import { parseCell } from './parser';
import type { Expr, Name, Statement } from './ast';
import { didYouMean } from './suggest';
import type { Token } from './tokens';
import {
  BLOCK_MODES,
  CAPTURE_CLAUSES,
  CHART_FORMS,
  CHART_MARKS,
  COMMANDS,
  DETECT_PARAMS,
  DETECTION_MODULES,
  EXPORT_FORMATS,
  LOAD_OPTIONS,
  QUERY_OUTPUTS,
  SCAN_FAMILIES,
  SOURCES,
  STAGES,
  isSource,
  type SourceName,
} from './vocabulary';
import { sourceFields } from '../query/sources';

export type CompletionKind =
  | 'command'
  | 'source'
  | 'stage'
  | 'field'
  | 'keyword'
  | 'operator'
  | 'ip'
  | 'evidenceType'
  | 'evidenceId'
  | 'option'
  | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
}

/** Items for the word from `from` to `to` (offsets in the cell), which a chosen item replaces. */
export interface Completions {
  from: number;
  to: number;
  items: CompletionItem[];
}

/** What the loaded session knows, for completing values. */
export interface SessionFacts {
  ips: readonly string[];
  evidenceTypes: readonly string[];
  evidenceIds: readonly string[];
}

export const NO_FACTS: SessionFacts = { ips: [], evidenceTypes: [], evidenceIds: [] };

const WORD_CHAR = /[A-Za-z0-9_.:/\-~@%+]/;
const IP_FIELDS = new Set([
  'saddr',
  'daddr',
  'ip',
  'profile',
  'attacker',
  'victim',
  'clientAddr',
  'serverAddr',
]);
const TYPE_FIELDS = new Set(['type', 'lastType']);
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'contains', 'matches'];

function wordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  return i;
}

/** The tokens of the statement the cursor is in, up to the word being typed. */
function statementTokens(before: string): Token[] | undefined {
  let tokens: Token[];
  try {
    tokens = lex(before);
  } catch {
    return undefined;
  }
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.kind === 'op' && t.op === ';') start = i + 1;
    else if (t.kind === 'newline' && !(next?.kind === 'op' && next.op === '|')) start = i + 1;
  }
  return tokens.slice(start).filter((t) => t.kind !== 'eof' && t.kind !== 'newline');
}

const words = (list: readonly string[], kind: CompletionKind): CompletionItem[] =>
  list.map((label) => ({ label, kind, ...(KEYWORD_DOCS[label] ? { detail: KEYWORD_DOCS[label] } : {}) }));

const text = (t: Token | undefined): string | undefined =>
  t?.kind === 'word' ? t.text : t?.kind === 'op' ? t.op : undefined;

/** Fields of a query's rows after the stages typed so far (a `count by` makes new ones). */
function queryFields(source: SourceName, segments: readonly Token[][]): readonly string[] {
  let fields: readonly string[] = sourceFields(source);
  for (const seg of segments) {
    if (text(seg[0]) === 'count' && text(seg[1]) === 'by')
      fields = [...seg.slice(2).flatMap((t) => (t.kind === 'word' ? [t.text] : [])), 'count'];
  }
  return fields;
}

function ips(facts: SessionFacts): CompletionItem[] {
  return words(facts.ips, 'ip');
}

function queryItems(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  const sourceWord = text(tokens[0])!;
  const source = (sourceWord === 'conn' ? 'flows' : sourceWord) as SourceName;
  const segments: Token[][] = [[]];
  for (const t of tokens.slice(1)) {
    if (t.kind === 'op' && t.op === '|') segments.push([]);
    else segments[segments.length - 1]!.push(t);
  }
  const seg = segments[segments.length - 1]!;
  if (segments.length === 1) return seg.length ? [] : words(['|'], 'operator');
  const fields = queryFields(source, segments.slice(1, -1));
  const fieldItems = words(fields, 'field');
  const prev = text(seg[seg.length - 1]);
  const prev2 = text(seg[seg.length - 2]);
  const head = text(seg[0]);
  if (seg.length === 0) return words([...STAGES, ...QUERY_OUTPUTS], 'stage');
  switch (head) {
    case 'where': {
      if (prev === 'where' || prev === 'and' || prev === 'or' || prev === 'not' || prev === '(')
        return [...fieldItems, ...words(['not'], 'keyword')];
      if (prev !== undefined && ['==', '!=', 'in', '['].includes(prev)) {
        const field = text(
          seg
            .slice(0, -1)
            .reverse()
            .find((t) => t.kind === 'word' && fields.includes(t.text)),
        );
        if (field && TYPE_FIELDS.has(field)) return words(facts.evidenceTypes, 'evidenceType');
        if (field && IP_FIELDS.has(field)) return ips(facts);
        return [];
      }
      if (prev !== undefined && fields.includes(prev) && !OPERATORS.includes(prev2 ?? ''))
        return words(OPERATORS, 'operator');
      return words(['and', 'or'], 'keyword');
    }
    case 'count':
      if (prev === 'count') return words(['by'], 'keyword');
      return prev === 'by' || prev === ',' ? fieldItems : [];
    case 'sort':
      if (prev === 'sort' || prev === ',') return fieldItems;
      return fields.includes(prev ?? '') ? words(['asc', 'desc'], 'keyword') : [];
    case 'select':
      return prev === 'select' || prev === ',' ? fieldItems : [];
    case 'top':
      if (prev === 'by') return fieldItems;
      return seg.length === 2 ? words(['by'], 'keyword') : [];
    case 'chart':
      if (prev === 'chart') return words(CHART_MARKS, 'keyword');
      if (prev === '=' && (prev2 === 'x' || prev2 === 'y')) return fieldItems;
      return words(['x=', 'y='], 'option');
    case 'export':
      return prev === 'export' ? words(EXPORT_FORMATS, 'keyword') : [];
    default:
      return [];
  }
}

function chartItems(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  const w = tokens.map(text);
  const prev = w[w.length - 1];
  if (tokens.length === 1) return words(Object.keys(CHART_FORMS), 'keyword');
  if (prev === 'for' || prev === 'of') return ips(facts);
  const next: Record<string, string[]> = {
    flows: ['over'],
    over: [w[1] === 'flows' ? 'time' : 'windows'],
    time: ['by', 'for'],
    windows: ['for'],
    bytes: ['by'],
    destinations: ['of'],
  };
  if (prev === 'by' && w[1] === 'bytes') return words(sourceFields('flows'), 'field');
  if (prev === 'by' && w[1] === 'flows') return words(['1m', '5m', '1h'], 'value');
  if (prev && next[prev]) return words(next[prev]!, 'keyword');
  if (w[1] === 'bytes' || w[1] === 'destinations') return w.includes('top') ? [] : words(['top'], 'keyword');
  if (w[1] === 'flows' && w[w.length - 2] === 'by') return words(['for'], 'keyword');
  return [];
}

function detectItems(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  const prev = text(tokens[tokens.length - 1]);
  if (tokens.length === 1) return words([...SCAN_FAMILIES, ...DETECTION_MODULES], 'keyword');
  if (prev === 'on') return ips(facts);
  if (prev === '=') return [];
  const scan = (SCAN_FAMILIES as readonly string[]).includes(text(tokens[1]) ?? '');
  return [
    ...(scan
      ? words(
          DETECT_PARAMS.map((p) => `${p}=`),
          'option',
        )
      : []),
    ...words(['on'], 'keyword'),
  ];
}

function loadItems(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  const prev = text(tokens[tokens.length - 1]);
  const prev2 = text(tokens[tokens.length - 2]);
  if (tokens.length === 1) return [];
  if (prev === '=' || prev === ',') {
    if (prev2 === 'direction') return words(['out', 'all'], 'value');
    if (prev2 === 'width') return words(['only_one_tw', '1h', '5m'], 'value');
    const option = text(
      [...tokens].reverse().find((t) => t.kind === 'word' && LOAD_OPTIONS.includes(t.text as never)),
    );
    if (option === 'disable')
      return [...words(DETECTION_MODULES, 'value'), ...words(facts.evidenceTypes, 'evidenceType')];
    return [];
  }
  return words(
    LOAD_OPTIONS.map((o) => `${o}=`),
    'option',
  );
}

/** After `capture IFACE`: the clauses not given yet, then what each one takes. */
function captureItems(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  const w = tokens.map(text);
  const prev = w[w.length - 1];
  if (tokens.length === 1) return [];
  if (prev === 'filter') return words(['"tcp"', '"udp"', '"not port 22"'], 'value');
  if (prev === 'for') return words(['30s', '5m', '1h'], 'value');
  if (prev === '=' || prev === ',') return loadItems(tokens, facts);
  const left = CAPTURE_CLAUSES.filter((c) => !w.slice(2).includes(c));
  return [
    ...(prev === 'block' ? words(BLOCK_MODES, 'keyword') : []),
    ...words(left, 'keyword'),
    ...words(
      LOAD_OPTIONS.filter((o) => !w.includes(o)).map((o) => `${o}=`),
      'option',
    ),
  ];
}

function itemsFor(tokens: Token[], facts: SessionFacts): CompletionItem[] {
  if (tokens.length === 0) return [...words(COMMANDS, 'command'), ...words(SOURCES, 'source')];
  const first = text(tokens[0]);
  switch (first) {
    case 'load':
      return loadItems(tokens, facts);
    case 'capture':
      return captureItems(tokens, facts);
    case 'profile':
      return tokens.length === 1 ? ips(facts) : [];
    case 'timeline':
    case 'letters':
      return tokens.length === 1 ? ips(facts) : tokens.length === 2 ? words(['tw'], 'keyword') : [];
    case 'explain':
      return tokens.length === 1 ? words(facts.evidenceIds, 'evidenceId') : [];
    case 'chart':
      return chartItems(tokens, facts);
    case 'detect':
      return detectItems(tokens, facts);
    default:
      return first !== undefined && (isSource(first) || first === 'conn') ? queryItems(tokens, facts) : [];
  }
}

/** Completions at `offset` in `text`, filtered by the part of the word already typed. */
export function completions(text: string, offset: number, facts: SessionFacts = NO_FACTS): Completions {
  const from = wordStart(text, offset);
  const typed = text.slice(from, offset).toLowerCase();
  const tokens = statementTokens(text.slice(0, from));
  const items = tokens ? itemsFor(tokens, facts) : [];
  const seen = new Set<string>();
  return {
    from,
    to: offset,
    items: items.filter((i) => {
      if (seen.has(i.label) || !i.label.toLowerCase().startsWith(typed)) return false;
      seen.add(i.label);
      return true;
    }),
  };
}

export interface Hover {
  from: number;
  to: number;
  markdown: string;
}

/** The documentation of the keyword under `offset`, if it is one. */
export function hover(text: string, offset: number): Hover | undefined {
  const from = wordStart(text, offset);
  let to = offset;
  while (to < text.length && WORD_CHAR.test(text[to]!)) to++;
  const word = text.slice(from, to);
  const doc = Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, word) ? KEYWORD_DOCS[word] : undefined;
  return doc === undefined ? undefined : { from, to, markdown: doc };
}

/** A problem in the cell: where it starts and ends (1-based line/col, and 0-based offsets). */
export interface Diagnostic {
  message: string;
  severity: 'error';
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  offset: number;
  end: number;
}

function at(text: string, message: string, pos: Pos): Diagnostic {
  // An error at the end of the cell still covers one character, so an editor can show it.
  const end = Math.max(pos.end, pos.offset + 1);
  const before = text.slice(0, Math.min(end, text.length));
  const endLine = before.split('\n').length;
  const endCol = end - (before.lastIndexOf('\n') + 1) + 1;
  return {
    message,
    severity: 'error',
    line: pos.line,
    col: pos.col,
    endLine,
    endCol,
    offset: pos.offset,
    end,
  };
}

function unknownField(source: string, name: Name, fields: readonly string[]): SlipsError | undefined {
  if (fields.includes(name.name)) return undefined;
  return new SlipsError(`${source} has no field '${name.name}'.${didYouMean(name.name, fields)}`, name.pos);
}

/** Field names a query statement uses that its rows will not have (checked without a session). */
function fieldProblems(s: Statement): SlipsError[] {
  if (s.kind === 'chart' && s.form.kind === 'bytesBy') {
    const e = unknownField('flows', s.form.field, sourceFields('flows'));
    return e ? [e] : [];
  }
  if (s.kind !== 'query') return [];
  const out: SlipsError[] = [];
  let title = s.source.name;
  let fields = sourceFields(s.source.name as SourceName);
  const check = (n: Name) => {
    const e = unknownField(title, n, fields);
    if (e) out.push(e);
  };
  const walk = (e: Expr): void => {
    if (e.kind === 'and' || e.kind === 'or') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'not') walk(e.expr);
    else check(e.field);
  };
  for (const st of s.stages) {
    if (out.length) break;
    if (st.kind === 'where') walk(st.expr);
    else if (st.kind === 'sort') st.keys.forEach((k) => check(k.field));
    else if (st.kind === 'select') st.fields.forEach(check);
    else if (st.kind === 'top' && st.by) check(st.by);
    else if (st.kind === 'count' && st.by.length) {
      st.by.forEach(check);
      fields = [...st.by.map((b) => b.name), 'count'];
      title = `${title} by ${st.by.map((b) => b.name).join(', ')}`;
    }
  }
  if (!out.length && s.output?.kind === 'chart') [s.output.x, s.output.y].forEach(check);
  return out;
}

/** The cell's problems: the first parse error, else the unknown fields of each statement. */
export function diagnostics(text: string): Diagnostic[] {
  try {
    const cell = parseCell(text);
    return cell.statements.flatMap(fieldProblems).map((e) => at(text, e.message, e.pos!));
  } catch (err) {
    if (!(err instanceof SlipsError)) throw err;
    const pos = err.pos ?? { line: 1, col: 1, offset: 0, end: text.length };
    return [at(text, err.message, pos)];
  }
}

/** The facts of a loaded session that completion offers (sorted, so the list is stable). */
export function factsOf(
  evidence: readonly { id: string; evidenceType: string }[],
  ips: Iterable<string>,
): SessionFacts {
  return {
    ips: [...ips].sort(),
    evidenceTypes: [...new Set(evidence.map((e) => e.evidenceType))].sort(),
    evidenceIds: evidence.map((e) => e.id),
  };
}
