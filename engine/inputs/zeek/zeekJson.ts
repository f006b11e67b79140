// Zeek's JSON logs (`LogAscii::use_json=T`, what Slips runs Zeek with): one object per line. A line that is
// not a JSON object is rejected with its line number; `#` lines (a header left in by a converter) are not
// records. Each object may name its log in `_path` (RITA and Zeek's JSON streaming do).
import type { FlowRecord } from '../../flow';
import { recordProblem } from './zeekCheck';
import { chooseKind, unsupportedReason, type KindChoice, type ZeekParserOptions } from './zeekKindChoice';
import { JsonRow } from './jsonRow';

export class ZeekJsonParser {
  private readonly row = new JsonRow();
  private readonly byPath = new Map<string | undefined, KindChoice>();

  constructor(private readonly opts: ZeekParserOptions) {}

  parse(line: string, lineNo: number): FlowRecord | undefined {
    const t = line.trim();
    if (t.length === 0 || t.charCodeAt(0) === 35) return undefined;
    const acc = this.opts.accounting;
    if (t.indexOf('\uFFFD') !== -1) {
      acc.reject(this.opts.file, lineNo, 'line is not valid UTF-8 text');
      return undefined;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch (e) {
      acc.reject(this.opts.file, lineNo, `invalid JSON: ${(e as Error).message}`);
      return undefined;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      acc.reject(this.opts.file, lineNo, 'line is not a JSON object');
      return undefined;
    }
    const o = obj as Record<string, unknown>;
    const { spec, type } = this.choice(typeof o._path === 'string' ? o._path.toLowerCase() : undefined);
    if (spec === undefined) {
      acc.skip(unsupportedReason(type));
      return undefined;
    }
    this.row.load(o, spec.table);
    const rec = spec.build(this.row, this.opts.file, lineNo);
    const problem = recordProblem(rec, this.row, spec.addresses);
    if (problem !== undefined) {
      acc.reject(this.opts.file, lineNo, problem);
      return undefined;
    }
    acc.accept();
    return rec;
  }

  private choice(declared: string | undefined): KindChoice {
    let c = this.byPath.get(declared);
    if (c === undefined) {
      c = chooseKind(this.opts, declared);
      this.byPath.set(declared, c);
    }
    return c;
  }
}
