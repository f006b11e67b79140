// Zeek's tab-separated logs, line by line. Columns come from each `#fields` header (a log may declare new
// headers mid-file when rotated logs are concatenated); `#separator`, `#set_separator`, `#empty_field`,
// `#unset_field` and `#path` are honoured; `#close` ends the current log. Every data line ends as exactly
// one accept, skip or reject in the accounting.
import type { FlowRecord } from '../../flow';
import { recordProblem } from './zeekCheck';
import { decodeZeekEscapes } from './zeekEscapes';
import type { ZeekKindSpec } from './zeekKindSpec';
import { chooseKind, unsupportedReason, type ZeekParserOptions } from './zeekKindChoice';
import { TsvRow } from './tsvRow';

/** Upstream also splits on runs of two or more spaces when a line has no tabs (hand-edited logs). */
function splitOnSpaceRuns(line: string): string[] {
  const s = line.trim();
  const out: string[] = [];
  let start = 0;
  let i = s.indexOf('  ');
  while (i !== -1) {
    out.push(s.slice(start, i));
    let j = i;
    while (s.charCodeAt(j) === 32) j++;
    start = j;
    i = s.indexOf('  ', start);
  }
  out.push(s.slice(start));
  return out;
}

/** What the line decoder puts where the bytes were not UTF-8; Zeek itself always writes valid text. */
const REPLACEMENT_CHAR = '\uFFFD';

export class ZeekTsvParser {
  private separator = '\t';
  private fields: string[] | undefined;
  private closed = false;
  private declared: string | undefined;
  private dirty = true;
  private spec: ZeekKindSpec | undefined;
  private unsupported = '';
  private columns = 0;
  private readonly row = new TsvRow();

  constructor(private readonly opts: ZeekParserOptions) {}

  /** The record on line `lineNo`, or undefined for headers, blank lines and lines skipped or rejected. */
  parse(line: string, lineNo: number): FlowRecord | undefined {
    const c0 = line.charCodeAt(0);
    if (c0 === 35) {
      this.header(line);
      return undefined;
    }
    if (line.length === 0 || c0 === 9 || c0 === 32) {
      // A header may be indented by a stray tab (test10-mixed-zeek-dir/conn.log); blank lines are not records.
      const t = line.trimStart();
      if (t.length === 0) return undefined;
      if (t.charCodeAt(0) === 35) {
        this.header(t);
        return undefined;
      }
    }
    if (this.dirty) this.resolve();
    const spec = this.spec;
    const acc = this.opts.accounting;
    if (spec === undefined) {
      if (this.unsupported) acc.skip(unsupportedReason(this.unsupported));
      else
        acc.reject(
          this.opts.file,
          lineNo,
          this.closed
            ? 'data line after #close without a new #fields header'
            : 'data line before any #fields header',
        );
      return undefined;
    }
    const row = this.row;
    const count = row.load(line, this.separator);
    if (count !== this.columns) {
      const spaced = count === 1 ? splitOnSpaceRuns(line) : undefined;
      if (spaced !== undefined && spaced.length === this.columns)
        row.load(spaced.join(this.separator), this.separator);
      else {
        acc.reject(
          this.opts.file,
          lineNo,
          `expected ${this.columns} columns (from #fields), found ${spaced?.length ?? count}`,
        );
        return undefined;
      }
    }
    if (line.indexOf(REPLACEMENT_CHAR) !== -1) {
      acc.reject(this.opts.file, lineNo, 'line is not valid UTF-8 text');
      return undefined;
    }
    const rec = spec.build(row, this.opts.file, lineNo);
    const problem = recordProblem(rec, row, spec.addresses);
    if (problem !== undefined) {
      acc.reject(this.opts.file, lineNo, problem);
      return undefined;
    }
    acc.accept();
    return rec;
  }

  private header(text: string): void {
    if (text.startsWith('#separator')) {
      // The only header written with a space, since the separator is not known yet: `#separator \x09`.
      const value = text.slice(11);
      const sep = decodeZeekEscapes(value.trim() || value);
      this.separator = sep.length > 0 ? sep : '\t';
      return;
    }
    let parts = text.split(this.separator);
    if (parts.length === 1) parts = text.split(/\s+/);
    const value = parts[1] ?? '';
    switch (parts[0]) {
      case '#fields':
        this.fields = parts.slice(1);
        this.closed = false;
        this.dirty = true;
        break;
      case '#set_separator':
        this.row.setSeparator = decodeZeekEscapes(value) || ',';
        break;
      case '#empty_field':
        this.row.empty = value;
        break;
      case '#unset_field':
        this.row.unset = value;
        break;
      case '#path':
        this.declared = value.toLowerCase() || undefined;
        this.dirty = true;
        break;
      case '#close':
        this.fields = undefined;
        this.closed = true;
        this.dirty = true;
        break;
    }
  }

  /** Picks the kind and binds its fields to this header's columns, once per header change. */
  private resolve(): void {
    this.dirty = false;
    const { spec, type } = chooseKind(this.opts, this.declared);
    this.unsupported = spec === undefined ? type : '';
    if (spec === undefined || this.fields === undefined) {
      this.spec = undefined;
      return;
    }
    this.row.bind(spec.table, this.fields);
    this.columns = this.fields.length;
    this.spec = spec;
  }
}
