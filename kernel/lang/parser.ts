// Tokens → statements. A recursive-descent parser that stops at the first mistake with one sentence:
// where it is, what was expected there, what was found, and the nearest known word when the found one
// looks like a typo of a command, source, stage or operator.
import { isIP } from 'node:net';
import { parseCidr } from '../../engine/net/cidr';
import type {
  CaptureBlockNode,
  Cell,
  ChartForm,
  ChartMark,
  CompareOp,
  ExportFormat,
  Expr,
  Literal,
  LoadOptionNode,
  Name,
  OptionNode,
  QueryOutput,
  SortKey,
  Stage,
  Statement,
} from './ast';
import { SlipsError, type Pos } from './errors';
import { lex } from './lexer';
import { didYouMean } from './suggest';
import { describeToken, type Operator, type Token } from './tokens';
import {
  CHART_FORMS,
  BLOCK_MODES,
  CAPTURE_CLAUSES,
  CHART_MARKS,
  COMMANDS,
  CONDITION_WORDS,
  EXPORT_FORMATS,
  LOAD_OPTIONS,
  QUERY_OUTPUTS,
  SOURCES,
  STAGES,
  isSource,
} from './vocabulary';

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMPARE_OPS = new Set<Operator>(['==', '!=', '<', '<=', '>', '>=']);
const VALUE_HINT =
  'a value (a number, "string", word, IP address, range like 10.0.0.0/8 or duration like 5m)';

export function parseCell(text: string): Cell {
  return new Parser(lex(text)).cell();
}

