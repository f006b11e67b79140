// The few lines a person reads after a run: the busiest profiles with their flows, windows, evidence
// and alerts, from the window summaries (closed windows keep them).
import type { Store } from '../store/store';

interface Row {
  ip: string;
  flows: number;
  records: number;
  bytes: number;
  windows: number;
  evidence: number;
  alerts: number;
}

export function profileTable(store: Store, top = 10): string {
  const rows: Row[] = [];
  for (const p of store.profiles()) {
    const r: Row = {
      ip: p.ip,
      flows: 0,
      records: 0,
      bytes: 0,
      windows: p.windows.size + (p.evicted?.windows ?? 0),
      evidence: p.evicted?.evidence ?? 0,
      alerts: p.evicted?.alerts ?? 0,
    };
    r.flows += p.evicted?.flows ?? 0;
    r.records += p.evicted?.records ?? 0;
    r.bytes += p.evicted?.bytes ?? 0;
    for (const tw of p.windows.values()) {
      r.flows += tw.summary.flows;
      r.records += tw.summary.records;
      r.bytes += tw.summary.bytes;
      r.evidence += tw.summary.evidence;
      r.alerts += tw.summary.alerts;
    }
    rows.push(r);
  }
  // Alerts first, then evidence, then activity; the IP breaks ties so the table is the same every run.
  rows.sort(
    (a, b) =>
      b.alerts - a.alerts ||
      b.evidence - a.evidence ||
      b.flows - a.flows ||
      b.records - a.records ||
      (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0),
  );
  const shown = rows.slice(0, top);
  const header = ['profile', 'flows', 'other records', 'bytes', 'windows', 'evidence', 'alerts'];
  const cells = shown.map((r) =>
    [r.ip, r.flows, r.records, r.bytes, r.windows, r.evidence, r.alerts].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  let out = `${rows.length} profiles${rows.length > top ? `, the ${top} most active:` : ':'}\n`;
  out += line(header) + '\n';
  for (const c of cells) out += line(c) + '\n';
  return out;
}
