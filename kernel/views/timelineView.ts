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

/** The profile's entries in time order, found once so that every later page is a slice of it. */
export interface TimelineIndex {
  ip: string;
  tw: number | undefined;
  /** Row ids of the conn table, in time order. */
  rows: number[];
  roles: Role[];
}

export function timelinePayload(
  loaded: Loaded,
  ip: string,
  tw: number | undefined,
  offset = 0,
): TimelinePayload {
  const index = timelineIndex(loaded, ip, tw);
  return {
    kind: 'timeline',
    ip,
    tw: tw ?? null,
    total: index.rows.length,
    offset,
    rows: timelinePage(loaded, index, offset, MAX_ROWS),
  };
}

export function timelineIndex(loaded: Loaded, ip: string, tw: number | undefined): TimelineIndex {
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
  return { ip, tw, rows: order.map((i) => rows[i]!), roles: order.map((i) => roles[i]!) };
}

/** Entries `offset … offset+limit` of the timeline, each built from its record only now. */
export function timelinePage(
  loaded: Loaded,
  index: TimelineIndex,
  offset: number,
  limit: number,
): TimelineRow[] {
  const t = loaded.sink.conn;
  const grid = loaded.grid;
  const origin = grid.origin ?? 0;
  const opts = { humanTimestamp: loaded.config.timelineHumanTimestamp, ports: shippedServiceNames() };
  const page: TimelineRow[] = [];
  const end = Math.min(index.rows.length, offset + limit);
  for (let i = Math.max(0, offset); i < end; i++) {
    const row = index.rows[i]!;
    const rec = t.record(row);
    const role = index.roles[i]!;
    const names = loaded.sink.namesAs[role][row];
    const state = interpretState(rec.state, rec.spkts + rec.dpkts, rec.source);
    const n = Math.floor((rec.ts - origin) / grid.width) + 1;
    const activity = buildActivity({ rec, role, state, names }, loaded.sink.altAs[role][row], opts, {
      profile: index.ip,
      timewindow: n,
    });
    for (const k of Object.keys(activity)) activity[k] = capNested(activity[k]);
    page.push({ ts: rec.ts, tw: n, line: String(capValue(renderEntry({ ts: rec.ts, activity }))), activity });
  }
  return page;
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
