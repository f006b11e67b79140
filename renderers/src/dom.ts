// The only way the renderers build DOM: elements whose text is set with textContent. A capture can come
// from an attacker, so no string from a payload ever reaches innerHTML, an attribute that runs code, or a URL.
import type { ColumnType, Value } from '../../kernel/protocol';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Epoch seconds → ISO 8601 UTC, with the microseconds the engine keeps. */
export function isoTime(ts: number): string {
  const whole = Math.floor(ts);
  const micros = Math.round((ts - whole) * 1e6);
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  return micros ? `${base}.${String(micros).padStart(6, '0')}Z` : `${base}Z`;
}

export function formatValue(v: Value | undefined, type: ColumnType = 'string'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (type === 'time') return isoTime(v);
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  }
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
}

export interface Column {
  name: string;
  type?: ColumnType;
}

/** A table whose every cell is text; numbers align right. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly (Value | undefined)[])[],
): HTMLTableElement {
  const t = el('table', 'slips-table');
  const head = t.createTHead().insertRow();
  for (const c of columns) head.appendChild(el('th', c.type === 'number' ? 'num' : undefined, c.name));
  t.createTBody();
  appendRows(t, columns, rows);
  return t;
}

/** More rows at the end of a table made by `table` (a page fetched later). */
export function appendRows(
  t: HTMLTableElement,
  columns: readonly Column[],
  rows: readonly (readonly (Value | undefined)[])[],
): void {
  const body = t.tBodies[0]!;
  for (const r of rows) {
    const tr = body.insertRow();
    r.forEach((v, i) => {
      const type = columns[i]?.type ?? 'string';
      tr.appendChild(el('td', type === 'number' ? 'num' : undefined, formatValue(v, type)));
    });
  }
}

export function heading(text: string, note?: string): HTMLElement {
  const h = el('div', 'slips-title', text);
  if (note) h.appendChild(el('span', 'slips-note', ` ${note}`));
  return h;
}

export function shown(total: number, rows: number): string {
  return total > rows ? `(showing ${rows} of ${total} rows)` : `(${total} row${total === 1 ? '' : 's'})`;
}
