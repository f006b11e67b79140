// A timeline entry as Kalipso shows it (8.1): one coloured line (time cut at the second, port name,
// preposition, DNS names, [ip], port/PROTO, state, warning, Sent/Recv/Tot, critical warning, info), and
// an HTTP request expanded into indented Request / Status Code / MIME / UA rows below it.
import { fileStamp } from '../output/format/time';
import { UNKNOWN, type TimelineEntry } from '../output/timeline/activity';
import type { Line, Segment } from './text';

const HTTP_KEYS = ['Request', 'Status Code', 'MIME', 'UA'];
/** Info keys upstream shows with its own label spelling. */
const INFO_LABEL: Record<string, string> = {
  query: 'Query',
  answers: 'Answers',
  server_name: 'SN',
  trusted: 'Trusted',
  resumed: 'Resumed',
  version: 'Version',
};

function text(v: unknown): string {
  if (Array.isArray(v)) return v.map(text).join(',');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function isHttp(info: Record<string, unknown>): boolean {
  return HTTP_KEYS.some((k) => k in info);
}

function infoObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** How many rows the entry takes: the line and one per HTTP field present. */
export function rowCount(e: TimelineEntry): number {
  const info = infoObject(e.activity.info);
  return info && isHttp(info) ? 1 + HTTP_KEYS.filter((k) => k in info).length : 1;
}

/** Row `sub` of the entry: 0 is the line, 1.. the HTTP fields. */
export function entryRow(e: TimelineEntry, sub: number): Line {
  const info = infoObject(e.activity.info);
  if (sub > 0 && info) {
    const key = HTTP_KEYS.filter((k) => k in info)[sub - 1]!;
    return [
      { text: '    ' },
      { text: `${key}: `, style: 'infoKey' },
      { text: text(info[key]), style: 'info' },
    ];
  }
  return mainLine(e, info);
}

function mainLine(e: TimelineEntry, info: Record<string, unknown> | undefined): Line {
  const a = e.activity;
  const segs: Segment[] = [];
  const add = (t: string, style?: Segment['style']) => {
    if (segs.length) segs.push({ text: ' ' });
    segs.push({ text: t, style });
  };
  add(fileStamp(e.ts).replace('T', ' ').replace(/-/g, '/'));
  add(text(a.dport_name), 'port');
  add(text(a.preposition));
  const names = a.dns_resolution;
  if (names !== undefined && names !== UNKNOWN) add(text(names), 'dns');
  add(`[${text(a.daddr ?? a.saddr ?? '')}]`, 'ip');
  add(text(a['dport/proto']), 'portProto');
  add(text(a.state));
  if (a.warning) add(text(a.warning), 'warning');
  add(`Sent:${text(a.sent)} Recv:${text(a.recv)} Tot:${text(a.tot)}`, 'warning');
  if (a['critical warning']) add(text(a['critical warning']), 'critical');
  if (info && !isHttp(info))
    for (const [k, v] of Object.entries(info)) {
      if (v === '' || v === undefined) continue;
      add(`${INFO_LABEL[k] ?? k}:`, 'infoKey');
      segs.push({ text: text(v), style: 'info' });
    }
  return segs;
}