/** A bare word as a value: number, duration, IP, range, true/false, or else a string. */
export function wordLiteral(text: string, pos: Pos): Literal {
  if (NUMBER.test(text)) return { kind: 'number', value: Number(text), text, pos };
  const d = DURATION.exec(text);
  if (d) return { kind: 'duration', value: Number(d[1]) * SECONDS[d[2]!]!, text, pos };
  if (isIP(text)) return { kind: 'ip', value: text, pos };
  if (text.includes('/') && parseCidr(text)) return { kind: 'cidr', value: text, pos };
  if (text === 'true' || text === 'false') return { kind: 'bool', value: text === 'true', pos };
  return { kind: 'string', value: text, pos };
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  cell(): Cell {
    const statements: Statement[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.peek().kind === 'eof') return { statements };
      statements.push(this.statement());
      const t = this.peek();
      if (t.kind !== 'eof' && t.kind !== 'newline' && !this.isOp(t, ';'))
        throw this.error(t, 'the end of the statement (a new line or ;)');
    }
  }

  private statement(): Statement {
    const t = this.peek();
    if (t.kind !== 'word')
      throw this.error(
        t,
        'a command (load, capture, profile, timeline, letters, explain, chart, detect, blocking) or a source (flows, profiles, evidence, …)',
      );
    switch (t.text) {
      case 'load':
        return this.load();
      case 'capture':
        return this.capture();
      case 'blocking':
        this.next();
        return { kind: 'blocking', pos: t.pos };
      case 'profile':
        this.next();
        return { kind: 'profile', ip: this.ip('profile'), pos: t.pos };
      case 'timeline':
      case 'letters': {
        this.next();
        const ip = this.ip(t.text);
        const tw = this.optionalWindow();
        return { kind: t.text, ip, tw, pos: t.pos };
      }
      case 'explain': {
        this.next();
        const id = this.peek();
        if (id.kind !== 'word' && id.kind !== 'string') throw this.error(id, 'an evidence id after explain');
        this.next();
        return {
          kind: 'explain',
          id: { name: id.kind === 'word' ? id.text : id.value, pos: id.pos },
          pos: t.pos,
        };
      }
      case 'chart':
        this.next();
        return { kind: 'chart', form: this.chartForm(), pos: t.pos };
      case 'detect':
        return this.detect();
      default:
        if (isSource(t.text) || t.text === 'conn') return this.query();
        throw new SlipsError(
          `unknown command or source '${t.text}'.${didYouMean(t.text, [...COMMANDS, ...SOURCES])}` +
            ' A cell starts with load, capture, profile, timeline, letters, explain, chart, detect, blocking, or a source such as flows, dns, profiles, evidence, alerts.',
          t.pos,
        );
    }
  }

  private load(): Statement {
    const start = this.next();
    const p = this.peek();
    let path: string;
    if (p.kind === 'word') path = p.text;
    else if (p.kind === 'string') path = p.value;
    else throw this.error(p, 'the path of a capture, log folder or flow file after load');
    this.next();
    const options: LoadOptionNode[] = [];
    while (this.peek().kind === 'word') options.push(this.option('load option', LOAD_OPTIONS));
    return { kind: 'load', path, pathPos: p.pos, options, pos: start.pos };
  }

  /**
   * `capture IFACE` then, in any order and each at most once: `filter "BPF"`, `for DURATION`,
   * `block [confirm|dry-run]` and the load options (`width=…` …).
   */
  private capture(): Statement {
    const start = this.next();
    const i = this.peek();
    const bare = i.kind === 'word' && !(CAPTURE_CLAUSES as readonly string[]).includes(i.text);
    if (!(bare || i.kind === 'string') || this.isOp(this.peek(1), '='))
      throw this.error(i, 'the name of a network interface after capture (e.g. capture eth0)');
    this.next();
    const iface = i.kind === 'word' ? i.text : (i as { value: string }).value;
    let filter: { value: string; pos: Pos } | undefined;
    let duration: Literal | undefined;
    let block: CaptureBlockNode | undefined;
    const options: LoadOptionNode[] = [];
    const once = (given: unknown, t: Token) => {
      if (given !== undefined) throw new SlipsError(`${(t as { text: string }).text} is given twice`, t.pos);
    };
    for (let t = this.peek(); t.kind === 'word'; t = this.peek()) {
      if (t.text === 'filter') {
        once(filter, t);
        this.next();
        const f = this.peek();
        if (f.kind === 'string') filter = { value: f.value, pos: f.pos };
        else if (f.kind === 'word') filter = { value: f.text, pos: f.pos };
        else
          throw this.error(
            f,
            'a capture filter after filter, in quotes if it has spaces (e.g. filter "tcp port 80")',
          );
        this.next();
      } else if (t.text === 'for') {
        once(duration, t);
        this.next();
        const d = this.value('how long to capture after for (e.g. for 30s, for 5m, for 1h)');
        if ((d.kind !== 'duration' && d.kind !== 'number') || !(d.value > 0))
          throw new SlipsError('the capture lasts a positive duration like 30s, 5m or 1h', d.pos);
        duration = d;
      } else if (t.text === 'block') {
        once(block, t);
        this.next();
        const m = this.peek();
        const mode =
          m.kind === 'word' && (BLOCK_MODES as readonly string[]).includes(m.text) ? m.text : undefined;
        if (mode) this.next();
        block = { mode: (mode ?? 'ask') as CaptureBlockNode['mode'], pos: t.pos };
      } else if (this.isOp(this.peek(1), '=')) {
        const o = this.option('capture option', LOAD_OPTIONS);
        if (options.some((x) => x.name.name === o.name.name))
          throw new SlipsError(`${o.name.name} is given twice`, o.name.pos);
        options.push(o);
      } else {
        const known = [...CAPTURE_CLAUSES, ...BLOCK_MODES];
        throw new SlipsError(
          `unexpected '${t.text}' in capture.${didYouMean(t.text, known)} After the interface come filter "BPF", for DURATION, block [confirm|dry-run] and ${LOAD_OPTIONS.map((o) => o + '=…').join(', ')}.`,
          t.pos,
        );
      }
    }
    return {
      kind: 'capture',
      iface: { name: iface, pos: i.pos },
      filter,
      duration,
      block,
      options,
      pos: start.pos,
    };
  }

  /** `name=value[,value…]`, the name one of `known`. */
  private option(what: string, known: readonly string[]): OptionNode {
    const nameTok = this.next() as Extract<Token, { kind: 'word' }>;
    if (!known.includes(nameTok.text))
      throw new SlipsError(
        `unknown ${what} '${nameTok.text}'.${didYouMean(nameTok.text, known)} Options are ${known.map((o) => o + '=…').join(', ')}.`,
        nameTok.pos,
      );
    const eq = this.peek();
    if (!this.isOp(eq, '=')) throw this.error(eq, `'=' and a value after ${nameTok.text}`);
    this.next();
    const values = [this.value(`a value for ${nameTok.text}`)];
    while (this.isOp(this.peek(), ',')) {
      this.next();
      values.push(this.value(`another value for ${nameTok.text}`));
    }
    return { name: { name: nameTok.text, pos: nameTok.pos }, values };
  }

  private chartForm(): ChartForm {
    const t = this.peek();
    const forms = Object.keys(CHART_FORMS);
    if (t.kind !== 'word' || !forms.includes(t.text)) {
      const hint = t.kind === 'word' ? didYouMean(t.text, forms) : '';
      throw new SlipsError(
        `expected what to chart, found ${describeToken(t)}.${hint} Charts are ${Object.values(CHART_FORMS)
          .map((f) => `chart ${f}`)
          .join('; ')}; or end a query with | chart bar|line x=FIELD y=FIELD.`,
        t.pos,
      );
    }
    this.next();
    switch (t.text as keyof typeof CHART_FORMS) {
      case 'flows': {
        this.keyword('over', 'chart flows over time');
        this.keyword('time', 'chart flows over time');
        let interval: Literal | undefined;
        if (this.peekWord('by')) {
          this.next();
          interval = this.value('an interval after by (e.g. by 5m)');
          if (interval.kind !== 'duration' && interval.kind !== 'number')
            throw new SlipsError('the interval is a duration like 1m, 5m or 1h', interval.pos);
          if (!(interval.value >= 1))
            throw new SlipsError('the interval is at least one second (e.g. 1s, 1m, 1h)', interval.pos);
        }
        const ip = this.peekWord('for') ? (this.next(), this.ip('for')) : undefined;
        return { kind: 'flowsOverTime', interval, ip };
      }
      case 'bytes': {
        this.keyword('by', 'chart bytes by dport');
        const field = this.field('what to sum bytes by (e.g. chart bytes by dport)');
        return { kind: 'bytesBy', field, top: this.optionalTop() };
      }
      case 'destinations': {
        this.keyword('of', 'chart destinations of 192.168.1.10');
        const ip = this.ip('destinations of');
        return { kind: 'destinations', ip, top: this.optionalTop() };
      }
      case 'evidence': {
        this.keyword('over', 'chart evidence over windows');
        this.keyword('windows', 'chart evidence over windows');
        const ip = this.peekWord('for') ? (this.next(), this.ip('for')) : undefined;
        return { kind: 'evidenceOverWindows', ip };
      }
    }
  }

  private optionalTop(): number | undefined {
    if (!this.peekWord('top')) return undefined;
    this.next();
    const n = this.integer('how many bars to keep (e.g. top 10)');
    if (n === 0) throw new SlipsError('top keeps at least one bar', this.tokens[this.i - 1]!.pos);
    return n;
  }

  /** The word `w`, as part of the phrase `example`. */
  private keyword(w: string, example: string): void {
    const t = this.peek();
    if (t.kind === 'word' && t.text === w) {
      this.next();
      return;
    }
    throw this.error(t, `'${w}' (as in ${example})`);
  }

  private detect(): Statement {
    const start = this.next();
    const f = this.peek();
    if (f.kind !== 'word' || !IDENT.test(f.text))
      throw this.error(
        f,
        'a detection to run after detect (portscan, horizontal, vertical or a module name)',
      );
    this.next();
    const params: OptionNode[] = [];
    while (this.peek().kind === 'word' && !this.peekWord('on') && this.isOp(this.peek(1), '='))
      params.push(this.option('detect parameter', ['threshold']));
    const ip = this.peekWord('on') ? (this.next(), this.ip('on')) : undefined;
    return { kind: 'detect', family: { name: f.text, pos: f.pos }, params, ip, pos: start.pos };
  }

  /** `chart bar|line x=F y=F` or `export FORMAT PATH` after the last `|` of a query. */
  private queryOutput(): QueryOutput {
    const t = this.next() as Extract<Token, { kind: 'word' }>;
    if (t.text === 'chart') {
      const m = this.peek();
      if (m.kind !== 'word' || !(CHART_MARKS as readonly string[]).includes(m.text))
        throw this.error(m, `a chart type after chart (${CHART_MARKS.join(' or ')})`);
      this.next();
      const axes: Partial<Record<'x' | 'y', Name>> = {};
      while (this.peek().kind === 'word') {
        const opt = this.option('chart axis', ['x', 'y']);
        const key = opt.name.name as 'x' | 'y';
        if (axes[key]) throw new SlipsError(`${key} is given twice`, opt.name.pos);
        const v = opt.values[0]!;
        if (opt.values.length > 1 || v.kind !== 'string' || !IDENT.test(v.value))
          throw new SlipsError(`${key} is one field name (e.g. ${key}=dport)`, v.pos);
        axes[key] = { name: v.value, pos: v.pos };
      }
      if (!axes.x || !axes.y)
        throw this.error(this.peek(), `${axes.x ? 'y' : 'x'}=FIELD (a chart needs x=FIELD y=FIELD)`);
      return { kind: 'chart', mark: m.text as ChartMark, x: axes.x, y: axes.y, pos: t.pos };
    }
    const f = this.peek();
    if (f.kind !== 'word' || !(EXPORT_FORMATS as readonly string[]).includes(f.text)) {
      const hint = f.kind === 'word' ? didYouMean(f.text, EXPORT_FORMATS) : '';
      throw new SlipsError(
        `expected a file format after export (${EXPORT_FORMATS.join(', ')}), found ${describeToken(f)}.${hint}`,
        f.pos,
      );
    }
    this.next();
    const p = this.peek();
    if (p.kind !== 'word' && p.kind !== 'string')
      throw this.error(p, `the path of the ${f.text} file to write`);
    this.next();
    return {
      kind: 'export',
      format: f.text as ExportFormat,
      path: p.kind === 'word' ? p.text : p.value,
      pathPos: p.pos,
      pos: t.pos,
    };
  }

  private ip(command: string): Literal {
    const t = this.peek();
    if (t.kind === 'word' && isIP(t.text)) {
      this.next();
      return { kind: 'ip', value: t.text, pos: t.pos };
    }
    throw this.error(t, `an IP address after ${command} (e.g. ${command} 192.168.1.10)`);
  }

  private optionalWindow(): number | undefined {
    const t = this.peek();
    if (t.kind !== 'word' || t.text !== 'tw') return undefined;
    this.next();
    return this.integer('a time-window number after tw', true);
  }

  private query(): Statement {
    const t = this.next() as Extract<Token, { kind: 'word' }>;
    const source: Name = { name: t.text === 'conn' ? 'flows' : t.text, pos: t.pos };
    const stages: Stage[] = [];
    let output: QueryOutput | undefined;
    for (;;) {
      // A line that starts with | continues the pipeline of the line above.
      let j = this.i;
      while (this.tokens[j]!.kind === 'newline') j++;
      if (!this.isOp(this.tokens[j]!, '|')) break;
      if (output)
        throw new SlipsError(
          `${output.kind} ends the query: nothing can follow it (put it after the last stage)`,
          this.tokens[j]!.pos,
        );
      this.i = j + 1;
      const w = this.peek();
      if (w.kind === 'word' && (QUERY_OUTPUTS as readonly string[]).includes(w.text))
        output = this.queryOutput();
      else stages.push(this.stage());
    }
    return { kind: 'query', source, stages, output, pos: t.pos };
  }

  private stage(): Stage {
    const t = this.peek();
    if (t.kind !== 'word')
      throw this.error(t, `a stage after '|' (${[...STAGES, ...QUERY_OUTPUTS].join(', ')})`);
    this.next();
    switch (t.text) {
      case 'where':
        return { kind: 'where', expr: this.or(), pos: t.pos };
      case 'count': {
        const by = this.peekWord('by') ? (this.next(), this.fieldList('a field to count by')) : [];
        return { kind: 'count', by, pos: t.pos };
      }
      case 'sort': {
        const keys: SortKey[] = [];
        do {
          if (keys.length) this.next();
          const field = this.field('a field to sort by');
          let descending = false;
          if (this.peekWord('desc') || this.peekWord('asc'))
            descending = (this.next() as { text: string }).text === 'desc';
          keys.push({ field, descending });
        } while (this.isOp(this.peek(), ','));
        return { kind: 'sort', keys, pos: t.pos };
      }
      case 'top': {
        const n = this.integer('how many rows top keeps (e.g. top 10)');
        const by = this.peekWord('by') ? (this.next(), this.field('a field to rank by')) : undefined;
        return { kind: 'top', n, by, pos: t.pos };
      }
      case 'limit':
        return { kind: 'limit', n: this.integer('how many rows to keep (e.g. limit 100)'), pos: t.pos };
      case 'select':
        return { kind: 'select', fields: this.fieldList('a field to select'), pos: t.pos };
      default:
        throw new SlipsError(
          `unknown stage '${t.text}'.${didYouMean(t.text, [...STAGES, ...QUERY_OUTPUTS])} Stages are ${STAGES.join(', ')}; a query can end with chart or export.`,
          t.pos,
        );
    }
  }

  private or(): Expr {
    let left = this.and();
    while (this.peekWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.peekWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    const t = this.peek();
    if (t.kind === 'word' && t.text === 'not') {
      this.next();
      return { kind: 'not', expr: this.not(), pos: t.pos };
    }
    if (this.isOp(t, '(')) {
      this.next();
      const e = this.or();
      const close = this.peek();
      if (!this.isOp(close, ')'))
        throw this.error(close, "')' to close the '(' at " + `${t.pos.line}:${t.pos.col}`);
      this.next();
      return e;
    }
    return this.condition();
  }

  private condition(): Expr {
    const field = this.field('a condition (e.g. dport == 443)');
    const t = this.peek();
    if (t.kind === 'op' && COMPARE_OPS.has(t.op)) {
      this.next();
      return {
        kind: 'compare',
        field,
        op: t.op as CompareOp,
        value: this.value(`${VALUE_HINT} after '${t.op}'`),
      };
    }
    if (t.kind === 'word') {
      if (t.text === 'not' && this.peekWord('in', 1)) {
        this.next();
        const inExpr = this.inList(field);
        return { kind: 'not', expr: inExpr, pos: t.pos };
      }
      if (t.text === 'in') return this.inList(field);
      if (t.text === 'contains') {
        this.next();
        return { kind: 'contains', field, value: this.value(`${VALUE_HINT} after contains`) };
      }
      if (t.text === 'matches') {
        this.next();
        const r = this.peek();
        if (r.kind === 'regex') {
          this.next();
          return { kind: 'matches', field, source: r.source, flags: r.flags, pos: r.pos };
        }
        if (r.kind === 'string') {
          this.next();
          return { kind: 'matches', field, source: r.value, flags: '', pos: r.pos };
        }
        throw this.error(r, 'a /pattern/ after matches (e.g. matches /\\.ru$/i)');
      }
      const hint = didYouMean(t.text, CONDITION_WORDS);
      if (hint)
        throw new SlipsError(`expected an operator after ${field.name}, found '${t.text}'.${hint}`, t.pos);
    }
    throw this.error(t, `an operator after ${field.name} (==, !=, <, <=, >, >=, in, contains, matches)`);
  }

  private inList(field: Name): Expr {
    const inTok = this.next();
    const t = this.peek();
    if (this.isOp(t, '[')) {
      this.next();
      const values: Literal[] = [];
      while (!this.isOp(this.peek(), ']')) {
        if (values.length) {
          const comma = this.peek();
          if (!this.isOp(comma, ',')) throw this.error(comma, "',' or ']' in the list");
          this.next();
        }
        values.push(this.value(`${VALUE_HINT} in the list`));
      }
      this.next();
      if (values.length === 0)
        throw new SlipsError('the list after in is empty: give at least one value', t.pos);
      return { kind: 'in', field, values, pos: inTok.pos };
    }
    const v = this.value('a range like 10.0.0.0/8 or a list like [80, 443] after in');
    return { kind: 'in', field, values: [v], pos: inTok.pos };
  }

  private value(what: string): Literal {
    const t = this.peek();
    if (t.kind === 'string') {
      this.next();
      return { kind: 'string', value: t.value, pos: t.pos };
    }
    if (t.kind === 'word') {
      this.next();
      return wordLiteral(t.text, t.pos);
    }
    throw this.error(t, what);
  }

  private field(what: string): Name {
    const t = this.peek();
    if (t.kind === 'word' && IDENT.test(t.text)) {
      this.next();
      return { name: t.text, pos: t.pos };
    }
    throw this.error(t, `${what}: a field name`);
  }

  private fieldList(what: string): Name[] {
    const fields = [this.field(what)];
    while (this.isOp(this.peek(), ',')) {
      this.next();
      fields.push(this.field(what));
    }
    return fields;
  }

  private integer(what: string, allowNegative = false): number {
    const t = this.peek();
    if (t.kind === 'word' && (allowNegative ? /^-?\d+$/ : /^\d+$/).test(t.text)) {
      this.next();
      return Number(t.text);
    }
    throw this.error(t, `${what}: a whole number`);
  }

  private skipSeparators(): void {
    while (this.peek().kind === 'newline' || this.isOp(this.peek(), ';')) this.i++;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  private peekWord(w: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.text === w;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isOp(t: Token, op: Operator): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private error(found: Token, expected: string): SlipsError {
    return new SlipsError(`expected ${expected}, found ${describeToken(found)}`, found.pos);
  }
}
