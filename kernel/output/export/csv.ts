// Columns → CSV (RFC 4180): a header line, `\r\n` line ends, a field quoted when it holds a comma, a
// quote, a line break or edge spaces, quotes doubled. Times are epoch seconds, as queries compare them;
// lists are JSON arrays. A text cell from traffic that a spreadsheet would run as a formula (starting
// with = + - @ or a tab/CR) gets a leading `'`, the usual guard, so an exported file opened in a
// spreadsheet shows it as text.
import type { Value } from '../../protocol';
import type { ExportTable } from './exportColumns';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function quoteCsv(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return quoteCsv(JSON.stringify(v));
  const s = v as string;
  return quoteCsv(FORMULA_START.test(s) ? `'${s}` : s);
}

export function toCsv(t: ExportTable): string {
  const lines: string[] = [t.columns.map((c) => quoteCsv(c.name)).join(',')];
  for (let r = 0; r < t.rows; r++) {
    let line = '';
    for (let k = 0; k < t.columns.length; k++) {
      if (k) line += ',';
      line += cell(t.columns[k]!.values[r] as Value);
    }
    lines.push(line);
  }
  return lines.join('\r\n') + '\r\n';
}
