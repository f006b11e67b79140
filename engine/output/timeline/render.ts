// A timeline entry as one human line, the way Kalipso showed it (4.1.6):
// `2020/12/18 14:00:05 HTTPS to www.example.com [93.184.216.34] 443/TCP established Sent:517 Recv:4210 Tot:4.62Kb SN:...`
import { fileStamp } from '../format/time';
import { UNKNOWN, type TimelineEntry } from './activity';

function value(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function renderEntry(e: TimelineEntry): string {
  const a = e.activity;
  const when = fileStamp(e.ts).replace('T', ' ').replace(/-/g, '/');
  const peer = String(a.daddr ?? a.saddr ?? '');
  const names = a.dns_resolution;
  const who = names === UNKNOWN || names === undefined ? peer : `${value(names)} [${peer}]`;
  const parts = [
    when,
    value(a.dport_name),
    value(a.preposition),
    who,
    value(a['dport/proto']),
    value(a.state),
  ];
  parts.push(
    `Sent:${value(a.sent)}`,
    `Recv:${value(a.recv)}`,
    `Tot:${value(a.tot)}`,
    `Dur:${value(a.duration)}`,
  );
  const info = a.info;
  if (info !== null && typeof info === 'object')
    for (const [k, v] of Object.entries(info as Record<string, unknown>))
      if (v !== '') parts.push(`${k}:${value(v)}`);
  if (a.warning) parts.push(`Warning:${value(a.warning)}`);
  if (a['critical warning']) parts.push(`Critical:${value(a['critical warning'])}`);
  return parts.join(' ');
}
