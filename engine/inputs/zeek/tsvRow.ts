// ZeekRow over the columns of one TSV line. Column indices are resolved once per `#fields` header and a
// line is cut only at the columns a record reads: splitting every line into an array of strings was
// the largest cost of the conn.log hot path (~40% more time than offsets plus the slices we need).
import { parseTimestamp } from '../timestamps';
import { decodeZeekEscapes } from './zeekEscapes';
import { textToBool, type FieldTable, type ZeekRow } from './zeekRow';

export class TsvRow implements ZeekRow {
  bad = '';
  /** `#unset_field`, `#empty_field` and `#set_separator` of the log. */
  unset = '-';
  empty = '(empty)';
  setSeparator = ',';
  private line = '';
  private sepLength = 1;
  /** Where column c starts; column c ends `sepLength` before starts[c + 1] (a sentinel follows the last). */
  private starts = new Int32Array(64);
  private escaped = false;
  private cols = new Int32Array(0);
  private names: readonly (readonly string[])[] = [];

  /** Resolves each slot of `table` to its column in `fields` (-1 when the log lacks the field). */
  bind(table: FieldTable<string>, fields: readonly string[]): void {
    const index = new Map<string, number>();
    fields.forEach((f, i) => {
      if (!index.has(f)) index.set(f, i);
    });
    this.names = table.names;
    this.cols = new Int32Array(table.names.length);
    table.names.forEach((alts, slot) => {
      const hit = alts.find((n) => index.has(n));
      this.cols[slot] = hit === undefined ? -1 : index.get(hit)!;
    });
    if (this.starts.length < fields.length + 2) this.starts = new Int32Array(fields.length + 2);
  }

  /**
   * Points the row at `line` and finds its columns; returns how many there are. Only a line with as many
   * columns as the bound header may be read.
   */
  load(line: string, separator: string): number {
    const starts = this.starts;
    const sepLength = separator.length;
    this.line = line;
    this.sepLength = sepLength;
    this.bad = '';
    this.escaped = line.indexOf('\\x') !== -1;
    let n = 0;
    starts[0] = 0;
    let i = line.indexOf(separator);
    while (i !== -1) {
      n++;
      if (n < starts.length) starts[n] = i + sepLength;
      i = line.indexOf(separator, i + sepLength);
    }
    if (n + 1 < starts.length) starts[n + 1] = line.length + sepLength;
    return n + 1;
  }

  /** The column text, or undefined when absent, unset or empty. */
  private value(slot: number): string | undefined {
    const c = this.cols[slot]!;
    if (c < 0) return undefined;
    const start = this.starts[c]!;
    const end = this.starts[c + 1]! - this.sepLength;
    const length = end - start;
    const line = this.line;
    if (length === this.unset.length && line.startsWith(this.unset, start)) return undefined;
    if (length === this.empty.length && line.startsWith(this.empty, start)) return undefined;
    return line.slice(start, end);
  }

  str(slot: number): string {
    const v = this.value(slot);
    if (v === undefined) return '';
    return this.escaped ? decodeZeekEscapes(v) : v;
  }

  num(slot: number): number {
    const v = this.value(slot);
    if (v === undefined) return 0;
    const n = +v;
    if (n - n === 0) return n;
    if (this.bad === '') this.bad = `${this.names[slot]![0]} is not a number: ${JSON.stringify(v)}`;
    return 0;
  }

  time(slot: number): number {
    const v = this.value(slot);
    if (v === undefined || v.length === 0) return NaN;
    const n = +v;
    if (n - n === 0) return n;
    return parseTimestamp(v) ?? NaN;
  }

  list(slot: number): string[] {
    const v = this.value(slot);
    if (v === undefined || v.length === 0) return [];
    const items = v.split(this.setSeparator);
    return this.escaped ? items.map(decodeZeekEscapes) : items;
  }

  numList(slot: number): number[] {
    const v = this.value(slot);
    if (v === undefined || v.length === 0) return [];
    return v.split(this.setSeparator).map((s) => {
      const n = +s;
      if (n - n === 0) return n;
      if (this.bad === '')
        this.bad = `${this.names[slot]![0]} holds a value that is not a number: ${JSON.stringify(s)}`;
      return 0;
    });
  }

  bool(slot: number): boolean | undefined {
    return textToBool(this.value(slot));
  }

  raw(slot: number): string {
    const c = this.cols[slot]!;
    return c < 0 ? '' : this.line.slice(this.starts[c]!, this.starts[c + 1]! - this.sepLength);
  }
}
