// `timeline IP [tw N]`: the profile's connections in time order, each described by the engine's own
// timeline functions (buildActivity, renderEntry), so the notebook reads like timeline.jsonl. Entries are
// built only for the page shown: a window of 50,000 flows costs a scan of row ids, not 50,000 objects.
import { shippedServiceNames } from '../../engine/data/services';
import { buildActivity } from '../../engine/output/timeline/activity';
import { renderEntry } from '../../engine/output/timeline/render';
import { interpretState } from '../../engine/profiler/state';
import type { Role } from '../../engine/profiler/types';
import { MAX_ROWS, type TimelinePayload, type TimelineRow } from '../protocol';
import type { Loaded } from '../session/session';
import { capValue } from './cap';

export function timelinePayload(
  loaded: Loaded,
  ip: string,
  tw: number | undefined,
  offset = 0,
): TimelinePayload {
  const t = loaded.sink.conn;
  const id = t.pools.ip.idOf(ip);
  const both = loaded.config.analysisDirection === 'all';
  const { saddr, daddr } = t.codes;
  const ts = t.num.ts;
  const grid = loaded.grid;
  const origin = grid.origin ?? 0;
  const rows: number[] = [];
  const roles: Role[] = [];
  for (let r = 0; r < t.length && id >= 0; r++) {
    let role: Role;
    if (saddr[r] === id) role = 'Client';
    else if (both && daddr[r] === id) role = 'Server';
    else continue;
    if (tw !== undefined && Math.floor((ts[r]! - origin) / grid.width) + 1 !== tw) continue;
    rows.push(r);
    roles.push(role);
  }
  const order = rows.map((_, i) => i).sort((a, b) => ts[rows[a]!]! - ts[rows[b]!]! || a - b);
  const opts = { humanTimestamp: loaded.config.timelineHumanTimestamp, ports: shippedServiceNames() };
  const page: TimelineRow[] = [];
  for (const i of order.slice(offset, offset + MAX_ROWS)) {
    const row = rows[i]!;
    const rec = t.record(row);
    const role = roles[i]!;
    const names = loaded.sink.namesAs[role][row];
    const state = interpretState(rec.state, rec.spkts + rec.dpkts, rec.source);
    const n = Math.floor((rec.ts - origin) / grid.width) + 1;
    const activity = buildActivity({ rec, role, state, names }, loaded.sink.altAs[role][row], opts, {
      profile: ip,
      timewindow: n,
    });
    for (const k of Object.keys(activity)) activity[k] = capNested(activity[k]);
    page.push({ ts: rec.ts, tw: n, line: String(capValue(renderEntry({ ts: rec.ts, activity }))), activity });
  }
  return { kind: 'timeline', ip, tw: tw ?? null, total: rows.length, offset, rows: page };
}

/** Traffic strings sit inside `info` objects too (user agents, URIs). */
function capNested(v: unknown): unknown {
  if (typeof v === 'string') return capValue(v);
  if (Array.isArray(v)) return v.map(capNested);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, capNested(x)]),
    );
  return v;
}
