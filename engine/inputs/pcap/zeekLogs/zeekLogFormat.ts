// Zeek's two log encodings for one row: the ASCII writer's TSV (tab-separated, `,` between container
// elements, `-` unset, `(empty)` an empty container, times and intervals with six decimals, bytes that
// would break the format written `\xNN`) and its JSON writer (one object per line, unset fields left
// out, times as epoch seconds).
import type { Column, ColumnValue, LogSpec, ZeekType } from './zeekLogColumns';

export const SEPARATOR = '\t';
export const SET_SEPARATOR = ',';
export const EMPTY_FIELD = '(empty)';
export const UNSET_FIELD = '-';

const REAL: ReadonlySet<ZeekType> = new Set(['time', 'interval', 'vector[interval]']);

/** Escapes what the reader would take for structure: the separators, control bytes and `\` itself. */
function escape(v: string, inContainer: boolean): string {
  if (v === UNSET_FIELD) return '\\x2d';
  if (v === EMPTY_FIELD) return '\\x28empty)';
  let out = '';
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch < 0x20 || ch === 0x7f || ch === 0x5c || (inContainer && ch === 0x2c)) {
      out += v.slice(start, i) + '\\x' + ch.toString(16).padStart(2, '0');
      start = i + 1;
    }
  }
  return start === 0 ? v : out + v.slice(start);
}

function scalar(v: string | number | boolean, type: ZeekType, inContainer: boolean): string {
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return REAL.has(type) ? v.toFixed(6) : String(Math.trunc(v));
  return escape(v, inContainer);
}

export function tsvValue(v: ColumnValue, type: ZeekType): string {
  if (v === undefined) return UNSET_FIELD;
  if (typeof v === 'object') {
    if (v.length === 0) return EMPTY_FIELD;
    return (v as readonly (string | number)[]).map((x) => scalar(x, type, true)).join(SET_SEPARATOR);
  }
  return scalar(v, type, false);
}

/** The header lines up to and including #types; `open` is Zeek's #open stamp. */
export function tsvHeader(spec: LogSpec, open: string): string {
  return (
    `#separator \\x09\n#set_separator${SEPARATOR}${SET_SEPARATOR}\n#empty_field${SEPARATOR}${EMPTY_FIELD}\n` +
    `#unset_field${SEPARATOR}${UNSET_FIELD}\n#path${SEPARATOR}${spec.path}\n#open${SEPARATOR}${open}\n` +
    `#fields${SEPARATOR}${spec.columns.map((c) => c.name).join(SEPARATOR)}\n` +
    `#types${SEPARATOR}${spec.columns.map((c) => c.type).join(SEPARATOR)}\n`
  );
}

export function tsvFooter(close: string): string {
  return `#close${SEPARATOR}${close}\n`;
}

export function tsvRow<R>(columns: readonly Column<R>[], r: R): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    if (i > 0) line += SEPARATOR;
    line += tsvValue(col.get(r), col.type);
  }
  return line + '\n';
}

export function jsonRow<R>(columns: readonly Column<R>[], r: R): string {
  const o: Record<string, unknown> = {};
  for (const col of columns) {
    const v = col.get(r);
    if (v === undefined) continue;
    o[col.name] = typeof v === 'number' && !REAL.has(col.type) ? Math.trunc(v) : v;
  }
  return JSON.stringify(o) + '\n';
}

/** Zeek's #open/#close stamp (`YYYY-MM-DD-HH-MM-SS`, UTC here) of a traffic time. */
export function zeekStamp(ts: number): string {
  const d = new Date(Math.floor(ts) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-` +
    `${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}`
  );
}
