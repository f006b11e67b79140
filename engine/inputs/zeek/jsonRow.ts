// ZeekRow over one decoded JSON object. Zeek's JSON writer uses dotted keys (`"id.orig_h"`); other tools
// nest them (`{"id": {"orig_h": ...}}`), so a dotted name falls back to walking the nesting.
import { parseTimestamp } from '../timestamps';
import { decodeZeekEscapes } from './zeekEscapes';
import { textToBool, type FieldTable, type ZeekRow } from './zeekRow';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function dig(obj: Json, path: readonly string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (!isObject(v)) return undefined;
    v = v[k];
  }
  return v;
}

function text(v: unknown): string {
  if (typeof v === 'string') return decodeZeekEscapes(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).join(',');
  return '';
}

export class JsonRow implements ZeekRow {
  bad = '';
  private obj: Json = {};
  private table: FieldTable<string> | undefined;

  load(obj: Json, table: FieldTable<string>): void {
    this.obj = obj;
    this.table = table;
    this.bad = '';
  }

  /** The first present value among the slot's names; null counts as absent. */
  private value(slot: number): unknown {
    const t = this.table!;
    const alts = t.names[slot]!;
    for (let i = 0; i < alts.length; i++) {
      let v = this.obj[alts[i]!];
      if (v === undefined && t.paths[slot]![i]!.length > 1) v = dig(this.obj, t.paths[slot]![i]!);
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  }

  private number(slot: number, v: unknown): number {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? +v : NaN;
    if (n - n === 0) return n;
    if (this.bad === '') this.bad = `${this.table!.names[slot]![0]} is not a number: ${JSON.stringify(v)}`;
    return 0;
  }

  str(slot: number): string {
    return text(this.value(slot));
  }

  num(slot: number): number {
    const v = this.value(slot);
    return v === undefined || v === '' ? 0 : this.number(slot, v);
  }

  time(slot: number): number {
    const v = this.value(slot);
    if (typeof v === 'number') return v - v === 0 ? v : NaN;
    if (typeof v !== 'string' || v.length === 0) return NaN;
    const n = +v;
    return n - n === 0 ? n : (parseTimestamp(v) ?? NaN);
  }

  list(slot: number): string[] {
    const v = this.value(slot);
    if (v === undefined || v === '') return [];
    return Array.isArray(v) ? v.map(text) : [text(v)];
  }

  numList(slot: number): number[] {
    const v = this.value(slot);
    if (v === undefined || v === '') return [];
    return Array.isArray(v) ? v.map((x) => this.number(slot, x)) : [this.number(slot, v)];
  }

  bool(slot: number): boolean | undefined {
    const v = this.value(slot);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    return typeof v === 'string' ? textToBool(v) : undefined;
  }

  raw(slot: number): string {
    const v = this.value(slot);
    return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  }
}
