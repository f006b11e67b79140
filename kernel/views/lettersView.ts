// `letters IP [tw N]`: the behavioural letters of each tuple of the profile, per window. The engine
// folds a window's tuples from its connections on demand (windowBehaviour); the session kept every
// connection, so the same function folds them again here, in input order, as the profiler did.
import { emptyWindow } from '../../engine/profiler/window';
import { windowBehaviour } from '../../engine/profiler/windowBehaviour';
import type { TimeWindow, Tuple } from '../../engine/profiler/types';
import { MAX_ROWS, type LettersPayload, type LettersRow } from '../protocol';
import type { Loaded } from '../session/session';
import { capString } from './cap';

export function lettersPayload(loaded: Loaded, ip: string, tw: number | undefined): LettersPayload {
  const windows = profileWindows(loaded, ip, tw);
  const all: LettersRow[] = [];
  for (const w of [...windows.values()].sort((a, b) => a.number - b.number)) {
    const b = windowBehaviour(w);
    if (!b) continue;
    all.push(...rowsOf(w.number, 'out', b.outTuples), ...rowsOf(w.number, 'in', b.inTuples));
  }
  return { kind: 'letters', ip, total: all.length, rows: all.slice(0, MAX_ROWS) };
}

/** The profile's connections grouped into windows, as the profiler placed them (Client, or Server with direction=all). */
function profileWindows(loaded: Loaded, ip: string, only: number | undefined): Map<number, TimeWindow> {
  const t = loaded.sink.conn;
  const id = t.pools.ip.idOf(ip);
  const both = loaded.config.analysisDirection === 'all';
  const { saddr, daddr } = t.codes;
  const grid = loaded.grid;
  const origin = grid.origin ?? 0;
  const windows = new Map<number, TimeWindow>();
  for (let r = 0; r < t.length && id >= 0; r++) {
    if (saddr[r] !== id && !(both && daddr[r] === id)) continue;
    const n = Math.floor((t.num.ts[r]! - origin) / grid.width) + 1;
    if (only !== undefined && n !== only) continue;
    let w = windows.get(n);
    if (!w) {
      w = emptyWindow(ip, n, origin + grid.width * (n - 1), origin + grid.width * n);
      windows.set(n, w);
    }
    w.detail!.flows.push(t.record(r));
  }
  return windows;
}

/** Busiest tuples first within a window and direction; ties by key for a stable order. */
function rowsOf(tw: number, direction: 'out' | 'in', tuples: Map<string, Tuple>): LettersRow[] {
  return [...tuples]
    .map(([tuple, t]) => ({ tw, direction, tuple, flows: t.flows, letters: capString(t.letters) }))
    .sort((a, b) => b.flows - a.flows || (a.tuple < b.tuple ? -1 : a.tuple > b.tuple ? 1 : 0));
}
